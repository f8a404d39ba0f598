// `npm start`: serves the API and the page.
import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createApp } from './app.ts';

const Config = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
});

const config = Config.parse(process.env);
serve({ fetch: createApp().fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  console.log(`jixiao listening on http://${config.HOST}:${info.port}`);
});

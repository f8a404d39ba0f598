// `npm start`: serves the API and the page, with the settings from the environment.
import { serve } from '@hono/node-server';
import { createServer } from './app.ts';
import { readConfig } from './config.ts';

const read = readConfig(process.env);
if (!read.ok) {
  console.error(`jixiao: bad settings:\n  ${read.problems.join('\n  ')}`);
  process.exit(2);
}
const { config } = read;
const server = createServer(config);
const http = serve({ fetch: server.app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  console.log(`jixiao listening on http://${config.HOST}:${info.port} (API docs: /docs)`);
});
// The reading workers load while the first requests are already answered.
void server.runner.warm();

const stop = () => {
  http.close();
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

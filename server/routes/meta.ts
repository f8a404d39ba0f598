// The server about itself: health, the OpenAPI document generated from the route schemas, and a
// page that renders it (Swagger UI from the swagger-ui-dist package, served here: no CDN).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { severities } from '../../schemas/findings.ts';
import { rules } from '../../validate/rules/index.ts';
import { ERROR_MESSAGES } from '../../vocab/error-messages.ts';
import type { TaskRunner } from '../tasks/runner.ts';

const Health = z.object({
  ok: z.literal(true),
  version: z.string().describe('jixiao version'),
  schemaVersion: z.string().describe('extraction contract version'),
  reading: z.object({ running: z.number().int(), queued: z.number().int() }).describe('files being read now, and waiting'),
  model: z.string().nullable().describe('the chat model the llm and auto engines use, or null when no endpoint is configured'),
});

const Messages = z
  .object({
    errors: z.record(z.string(), z.string()).describe('error code → what it means, in Chinese (vocab/error-messages.ts)'),
    rules: z.record(z.string(), z.object({ severity: z.enum(severities), title: z.string() })).describe('review rule code → its severity and what it checks, in Chinese'),
  })
  .describe('what each code means, for a person: the page says errors and findings in these words, the code only as a detail');

/** Built once: both tables are constants. */
const MESSAGES = {
  errors: ERROR_MESSAGES,
  rules: Object.fromEntries(rules.map((rule) => [rule.code, { severity: rule.severity, title: rule.title }])),
};

const swaggerFolder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="api"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true });`;

export function registerMetaRoutes(app: OpenAPIHono, deps: { runner: TaskRunner; version: string; schemaVersion: string; model: string | null }): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Is the server up, and how busy is it',
      responses: { 200: { description: 'up', content: { 'application/json': { schema: Health } } } },
    }),
    (c) => c.json({ ok: true as const, version: deps.version, schemaVersion: deps.schemaVersion, reading: deps.runner.load, model: deps.model }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/messages',
      summary: 'What each error and rule code means, in Chinese',
      responses: { 200: { description: 'the codes and their meaning', content: { 'application/json': { schema: Messages } } } },
    }),
    (c) => c.json(MESSAGES, 200),
  );

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'jixiao API',
      version: deps.version,
      description: 'Chinese budget-performance tables (绩效目标表) to structured JSON. Errors are { error: { code, message } }.',
    },
  });

  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/init.js', (c) => c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/:file', async (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_FILES[file];
    if (!type) return c.notFound();
    return c.body(await readFile(join(swaggerFolder, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}

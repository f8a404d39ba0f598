// The OpenAPI document passes a validator (@readme/openapi-parser, the maintained fork of
// swagger-parser) and describes every route the app answers, with schemas for each.
import { validate } from '@readme/openapi-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from './config.ts';
import { createServer } from './app.ts';

const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
afterAll(() => server.close());

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await (await server.app.request('/openapi.json')).json();
    const result = await validate(doc);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every API route, each with a summary, its responses and their schemas', async () => {
    const doc = await (await server.app.request('/openapi.json')).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, { summary?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, operation })),
    );
    const answered = server.app.routes.filter((route) => route.path.startsWith('/api/') && route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
    expect(documented.map(({ route }) => route).sort()).toEqual([...new Set(answered)].sort());
    for (const { route, operation } of documented) {
      expect(operation.summary, route).toBeTruthy();
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) expect(media.schema, `${route} ${status} ${type}`).toBeTruthy();
      }
    }
  });
});

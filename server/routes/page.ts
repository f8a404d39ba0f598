// The web page: static files from server/page/, read once at start. Everything it needs is here,
// so it works without network access.
import { readFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';

const FILES: Record<string, { name: string; type: string }> = {
  '/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/assets/app.js': { name: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/assets/style.css': { name: 'style.css', type: 'text/css; charset=utf-8' },
};

export function registerPageRoutes(app: OpenAPIHono): void {
  for (const [path, { name, type }] of Object.entries(FILES)) {
    const body = readFileSync(new URL(`../page/${name}`, import.meta.url), 'utf8');
    app.get(path, (c) => c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' }));
  }
}

// Another site's page, in a real browser, against a server on loopback without a token: it cannot
// read the API's answers (CORS is closed), and the requests a browser lets it send without asking (a
// form posted as text/plain, a no-cors fetch) cannot add to the library. The server's own page can.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from '../../server/app.ts';
import { defaultConfig } from '../../server/config.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';
import { oneTable } from '../support/one-table.ts';

let server: Server;
let api: ServerType;
let other: ServerType;
let apiBase: string;
let otherBase: string;
let browser: Browser;

const listen = (fetch: (request: Request) => Response | Promise<Response>) =>
  new Promise<ServerType>((resolve) => {
    const started = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });

beforeAll(async () => {
  server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
  api = await listen(server.app.fetch);
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  // Another origin (another port): a page that tries to use the API.
  other = await listen(() => new Response('<!doctype html><title>other site</title><body></body>', { headers: { 'content-type': 'text/html' } }));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  api?.close();
  other?.close();
  await server?.close();
});

describe('another site’s page in Chromium', () => {
  it('cannot read the API, nor add to the library by form or no-cors fetch; the server’s own page can', { timeout: 60_000 }, async () => {
    await server.ready;
    const before = await server.library.counts();
    const page = await browser.newPage();
    await page.goto(otherBase);

    const read = await page.evaluate(async (url) => fetch(`${url}/api/library/projects`).then(() => 'read', (error: Error) => `blocked: ${error.name}`), apiBase);
    expect(read).toMatch(/^blocked/);

    await page.evaluate(
      async ({ url, text }) => {
        // Sent all the same; its answer is kept from the other page (Cross-Origin-Resource-Policy), so the fetch rejects.
        await fetch(`${url}/api/library/documents`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: text }).catch(() => null);
      },
      { url: apiBase, text: oneTable('2026年度跨站请求测试经费') },
    );
    const answered = page.waitForResponse((response) => response.url().startsWith(`${apiBase}/api/library/documents`));
    await page.evaluate(
      ({ url, text }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.enctype = 'text/plain';
        form.action = `${url}/api/library/documents`;
        const field = document.createElement('textarea');
        field.name = 'text';
        field.value = text;
        form.append(field);
        document.body.append(form);
        form.submit();
      },
      { url: apiBase, text: oneTable('2026年度跨站表单测试经费') },
    );
    expect((await answered).status()).toBe(403);
    expect(await server.library.counts()).toEqual(before);

    // The server's own page (same origin) adds a document.
    const own = await browser.newPage();
    await own.goto(apiBase);
    const status = await own.evaluate(
      async ({ text }) => (await fetch('/api/library/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).status,
      { text: oneTable('2026年度本站页面测试经费') },
    );
    expect(status).toBe(201);
    expect((await server.library.counts()).projects).toBe(before.projects + 1);
    await page.close();
    await own.close();
  });
});

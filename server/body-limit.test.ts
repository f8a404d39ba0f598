// The body limit over a real socket: a declared length over the limit is refused before the body
// is read, a body of no declared length (chunked) is counted as it arrives, and a body within the
// limit reaches the handler whole, by either framing.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimit } from './body-limit.ts';

const LIMIT = 1000;

function app(): Hono {
  const hono = new Hono();
  hono.use('*', bodyLimit({ maxSize: LIMIT, onError: (c) => c.json({ code: 'FILE_TOO_LARGE' }, 413) }));
  hono.post('/echo', async (c) => c.json({ length: (await c.req.text()).length }));
  hono.get('/echo', (c) => c.json({ get: true }));
  return hono;
}

let server: ServerType;
let port: number;
beforeAll(async () => {
  server = serve({ fetch: app().fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a body in the given chunks, with Content-Length when `declare` is set, else chunked. */
function send(chunks: string[], declare: boolean, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/echo', method, headers: declare ? { 'content-length': String(length) } : { 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    // A refused body may be cut off while it is still being written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('bodyLimit', () => {
  it('passes a body within the limit whole, with a declared length or chunked', async () => {
    expect(await send(['a'.repeat(LIMIT)], true)).toEqual({ status: 200, body: { length: LIMIT } });
    expect(await send(['a'.repeat(600), 'b'.repeat(400)], false)).toEqual({ status: 200, body: { length: LIMIT } });
  });

  it('refuses a declared length over the limit, and a chunked body once it passes the limit', async () => {
    expect(await send(['a'.repeat(LIMIT + 1)], true)).toEqual({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
    expect(await send(['a'.repeat(600), 'b'.repeat(600)], false)).toEqual({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
  });

  it('lets requests without a body through', async () => {
    expect(await send([], false, 'GET')).toEqual({ status: 200, body: { get: true } });
  });

  it('counts a body of no declared length in process too (app.request)', async () => {
    const res = await app().request('/echo', { method: 'POST', body: new Uint8Array(LIMIT + 1) });
    expect(res.status).toBe(413);
  });
});

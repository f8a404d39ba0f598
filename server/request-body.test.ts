// Request bodies: a form is read as it streams in (the file and the fields beside it), a body is
// read once however many helpers ask for it, and a client that hangs up mid-upload is answered
// without a stack trace in the log.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors.ts';
import { readingInput } from './request-body.ts';

function app(): Hono {
  const hono = new Hono();
  hono.post('/read', async (c) => {
    const first = await readingInput(c);
    const again = await readingInput(c);
    const bytes = first.kind === 'file' ? first.bytes.byteLength : first.text.length;
    return c.json({ kind: first.kind, bytes, filename: first.kind === 'file' ? first.filename : null, fields: first.fields, same: first === again });
  });
  hono.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ code: error.code }, error.status);
    console.error(error);
    return c.json({ code: 'INTERNAL' }, 500);
  });
  return hono;
}

afterEach(() => vi.restoreAllMocks());

describe('readingInput', () => {
  it('reads a form’s file and the fields beside it, once', async () => {
    const form = new FormData();
    form.append('region', '保定');
    form.append('file', new File([new Uint8Array(300_000).fill(7)], '表.pdf'));
    const res = await app().request('/read', { method: 'POST', body: form });
    expect(await res.json()).toEqual({ kind: 'file', bytes: 300_000, filename: '表.pdf', fields: { region: '保定' }, same: true });
  });

  it('answers 400 for a form without a file field, and for a broken form', async () => {
    const form = new FormData();
    form.append('text', 'x');
    expect((await app().request('/read', { method: 'POST', body: form })).status).toBe(400);
    const broken = await app().request('/read', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc' });
    expect(broken.status).toBe(400);
  });

  it('logs no stack when a client hangs up mid-upload', { timeout: 30_000 }, async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const server = serve({ fetch: app().fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /read HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n`);
        socket.write(Buffer.alloc(100_000, 1), () => setTimeout(() => (socket.destroy(), resolve()), 100));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.close();
    expect(errors).not.toHaveBeenCalled();
  });
});

// The Hono app: thin routes over the extraction stage. (The full API, page and limits are issue #4.)
import { Hono } from 'hono';
import { z } from 'zod';
import { extract, extractText } from '../extract/index.ts';
import { MAX_INPUT_BYTES } from '../ingest/index.ts';
import { page } from './page.ts';

const ExtractBody = z.object({ text: z.string().describe('pasted document text') });

export function createApp(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(page));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.post('/api/extract', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let bytes: Uint8Array;
    let filename: string | null = null;
    if (type.includes('application/json')) {
      const parsed = ExtractBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return c.json({ error: { code: 'BAD_REQUEST', message: 'expected JSON { "text": string }' } }, 400);
      return c.json(extractText(parsed.data.text));
    } else if (type.includes('multipart/form-data')) {
      const file = (await c.req.parseBody())['file'];
      if (!(file instanceof File)) return c.json({ error: { code: 'BAD_REQUEST', message: 'expected a multipart field "file"' } }, 400);
      bytes = new Uint8Array(await file.arrayBuffer());
      filename = file.name;
    } else {
      bytes = new Uint8Array(await c.req.arrayBuffer());
    }
    if (bytes.byteLength > MAX_INPUT_BYTES) return c.json({ error: { code: 'FILE_TOO_LARGE', message: `limit is ${MAX_INPUT_BYTES} bytes` } }, 413);
    const result = await extract({ bytes, filename });
    if (!result.ok) return c.json({ error: { code: result.error.code, message: result.error.message } }, 422);
    return c.json(result.extraction);
  });
  app.onError((error, c) => c.json({ error: { code: 'INTERNAL', message: error.message } }, 500));
  return app;
}

// What a reading request carries: pasted text as JSON { text }, a file in a multipart form field
// `file`, or the file's bytes as the body itself. Each is checked against its schema here.
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from './errors.ts';

export const TextBody = z.object({ text: z.string().describe('pasted document text (any of the paste forms)') }).describe('pasted text');

export const FileForm = z
  .object({ file: z.string().meta({ type: 'string', format: 'binary' }).describe('the document: docx, xlsx, csv, pdf, png, jpeg, tiff, html or text') })
  .describe('an uploaded file');

export type ReadingInput = { kind: 'text'; text: string } | { kind: 'file'; bytes: Uint8Array; filename: string | null };

/** The request body as text or a file, or a 400 naming what is wrong with it. */
export async function readingInput(c: Context): Promise<ReadingInput> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const json: unknown = await c.req.json().catch(() => undefined);
    const parsed = TextBody.safeParse(json);
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', json === undefined ? 'the body is not valid JSON' : 'expected JSON { "text": string }');
    return { kind: 'text', text: parsed.data.text };
  }
  if (type.includes('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => null);
    const file = form?.['file'];
    if (!(file instanceof File)) throw new ApiError(400, 'BAD_REQUEST', 'expected a multipart form with a field "file" holding the document');
    return { kind: 'file', bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name || null };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return { kind: 'file', bytes, filename: c.req.header('x-filename') ?? null };
}

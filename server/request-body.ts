// What a reading request carries: pasted text as JSON { text }, a file in a multipart form field
// `file`, or the file's bytes as the body itself. Each is checked against its schema here. A form is
// parsed as it streams in (busboy), chunk by chunk: parsing a 50 MB form at once held the event
// loop for over a second, and every other request (health checks among them) with it.
import { Busboy } from '@fastify/busboy';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from './errors.ts';

export const TextBody = z.object({ text: z.string().describe('pasted document text (any of the paste forms)') }).describe('pasted text');

export const FileForm = z
  .object({ file: z.string().meta({ type: 'string', format: 'binary' }).describe('the document: docx, xlsx, csv, pdf, png, jpeg, tiff, html or text') })
  .describe('an uploaded file');

/** The document, and the other fields sent beside it (`region` for the library). */
export type ReadingInput = ({ kind: 'text'; text: string } | { kind: 'file'; bytes: Uint8Array; filename: string | null }) & { fields: Record<string, unknown> };

/** Form fields besides the file, and their size: a form is a document and a few words. */
const FORM_LIMITS = { files: 1, fields: 16, fieldSize: 64 * 1024, parts: 20 };

/** How much of a form is parsed between turns of the event loop (about 5 ms of work on a busy core). */
const YIELD_EVERY_BYTES = 256 * 1024;

const badForm = () => new ApiError(400, 'BAD_REQUEST', 'expected a multipart form with a field "file" holding the document');

/**
 * The file's bytes copied, chunk by chunk as they arrive, into one buffer of the body's declared
 * length: the copying is spread over the upload, between turns of the event loop. Gathering the
 * chunks and joining them at the end copied 50 MB in one go, which held the loop for up to half a
 * second (health checks and every other request waited). The buffer is the reading's own, so it can
 * be moved to a worker whole. A body of no declared length grows its buffer by doubling.
 */
class ByteCollector {
  private buffer: Uint8Array;
  private length = 0;

  constructor(expected: number) {
    this.buffer = new Uint8Array(Math.max(expected, 64 * 1024));
  }

  push(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.length + chunk.byteLength));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
  }

  /** The bytes, a view on a buffer no one else holds (the body's framing is the rest of it). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** A multipart body read as it arrives: the file's bytes gathered chunk by chunk, the other fields as text. */
async function readForm(c: Context): Promise<ReadingInput> {
  const body = c.req.raw.body;
  if (!body) throw badForm();
  const parser = new Busboy({ headers: { 'content-type': c.req.header('content-type') ?? '' }, limits: FORM_LIMITS });
  // The declared length bounds the file (the body limit has already refused one over the cap).
  const declared = Number(c.req.header('content-length'));
  const collector = new ByteCollector(Number.isSafeInteger(declared) && declared > 0 ? declared : 0);
  const fields: Record<string, unknown> = {};
  let filename: string | null = null;
  let sawFile = false;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (field: string, stream: NodeJS.ReadableStream, name: string) => {
      // A part cut off mid-way fails the form (the parser says so too).
      stream.on('error', reject);
      if (field !== 'file' || sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      filename = name || null;
      stream.on('data', (chunk: Buffer) => collector.push(chunk));
    });
    parser.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    parser.on('finish', () => resolve());
    parser.on('error', (error: Error) => reject(error));
  });
  try {
    let sinceYield = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      // Chunks that have all arrived are read in one run of promise callbacks, which no timer or
      // other request can enter: every quarter MB the loop lets them in.
      sinceYield += chunk.byteLength;
      if (sinceYield >= YIELD_EVERY_BYTES) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    parser.end();
    await parsed;
  } catch (error) {
    // The body limit's own answer (413) passes through; a broken form is the client's.
    if (error instanceof Error && error.name === 'BodyLimitError') throw error;
    if (error instanceof ApiError) throw error;
    throw badForm();
  }
  if (!sawFile) throw badForm();
  return { kind: 'file', bytes: collector.bytes(), filename, fields };
}

async function read(c: Context): Promise<ReadingInput> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const json: unknown = await c.req.json().catch(() => undefined);
    const parsed = TextBody.safeParse(json);
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', json === undefined ? 'the body is not valid JSON' : 'expected JSON { "text": string }');
    return { kind: 'text', text: parsed.data.text, fields: json as Record<string, unknown> };
  }
  if (type.includes('multipart/form-data')) return readForm(c);
  const bytes = new Uint8Array(
    await c.req.arrayBuffer().catch((error: unknown) => {
      // A client that hung up mid-upload is no fault of the server's: answered (to no one), not logged with a stack.
      if (c.req.raw.signal.aborted) throw new ApiError(400, 'CLIENT_GONE', 'the client closed the connection before the body arrived');
      throw error;
    }),
  );
  return { kind: 'file', bytes, filename: c.req.header('x-filename') ?? null, fields: {} };
}

/** A body is read once; the route and its helpers (the library's region) share it. */
const readings = new WeakMap<Request, Promise<ReadingInput>>();

/** The request body as text or a file, or a 400 naming what is wrong with it. */
export function readingInput(c: Context): Promise<ReadingInput> {
  let reading = readings.get(c.req.raw);
  if (!reading) {
    reading = read(c);
    readings.set(c.req.raw, reading);
  }
  return reading;
}

// Every server setting, from environment variables through this one schema (README lists them);
// the model path's settings (llm/config.ts) are part of it.
import { z } from 'zod';
import type { IngestLimits } from '../ingest/index.ts';
import { DEFAULT_LIBRARY_PATH } from '../library/open.ts';
import { LlmConfig } from '../llm/config.ts';
import { accessProblem } from './access.ts';

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
/** An empty variable (TOKEN= in a shell or a .env file) is an unset one. */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** What bearer tokens may hold (RFC 6750's token68), so that a token set can ever be sent. */
const TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;
const ORIGIN = /^https?:\/\/[^/\s,]+$/;

export const ServerConfig = LlmConfig.extend({
  HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787).describe('port (0: any free port)'),
  MAX_UPLOAD_MB: positiveNumber(50).describe('largest request body, in MB'),
  REQUEST_TIMEOUT_SECONDS: positiveNumber(120).describe('longest a request may take before TIMEOUT (504); jobs are not bound by it'),
  JOB_CONCURRENCY: count(1).describe('files read at once (each in its own worker thread; OCR uses both cores of a 2-core machine)'),
  JOB_QUEUE_SIZE: count(16, 0).describe('files waiting their turn; more get 429 with Retry-After'),
  JOB_TTL_MINUTES: positiveNumber(30).describe('how long a finished job and its pages are kept'),
  MAX_SYNC_TEXT_KB: positiveNumber(256).describe('pasted text up to this size is read on the spot; longer text goes through the job queue'),
  MAX_TEXT_CHARS: count(10_000_000).describe('most characters of text, pasted or in a text, CSV or HTML file (TEXT_TOO_LONG)'),
  MAX_CELLS: count(1_000_000).describe('most table cells in one document, merged cells counted for each position they cover (TOO_MANY_CELLS)'),
  MAX_DECOMPRESSED_MB: positiveNumber(200).describe('largest total a docx/xlsx may inflate to (DECOMPRESSED_TOO_LARGE)'),
  MAX_PAGES: count(300).describe('most pages of a PDF or multi-page TIFF (TOO_MANY_PAGES)'),
  MAX_IMAGE_MEGAPIXELS: positiveNumber(100).describe('largest image, in millions of pixels (IMAGE_TOO_LARGE)'),
  TASK_TIMEOUT_SECONDS: positiveNumber(300).describe('longest one reading (a file, long text, a page image) may run in its worker before the worker is stopped (TIMEOUT); a request is also stopped when its client goes away or REQUEST_TIMEOUT_SECONDS passes'),
  WORKER_MEMORY_MB: positiveNumber(1024).describe('heap one reading worker may grow to; a document that needs more is refused (TOO_COMPLEX) and the worker replaced'),
  JOB_KEEP_MAX: count(200).describe('finished jobs kept at most (with their input, for page images); past it the oldest go before JOB_TTL_MINUTES'),
  JIXIAO_TOKEN: z
    .preprocess(unsetWhenEmpty, z.string().min(16).regex(TOKEN, 'letters, digits and . _ ~ + / - only (a bearer token)').optional())
    .describe('bearer token that changing the library (adding, removing) requires; required when HOST is not a loopback address'),
  CORS_ORIGINS: z
    .preprocess(
      unsetWhenEmpty,
      z
        .string()
        .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
        .pipe(z.array(z.string().regex(ORIGIN, 'an origin such as https://budget.example.gov.cn (scheme, host, port; no path)')))
        .optional(),
    )
    .transform((origins) => origins ?? [])
    .describe('web origins, comma-separated, whose pages may call the API from the browser; none by default (CORS closed)'),
  JIXIAO_LIBRARY: z.string().min(1).default(DEFAULT_LIBRARY_PATH).describe('the library file (SQLite) drafting draws on; seeded from the fixtures when empty; :memory: for none kept'),
  DATABASE_URL: z
    .preprocess(unsetWhenEmpty, z.string().regex(/^postgres(ql)?:\/\//i, 'a PostgreSQL URL: postgres://user:password@host:5432/database').optional())
    .describe('the library in PostgreSQL, shared by servers and processes (its schema migrated when opened); when set, it is the library instead of JIXIAO_LIBRARY'),
});

export type ServerConfig = z.infer<typeof ServerConfig>;

/**
 * The settings from an environment, or the problems with it, one per line. Settings that would let
 * anyone on the network change the library (a HOST beyond loopback without JIXIAO_TOKEN) are one.
 */
export function readConfig(env: Record<string, string | undefined>): { ok: true; config: ServerConfig } | { ok: false; problems: string[] } {
  // An empty variable (OPENAI_API_KEY= in a shell or a .env file) is an unset one.
  const parsed = ServerConfig.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const problem = accessProblem(parsed.data);
  if (problem) return { ok: false, problems: [`JIXIAO_TOKEN: ${problem}`] };
  return { ok: true, config: parsed.data };
}

/** The reading limits the settings give, for the readers (ingest/limits.ts). */
export function ingestLimitsOf(config: ServerConfig): IngestLimits {
  return {
    maxInputBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
    maxDecompressedBytes: config.MAX_DECOMPRESSED_MB * 1024 * 1024,
    maxPages: config.MAX_PAGES,
    maxImagePixels: Math.round(config.MAX_IMAGE_MEGAPIXELS * 1_000_000),
    maxTextChars: config.MAX_TEXT_CHARS,
    maxCells: config.MAX_CELLS,
  };
}

/** The settings with their defaults, for tests and tools. */
export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...ServerConfig.parse({}), ...overrides };
}

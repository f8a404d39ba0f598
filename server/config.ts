// Every server setting, from environment variables through this one schema (README lists them);
// the model path's settings (llm/config.ts) are part of it.
import { z } from 'zod';
import { DEFAULT_LIBRARY_PATH } from '../library/open.ts';
import { LlmConfig } from '../llm/config.ts';

const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);
const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const ServerConfig = LlmConfig.extend({
  HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787).describe('port (0: any free port)'),
  MAX_UPLOAD_MB: positiveNumber(50).describe('largest request body, in MB'),
  REQUEST_TIMEOUT_SECONDS: positiveNumber(120).describe('longest a request may take before TIMEOUT (504); jobs are not bound by it'),
  JOB_CONCURRENCY: count(1).describe('files read at once (each in its own worker thread; OCR uses both cores of a 2-core machine)'),
  JOB_QUEUE_SIZE: count(16, 0).describe('files waiting their turn; more get 429 with Retry-After'),
  JOB_TTL_MINUTES: positiveNumber(30).describe('how long a finished job and its pages are kept'),
  MAX_SYNC_TEXT_KB: positiveNumber(256).describe('pasted text up to this size is read on the spot; longer text goes through the job queue'),
  JIXIAO_LIBRARY: z.string().min(1).default(DEFAULT_LIBRARY_PATH).describe('the library file (SQLite) drafting draws on; seeded from the fixtures when empty; :memory: for none kept'),
});

export type ServerConfig = z.infer<typeof ServerConfig>;

/** The settings from an environment, or the problems with it, one per line. */
export function readConfig(env: Record<string, string | undefined>): { ok: true; config: ServerConfig } | { ok: false; problems: string[] } {
  const parsed = ServerConfig.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}

/** The settings with their defaults, for tests and tools. */
export function defaultConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...ServerConfig.parse({}), ...overrides };
}

// The package's programmatic entry (`import { extract } from 'jixiao'`): read a document, review it,
// draft a new project from a library. A thin face over the stages, which stay the same code the CLI
// and the server run; failures are thrown as JixiaoError with a stable code and a Chinese message.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { IngestLimits } from '../ingest/index.ts';
import { draftProject, type DraftOptions } from '../draft/drafter.ts';
import { LibraryError } from '../library/errors.ts';
import { openLibrary as openStore, libraryLocation } from '../library/open.ts';
import { seedIfEmpty } from '../library/seed.ts';
import type { LibraryStore } from '../library/store.ts';
import { llmConfig, type LlmConfig } from '../llm/config.ts';
import { EngineError, extractTextWithEngine, extractWithEngine } from '../pipeline/index.ts';
import type { EngineName, Extraction } from '../schemas/extraction.ts';
import type { ValidationResult } from '../schemas/findings.ts';
import { DraftRequest, type Draft } from '../schemas/library.ts';
import { ExtractionInput } from '../validate/input.ts';
import { defaultConfig, type ValidatorConfig } from '../validate/config.ts';
import { validationResult } from '../validate/result.ts';
import { errorLine } from '../vocab/error-messages.ts';

export { VERSION as version } from '../pipeline/version.ts';
export type { LibraryStore } from '../library/store.ts';
export type { Extraction, Project, Indicator, Value, Warning } from '../schemas/extraction.ts';
export type { Finding, ValidationResult } from '../schemas/findings.ts';
export type { Draft, DraftRequest, DraftIndicator } from '../schemas/library.ts';
export type { ValidatorConfig } from '../validate/config.ts';
export type { LlmConfig } from '../llm/config.ts';
export { ERROR_MESSAGES } from '../vocab/error-messages.ts';

/** Why something could not be done: `code` is stable (UNSUPPORTED_FORMAT, MODEL_NOT_CONFIGURED …), `message` says it in Chinese, `detail` is the reader's own words. */
export class JixiaoError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string = '',
  ) {
    super(errorLine(code, detail));
    this.name = 'JixiaoError';
  }
}

export interface ExtractOptions {
  /** the file's name: its extension helps tell the format, and it is kept in `source.filename` */
  filename?: string;
  /** rules (default, no network), llm (the model only; fails without one) or auto (the model where it helps, else the rules) */
  engine?: EngineName;
  /** the model endpoint for llm/auto; by default read from OPENAI_BASE_URL, OPENAI_API_KEY, JIXIAO_MODEL … */
  llm?: LlmConfig;
  /** tighter (or looser) limits than the defaults: maxBytes, maxPages, maxChars … */
  limits?: Partial<IngestLimits>;
  /** called as a long document (a PDF, a scan) is read */
  onProgress?: (progress: { stage: string; done: number; total: number }) => void;
}

/** Text and paths are told apart by the caller: a string is the document's text (pasted from a page or a file already read). */
export type ExtractInput = string | Uint8Array | ArrayBuffer;

async function engineOptions(options: ExtractOptions): Promise<{ engine: EngineName; llm: Awaited<ReturnType<typeof import('../llm/client.ts').createLlm>> | null }> {
  const engine = options.engine ?? 'rules';
  if (engine === 'rules') return { engine, llm: null };
  const config = options.llm ?? llmConfig();
  // The model client (the openai SDK) is loaded only when a model engine is asked for.
  return { engine, llm: config ? (await import('../llm/client.ts')).createLlm(config) : null };
}

/**
 * Reads every project table of a document: text, or the bytes of a .docx, .pdf, .xlsx, .csv, .html
 * or image file. A document with no table is not an error: the extraction has no projects and a
 * NO_TABLES_FOUND warning (see `nothingRead`). A document that cannot be read throws JixiaoError.
 */
export async function extract(input: ExtractInput, options: ExtractOptions = {}): Promise<Extraction> {
  const engine = await engineOptions(options);
  try {
    if (typeof input === 'string') {
      const extraction = await extractTextWithEngine(input, engine, options.limits);
      return options.filename ? { ...extraction, source: { ...extraction.source, filename: options.filename } } : extraction;
    }
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
    const result = await extractWithEngine({ bytes, filename: options.filename ?? null, ...options.limits, onProgress: options.onProgress }, engine);
    if (!result.ok) throw new JixiaoError(result.error.code, result.error.message);
    return result.extraction;
  } catch (error) {
    if (error instanceof EngineError) throw new JixiaoError(error.code, error.message);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.name === 'IngestError') throw new JixiaoError(error.code, error.message);
    throw error;
  }
}

/** A file by its path: `extract` of its bytes, with its name. A missing file throws JixiaoError FILE_NOT_FOUND. */
export async function extractFile(path: string, options: ExtractOptions = {}): Promise<Extraction> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JixiaoError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `${path}: ${code ?? String(error)}`);
  }
  return extract(bytes, { filename: basename(path), ...options });
}

/** A schema's complaints as one line, each with the path it is about. */
function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** True when the reading found no project and no goal: the document was opened but held no table that was read. */
export function nothingRead(extraction: Extraction): boolean {
  return extraction.document.projects.length === 0 && extraction.document.objectives.length === 0;
}

/**
 * The reviewers' findings (审核意见) of an extraction, with counts. Accepts an extraction as
 * `extract` gives it or as edited and stored (JSON parsed); an object that is not one throws
 * JixiaoError SCHEMA_INVALID.
 */
export function validate(extraction: unknown, config: ValidatorConfig = defaultConfig): ValidationResult {
  const parsed = ExtractionInput.safeParse(extraction);
  if (!parsed.success) throw new JixiaoError('SCHEMA_INVALID', issuesText(parsed.error));
  return validationResult(parsed.data.source.filename ?? null, parsed.data.document, config);
}

export interface OpenLibraryOptions {
  /** fill an empty library with the starter projects (the seeds and the real forms) as the CLI and the server do; default true */
  starter?: boolean;
}

/**
 * The library of past projects: `location`, else DATABASE_URL (a postgres:// URL: PostgreSQL, its
 * schema migrated on opening), else JIXIAO_LIBRARY, else data/library.sqlite; ':memory:' for an
 * SQLite one that lives as long as the process. Close it with `await library.close()`.
 */
export async function openLibrary(location?: string, options: OpenLibraryOptions = {}): Promise<LibraryStore> {
  let library: LibraryStore | null = null;
  try {
    library = openStore(libraryLocation(location));
    // Seeding, or counting, reaches the library: one that cannot be opened says so here.
    if (options.starter !== false) await seedIfEmpty(library);
    else await library.projectCount();
    return library;
  } catch (error) {
    await library?.close().catch(() => {});
    if (error instanceof LibraryError) throw new JixiaoError(error.code, error.message);
    throw error;
  }
}

/**
 * Indicators for a new project from similar ones in the library (or its category's template when
 * none is close enough): every row says where it came from and how sure it is. A request that does
 * not fit DraftRequest rejects with JixiaoError BAD_REQUEST naming the field.
 */
export async function draft(request: z.input<typeof DraftRequest>, library: LibraryStore, options: DraftOptions = {}): Promise<Draft> {
  const parsed = DraftRequest.safeParse(request);
  if (!parsed.success) throw new JixiaoError('BAD_REQUEST', issuesText(parsed.error));
  return draftProject(library, parsed.data, options);
}

// What must hold for any input, however bad: the extractor answers (an extraction that fits the
// contract, or an error code), never throws past its boundary, and never runs away. Shared by the
// property tests and `npm run fuzz`; each check throws an Error saying what broke.
import { unzipSync } from 'fflate';
import { extract, extractText } from '../../pipeline/index.ts';
import { INGEST_ERROR_CODES, IngestError } from '../../ingest/index.ts';
import { Extraction } from '../../schemas/extraction.ts';
import { cpuMs } from '../support/cpu-time.ts';
import { fixtureBytes, SEED_TEXTS } from './arbitraries.ts';

export { cpuMs };

/**
 * Codes extractText may throw: the limits, nesting beyond any real page, and text that is binary
 * (more than 2% control characters), which ingestText documents as refused with a code.
 */
export const TEXT_ERROR_CODES: ReadonlySet<string> = new Set(['TEXT_TOO_LONG', 'TOO_MANY_CELLS', 'TOO_DEEPLY_NESTED', 'UNSUPPORTED_FORMAT']);

/**
 * The hang detector: 200 ms plus 1 ms per 100 characters (or bytes; see workSize), times a wide
 * margin, plus a minute for each page that went through OCR. The extractor reads about 2 µs a
 * character, so this is 50 times slack: it catches quadratic blow-ups and hangs on inputs of 10⁵
 * characters and more, and is not a speed target (speed is measured by the benchmarks).
 */
export const HANG_MARGIN = 10;
export const OCR_PAGE_ALLOWANCE_MS = 60_000;

export function hangBoundMs(size: number, ocrPages = 0): number {
  return HANG_MARGIN * (200 + size / 100) + ocrPages * OCR_PAGE_ALLOWANCE_MS;
}

/**
 * What a reader has to get through: the bytes, or for a zip (docx, xlsx) what its parts inflate
 * to, which is what its XML parsers read (a 15 KB Word file is 200 KB of XML).
 */
export function workSize(bytes: Uint8Array): number {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return bytes.length;
  try {
    return Math.max(bytes.length, Object.values(unzipSync(bytes)).reduce((sum, part) => sum + part.length, 0));
  } catch {
    return bytes.length;
  }
}

function checkBound(elapsed: number, size: number, ocrPages: number): void {
  const bound = hangBoundMs(size, ocrPages);
  if (elapsed > bound) {
    throw new Error(`took ${Math.round(elapsed)} ms of CPU on ${size} characters/bytes (${ocrPages} OCR pages); the hang bound is ${Math.round(bound)} ms`);
  }
}

function checkSchema(extraction: unknown): void {
  const parsed = Extraction.safeParse(extraction);
  if (!parsed.success) throw new Error(`the extraction does not fit the contract: ${parsed.error.message.slice(0, 2000)}`);
}

/**
 * The first use of a reader loads it (pdf.js takes 2.5 s, the OCR models about a second): done once
 * before any run is timed, so the hang bound measures the input's work and not the start-up.
 */
export async function warmUp(paths: 'text' | 'files'): Promise<void> {
  extractText([...SEED_TEXTS.values()][0] ?? '');
  if (paths === 'text') return;
  for (const name of ['chengde.docx', 'chengde.xlsx', 'chengde.pdf', 'table.png'] as const) await extract({ bytes: fixtureBytes(name) });
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Captures the console until the returned function is called, which gives back what was printed:
 * the extractor prints nothing itself (the CLI's standard output is the JSON and its standard error
 * one line; the server logs through its own logger), so anything a reader's library writes there is
 * a failure.
 */
function captureConsole(): () => string[] {
  const printed: string[] = [];
  const saved = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const method of CONSOLE_METHODS) console[method] = (...args: unknown[]) => void printed.push(`console.${method}: ${args.map(String).join(' ')}`);
  return () => {
    for (const [method, original] of saved) console[method] = original;
    return printed;
  };
}

function checkSilent(printed: string[]): void {
  if (printed.length > 0) throw new Error(`the extractor wrote to the console:\n${printed.join('\n').slice(0, 2000)}`);
}

/** An error's message is printed after its code on one line (`jixiao extract: CODE: message`). */
function checkMessage(error: IngestError): void {
  if (error.message.trim() === '' || /[\r\n]/.test(error.message)) throw new Error(`the ${error.code} message is not one line: ${JSON.stringify(error.message.slice(0, 500))}`);
}

export type Outcome = { ok: true; projects: number } | { ok: false; code: string };

/** Pasted text: an extraction, or an IngestError with one of TEXT_ERROR_CODES; nothing else thrown, nothing printed. */
export function checkText(text: string): Outcome {
  const release = captureConsole();
  let printed: string[] = [];
  const start = cpuMs();
  let outcome: Outcome;
  try {
    const extraction = extractText(text);
    checkSchema(extraction);
    outcome = { ok: true, projects: extraction.document.projects.length };
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    if (!TEXT_ERROR_CODES.has(error.code)) throw new Error(`extractText threw ${error.code}, which is no limit: ${error.message}`);
    checkMessage(error);
    outcome = { ok: false, code: error.code };
  } finally {
    printed = release();
  }
  checkSilent(printed);
  checkBound(cpuMs() - start, text.length, 0);
  return outcome;
}

/**
 * Bytes of any kind: `{ ok: true }` with an extraction that fits the contract, or `{ ok: false }`
 * with a known code and a one-line message; nothing printed, nothing rejected.
 */
export async function checkFile(bytes: Uint8Array): Promise<Outcome> {
  const ocrPages = new Set<string>();
  const onProgress = ({ stage }: { stage: string }) => {
    const page = /^OCR page (\d+):/.exec(stage)?.[1];
    if (page) ocrPages.add(page);
  };
  const start = cpuMs();
  const release = captureConsole();
  let printed: string[] = [];
  let result: Awaited<ReturnType<typeof extract>>;
  try {
    result = await extract({ bytes, filename: 'fuzz.bin', onProgress });
  } finally {
    printed = release();
  }
  checkSilent(printed);
  const elapsed = cpuMs() - start;
  let outcome: Outcome;
  if (result.ok) {
    checkSchema(result.extraction);
    outcome = { ok: true, projects: result.extraction.document.projects.length };
  } else {
    const code: string = result.error.code;
    if (!(result.error instanceof IngestError) || !(INGEST_ERROR_CODES as readonly string[]).includes(code)) {
      throw new Error(`extract answered an unknown error: ${code} ${result.error.message}`);
    }
    checkMessage(result.error);
    outcome = { ok: false, code };
  }
  checkBound(elapsed, workSize(bytes), ocrPages.size);
  return outcome;
}

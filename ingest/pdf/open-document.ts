// Opening a PDF with pdf.js (pdfjs-dist, the engine pdf-parse v2 wraps: its API gives text without
// positions and pages as PNG, and a table reader needs glyph positions, drawing operators and raw
// pixels), and turning its failures into PdfReadError codes. Damage is judged from the bytes first: pdf.js repairs what it can, so a
// file cut short may open and silently lose its last pages.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfReadError } from './errors.ts';
import { withoutHazardousFonts } from './font-guard.ts';
import { declaredPageCount } from './page-count.ts';
import { getDocument } from './pdfjs.ts';
import { RawPdf } from './raw-pdf.ts';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * Where pdf.js finds the CMaps of CJK fonts that are not embedded (Adobe-GB1 text reads as
 * nothing without them) and the standard 14 fonts. pdf.js in Node reads these as file paths.
 */
export const PDFJS_RESOURCES = {
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
};

/** A PDF header may sit after some junk, but not after more than this many bytes (as readers allow). */
const HEADER_WINDOW = 1024;
/** `%%EOF` closes every complete PDF; a few trailing bytes (line ends, padding) may follow it. */
const TRAILER_WINDOW = 2048;

function containsAscii(bytes: Uint8Array, needle: string, from: number, to: number): boolean {
  const codes = [...needle].map((char) => char.charCodeAt(0));
  for (let i = Math.max(0, from); i + codes.length <= Math.min(bytes.length, to); i++) {
    if (codes.every((code, k) => bytes[i + k] === code)) return true;
  }
  return false;
}

/** Throws unless the bytes start like a PDF and end like a complete one. */
export function checkEnvelope(bytes: Uint8Array): void {
  if (!containsAscii(bytes, '%PDF-', 0, HEADER_WINDOW)) {
    throw new PdfReadError('CORRUPT', 'not a PDF: the %PDF- header is missing');
  }
  if (!containsAscii(bytes, '%%EOF', bytes.length - TRAILER_WINDOW, bytes.length)) {
    throw new PdfReadError('TRUNCATED', 'the PDF stops before its end (no %%EOF marker): the file was cut short, download or copy it again');
  }
}

/** A pdf.js failure as a PdfReadError. */
export function toPdfReadError(error: unknown): PdfReadError {
  if (error instanceof PdfReadError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') {
    return new PdfReadError('ENCRYPTED', 'this PDF is protected by a password; open it, save a copy without the password, and try again');
  }
  return new PdfReadError('CORRUPT', `the PDF cannot be read: ${message}`);
}

/**
 * Whether a rejection is one of pdf.js's own exceptions (PasswordException, FormatError,
 * XRefEntryException …): they share a prototype made once, in pdf.js's `BaseExceptionClosure`,
 * whose stack is what each of them shows.
 */
export function isPdfjsException(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return stack.includes('BaseExceptionClosure') && stack.includes('pdfjs-dist');
}

let strayRejectionsDropped = false;

/**
 * pdf.js caches a promise for each top-level page dictionary it fetches; when a damaged
 * cross-reference table makes the fetch fail, pdf.js rebuilds the table and reads on, and never
 * looks at the cached promise again. Its rejection goes unhandled, and Node ends the process for it
 * (found by the fuzzer: the CLI exited 1 on a damaged PDF that reads, and a server would have died
 * with it). Such rejections of pdf.js's own exceptions are dropped; any other is thrown, as Node
 * does by default.
 */
function dropStrayPdfjsRejections(): void {
  if (strayRejectionsDropped) return;
  strayRejectionsDropped = true;
  process.on('unhandledRejection', (reason) => {
    if (!isPdfjsException(reason)) throw reason;
  });
}

export interface OpenOptions {
  /** A file whose page tree declares more pages is refused (TOO_MANY_PAGES) before pdf.js opens it. */
  maxPages?: number;
}

export async function openDocument(bytes: Uint8Array, options: OpenOptions = {}): Promise<PDFDocumentProxy> {
  checkEnvelope(bytes);
  const raw = new RawPdf(bytes);
  if (options.maxPages !== undefined) {
    const declared = declaredPageCount(raw);
    if (declared !== null && declared > options.maxPages) {
      throw new PdfReadError('TOO_MANY_PAGES', `the PDF declares ${declared} pages; the limit is ${options.maxPages}`);
    }
  }
  dropStrayPdfjsRejections();
  const task = getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it is given, and refuses a Node
    // Buffer: it gets its own plain copy, without the font programs it would hang on.
    data: new Uint8Array(withoutHazardousFonts(bytes, raw)),
    ...PDFJS_RESOURCES,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw toPdfReadError(error);
  }
}

// Input bytes → Doc, with what the contract's `source` says about them. The format is decided from
// the bytes (detect.ts); each format's reader lives in its own folder. Errors are values.
import { createHash } from 'node:crypto';
import type { Block, Doc } from '../schemas/doc.ts';
import type { SourceFormat } from '../schemas/extraction.ts';
import { binaryShare, decodesToItself, decodeText, isReadableText, MAX_BINARY_SHARE, normalizeLineEnds, type TextEncoding } from './decode.ts';
import { detectFormat, type DetectedFormat } from './detect.ts';
import { IngestError } from './errors.ts';
import { checkCellCount, checkTextLength, coveredCells, DEFAULT_LIMITS, type IngestLimits } from './limits.ts';
import { htmlToBlocks, looksLikeHtml } from './html/read-html.ts';
import type { ProgressReporter } from './layout/types.ts';
import { looksLikeCsv, readCsv } from './sheet/read-csv.ts';
import { placeCells } from './place-cells.ts';
import { readPastedText, type PasteForm } from './text/index.ts';

export { IngestError, INGEST_ERROR_CODES, type IngestErrorCode } from './errors.ts';
export { DEFAULT_LIMITS, type IngestLimits } from './limits.ts';

/** Kept for callers that only need the input ceiling. */
export const MAX_INPUT_BYTES = DEFAULT_LIMITS.maxInputBytes;

export interface IngestOptions {
  limits?: Partial<IngestLimits>;
  onProgress?: ProgressReporter;
}

export type ReadPath = 'paste' | 'csv' | 'html' | 'docx' | 'xlsx' | 'pdf-text' | 'pdf-ocr' | 'image-ocr';

export interface Ingested {
  doc: Doc;
  format: SourceFormat;
  ocr: boolean;
  pages: number | null;
  sha256: string;
  detail: { detected: DetectedFormat; path: ReadPath; encoding?: TextEncoding; pasteForm?: PasteForm };
  /** For PDFs and images: each page's size in the units of its cells' bounding boxes (points or pixels). */
  pageSizes?: PageSize[];
}

export interface PageSize {
  page: number;
  width: number;
  height: number;
}

export type IngestResult = { ok: true; value: Ingested } | { ok: false; error: IngestError };

type Read = Omit<Ingested, 'sha256'>;

const NOT_TEXT = 'input is binary, not text, and no supported document format was recognised (supported: text, docx, xlsx, csv, pdf, html, png, jpeg, tiff)';

function readText(bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits): Read {
  // Judged from a sample first: bytes that are no text are refused as such, not decoded whole.
  if (!isReadableText(bytes)) throw new IngestError('UNSUPPORTED_FORMAT', NOT_TEXT);
  const { text, encoding } = decodeText(bytes);
  checkTextLength(text.length, limits);
  return readDecoded(text, detected, encoding);
}

/** Decoded text (refused when too many of its characters are no text's) as a web page, CSV or pasted tables. */
function readDecoded(text: string, detected: DetectedFormat, encoding: TextEncoding): Read {
  if (binaryShare(text) > MAX_BINARY_SHARE) throw new IngestError('UNSUPPORTED_FORMAT', NOT_TEXT);
  const normalized = normalizeLineEnds(text);
  const base = { format: 'text' as const, ocr: false, pages: null };
  if (looksLikeHtml(normalized)) return { ...base, format: 'html', doc: { blocks: htmlToBlocks(normalized) }, detail: { detected, path: 'html', encoding } };
  if (looksLikeCsv(normalized)) return { ...base, doc: { blocks: readCsv(normalized) }, detail: { detected, path: 'csv', encoding } };
  const { blocks, form } = readPastedText(normalized);
  return { ...base, doc: { blocks }, detail: { detected, path: 'paste', encoding, pasteForm: form } };
}

async function readDocxBlocks(bytes: Uint8Array, limits: IngestLimits): Promise<Block[]> {
  const { readDocx } = await import('./docx/read-docx.ts');
  return readDocx(bytes, limits.maxDecompressedBytes);
}

async function readXlsxBlocks(bytes: Uint8Array, limits: IngestLimits): Promise<Block[]> {
  const { readXlsx } = await import('./sheet/read-xlsx.ts');
  return readXlsx(bytes, limits.maxDecompressedBytes, limits.maxCells);
}

async function readByFormat(bytes: Uint8Array, detected: DetectedFormat, limits: IngestLimits, onProgress?: ProgressReporter): Promise<Read> {
  const office = { ocr: false, pages: null };
  switch (detected) {
    case 'text':
      return readText(bytes, detected, limits);
    case 'docx':
      return { ...office, format: 'docx', doc: { blocks: await readDocxBlocks(bytes, limits) }, detail: { detected, path: 'docx' } };
    case 'xlsx':
      return { ...office, format: 'xlsx', doc: { blocks: await readXlsxBlocks(bytes, limits) }, detail: { detected, path: 'xlsx' } };
    case 'doc':
    case 'xls': {
      const { convertLegacyOffice } = await import('./legacy.ts');
      const converted = await convertLegacyOffice(bytes, detected);
      const blocks = detected === 'doc' ? await readDocxBlocks(converted, limits) : await readXlsxBlocks(converted, limits);
      return { ...office, format: detected === 'doc' ? 'docx' : 'xlsx', doc: { blocks }, detail: { detected, path: detected === 'doc' ? 'docx' : 'xlsx' } };
    }
    case 'pdf': {
      const { readPdfDocument } = await import('./paged/pdf-document.ts');
      return readPdfDocument(bytes, limits, onProgress);
    }
    case 'png':
    case 'jpeg':
    case 'tiff': {
      const { readImageDocument } = await import('./paged/image-document.ts');
      return readImageDocument(bytes, detected, limits, onProgress);
    }
    case 'encrypted-office':
      throw new IngestError('ENCRYPTED', 'this Office file is protected by a password; open it, remove the password (文件 → 信息 → 保护文档), save, and try again');
    case 'other-container':
      throw new IngestError('UNSUPPORTED_FORMAT', 'this is an archive or an Office container, but not a Word (.docx) or Excel (.xlsx) document');
    default:
      throw new IngestError('UNSUPPORTED_FORMAT', `this is a ${detected.replace('binary:', '')} file; supported are text, docx, xlsx, csv, pdf, html, png, jpeg and tiff`);
  }
}

export async function ingest(bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.byteLength === 0) return { ok: false, error: new IngestError('EMPTY_INPUT', 'the input is empty (0 bytes)') };
  if (bytes.byteLength > limits.maxInputBytes) {
    return { ok: false, error: new IngestError('FILE_TOO_LARGE', `input is ${bytes.byteLength} bytes; the limit is ${limits.maxInputBytes}`) };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const detected = await detectFormat(bytes);
    const read = await readByFormat(bytes, detected, limits, options.onProgress);
    checkCellCount(coveredCells(read.doc.blocks), limits);
    return { ok: true, value: { ...read, doc: { blocks: placeCells(read.doc.blocks) }, sha256 } };
  } catch (error) {
    if (error instanceof IngestError) return { ok: false, error };
    // A reader's own recursion run past the stack on a pathological file: refused, not a crash.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ok: false, error: new IngestError('TOO_DEEPLY_NESTED', 'the file nests its content too deeply to read') };
    }
    // A reader's own failure on bytes it was promised are its format: the file is damaged.
    return { ok: false, error: new IngestError('CORRUPT', `the file cannot be read: ${(error as Error).message}`) };
  }
}

/**
 * Pasted text only, synchronously: the path the server's { text } body and tests take. Text it
 * cannot read throws IngestError with its code (a caller at a boundary turns it into an answer).
 */
export function ingestText(text: string, limits: Partial<IngestLimits> = {}): Ingested {
  const all = { ...DEFAULT_LIMITS, ...limits };
  // Checked before encoding, so an absurd paste costs nothing more.
  checkTextLength(text.length, all);
  // The hash of the UTF-8 bytes a file of this text holds.
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  // Text its bytes would decode back to unchanged (the usual paste) is read as it is: the sample
  // check readText makes of the bytes is then the one readDecoded makes of the text, since the
  // sample decodes to at least the 65,536 characters binaryShare looks at. Other text is read
  // through its bytes, as a file of them is.
  const read = decodesToItself(text) ? readDecoded(text, 'text', 'utf-8') : readText(new TextEncoder().encode(text), 'text', all);
  checkCellCount(coveredCells(read.doc.blocks), all);
  return { ...read, doc: { blocks: placeCells(read.doc.blocks) }, sha256 };
}

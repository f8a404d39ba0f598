// Input bytes → Doc, with what the contract's `source` says about them. Errors are values.
import { createHash } from 'node:crypto';
import type { Doc } from '../schemas/doc.ts';
import type { SourceFormat } from '../schemas/extraction.ts';
import { decodeText, normalizeLineEnds, type TextEncoding } from './decode.ts';
import { readPastedText, type PasteForm } from './text/index.ts';

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export type IngestErrorCode = 'EMPTY_INPUT' | 'FILE_TOO_LARGE' | 'UNSUPPORTED_FORMAT';

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Ingested {
  doc: Doc;
  format: SourceFormat;
  ocr: boolean;
  pages: number | null;
  sha256: string;
  detail: { encoding: TextEncoding; pasteForm: PasteForm };
}

/** Share of characters that no text document holds: C0 controls other than TAB/LF/CR, NUL, U+FFFD. */
function binaryShare(text: string): number {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return 0;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  const bad = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return bad / sample.length;
}

export type IngestResult = { ok: true; value: Ingested } | { ok: false; error: IngestError };

export function ingestBytes(bytes: Uint8Array): IngestResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    return { ok: false, error: new IngestError('FILE_TOO_LARGE', `input is ${bytes.byteLength} bytes; the limit is ${MAX_INPUT_BYTES}`) };
  }
  const { text, encoding } = decodeText(bytes);
  if (binaryShare(text) > 0.02) {
    return { ok: false, error: new IngestError('UNSUPPORTED_FORMAT', 'input is binary, not text (no supported document format recognised)') };
  }
  const { blocks, form } = readPastedText(normalizeLineEnds(text));
  return { ok: true, value: { doc: { blocks }, format: 'text', ocr: false, pages: null, sha256, detail: { encoding, pasteForm: form } } };
}

// Why a file could not be read, as a stable code the CLI, the API and the page can act on.

/** Every code a reader may answer with; the server maps each to a status (server/errors.ts). */
export const INGEST_ERROR_CODES = [
  'EMPTY_INPUT',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  /** A password-protected PDF or Office file. */
  'ENCRYPTED',
  /** The bytes claim a format but do not hold a readable file of it. */
  'CORRUPT',
  /** The file stops before its end (an interrupted download or copy). */
  'TRUNCATED',
  /** A docx/xlsx whose parts decompress beyond the limit: a zip bomb or an absurd file. */
  'DECOMPRESSED_TOO_LARGE',
  /** More pages or pixels than the limits allow. */
  'TOO_MANY_PAGES',
  'IMAGE_TOO_LARGE',
  /** More characters of text (pasted, or a text, CSV or HTML file) than the limit. */
  'TEXT_TOO_LONG',
  /** More table cells (a merged cell counted for each position it covers) than the limit. */
  'TOO_MANY_CELLS',
  /** HTML (or a Word file's tables within tables) nested deeper than any real page. */
  'TOO_DEEPLY_NESTED',
  /**
   * A file whose structure is past what any real document has, and would cost a reader minutes or
   * gigabytes: a spreadsheet cell or merge outside Excel's grid, hundreds of thousands of shared
   * strings; or a reading that outgrew its worker's memory.
   */
  'TOO_COMPLEX',
  /** Word 97–2003 / Excel 97–2003 without LibreOffice to convert them. */
  'LEGACY_FORMAT',
  'OCR_FAILED',
] as const;

export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/**
 * A message as one line. Readers pass on their libraries' words, and those run over several lines
 * (libvips repeats a JPEG's complaint five times, xmldom adds a locator line), while every caller
 * prints `CODE: message` as one line (found by the fuzzer). Repeated lines are said once.
 */
function oneLine(message: string): string {
  const lines = message.split(/\r\n|\r|\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  return [...new Set(lines.filter((line) => line !== ''))].join('; ');
}

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(oneLine(message));
    this.name = 'IngestError';
  }
}

// Why a file could not be read, as a stable code the CLI, the API and the page can act on.

export type IngestErrorCode =
  | 'EMPTY_INPUT'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  /** A password-protected PDF or Office file. */
  | 'ENCRYPTED'
  /** The bytes claim a format but do not hold a readable file of it. */
  | 'CORRUPT'
  /** The file stops before its end (an interrupted download or copy). */
  | 'TRUNCATED'
  /** A docx/xlsx whose parts decompress beyond the limit: a zip bomb or an absurd file. */
  | 'DECOMPRESSED_TOO_LARGE'
  /** More pages or pixels than the limits allow. */
  | 'TOO_MANY_PAGES'
  | 'IMAGE_TOO_LARGE'
  /** Word 97–2003 / Excel 97–2003 without LibreOffice to convert them. */
  | 'LEGACY_FORMAT'
  | 'OCR_FAILED';

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }
}

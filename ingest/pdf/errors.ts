// Why a PDF could not be read, as a code the ingest step maps onto its own error values.

/** The same words as the ingest codes (ingest/errors.ts), so the ingest step passes them on as they are. */
export type PdfReadErrorCode = 'ENCRYPTED' | 'CORRUPT' | 'TRUNCATED' | 'TOO_MANY_PAGES';

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

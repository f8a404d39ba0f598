// Why a PDF could not be read, as a code the ingest step maps onto its own error values.

export type PdfReadErrorCode = 'ENCRYPTED' | 'CORRUPT' | 'TRUNCATED';

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

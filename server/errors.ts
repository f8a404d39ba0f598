// Errors leave the server as JSON { error: { code, message } } with the right status, never as a
// stack trace. Reading errors (ingest codes) map to statuses here, in one table.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { LibraryError, LibraryErrorCode } from '../library/errors.ts';
import { ERROR_MESSAGES } from '../vocab/error-messages.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('stable error code, e.g. UNSUPPORTED_FORMAT'),
      message: z.string().describe('what went wrong, for a person, in Chinese (vocab/error-messages.ts)'),
      detail: z.string().optional().describe("the reader's or the check's own words, often English: for a support request, not for the page's main text"),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('schema problems of an edited extraction'),
    }),
  })
  .describe('an error');

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** HTTP status for each ingest error code; anything else a document does wrong is 422. */
const STATUS_OF_CODE: Record<string, ContentfulStatusCode> = {
  FILE_TOO_LARGE: 413,
  DECOMPRESSED_TOO_LARGE: 413,
  TOO_MANY_PAGES: 413,
  IMAGE_TOO_LARGE: 413,
  TEXT_TOO_LONG: 413,
  TOO_MANY_CELLS: 413,
  TOO_COMPLEX: 413,
  TIMEOUT: 504,
  // The model asked for (engine=llm) answered nothing: the gateway's fault, not the document's.
  LLM_UNAVAILABLE: 502,
};

export function ingestError(code: string, message: string): ApiError {
  return new ApiError(STATUS_OF_CODE[code] ?? 422, code, message);
}

/**
 * HTTP status for each library code: a full disk is 507 Insufficient Storage; a writer held up by
 * another is 503 with Retry-After (the change can simply be sent again); a library the server cannot
 * write or open is the server's own fault, 500.
 */
const LIBRARY_STATUS: Record<LibraryErrorCode, { status: ContentfulStatusCode; headers?: Record<string, string> }> = {
  LIBRARY_FULL: { status: 507 },
  LIBRARY_BUSY: { status: 503, headers: { 'Retry-After': '2' } },
  LIBRARY_READONLY: { status: 500 },
  LIBRARY_UNAVAILABLE: { status: 500 },
};

export function libraryError(error: LibraryError): ApiError {
  const { status, headers } = LIBRARY_STATUS[error.code];
  return new ApiError(status, error.code, error.message, headers);
}

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  // The Chinese sentence of the code leads; what the check itself said is kept as the detail. A
  // code without a sentence keeps its own message (a message written for a person already).
  const sentence = ERROR_MESSAGES[error.code];
  const said = sentence ? { message: sentence, detail: error.message } : { message: error.message };
  return c.json({ error: { code: error.code, ...said, ...(error.issues ? { issues: error.issues } : {}) } }, error.status);
}

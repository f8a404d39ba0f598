// The request body's size limit (MAX_UPLOAD_MB), judged without building a fetch Request. A body
// that declares its length (Content-Length, no Transfer-Encoding) is judged by the header alone,
// before a byte of it is read, and Node's HTTP parser holds the body to that length. A body of no
// declared length is counted as it streams in, by Hono's bodyLimit.
//
// Hono's bodyLimit alone asks `c.req.raw.body` first, to see whether there is a body at all. Under
// @hono/node-server that builds a full fetch Request and a web stream over the socket for every
// request, which then carry the body to the handler: about a tenth of a pasted request's CPU.
// Reading the method and headers builds neither, and `c.req.json()` then reads the body straight
// from Node's request.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit';

export interface BodyLimitOptions {
  maxSize: number;
  /** The answer to a body over the limit. */
  onError: (c: Context) => Response | Promise<Response>;
}

export function bodyLimit({ maxSize, onError }: BodyLimitOptions): MiddlewareHandler {
  const streaming = streamingBodyLimit({ maxSize, onError });
  return async (c, next) => {
    // Requests that carry no body, as a fetch Request has none for them.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) return parseInt(declared || '0', 10) > maxSize ? onError(c) : next();
    return streaming(c, next);
  };
}

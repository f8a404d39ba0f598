// Bytes of pasted or uploaded text → a JS string: BOMs, UTF-8, UTF-16 and GB18030/GBK.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

function hasBom(bytes: Uint8Array, bom: readonly number[]): boolean {
  return bom.every((byte, i) => bytes[i] === byte);
}

/** UTF-16 without a BOM shows as many NUL bytes at odd (LE) or even (BE) offsets. */
function guessUtf16(bytes: Uint8Array): TextEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs < 2) return null;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (hasBom(bytes, [0xef, 0xbb, 0xbf])) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (hasBom(bytes, [0xff, 0xfe])) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (hasBom(bytes, [0xfe, 0xff])) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  // Not UTF-8: Chinese text saved on Windows is GBK or GB2312, both subsets of GB18030.
  return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
}

/**
 * What the round trip through UTF-8 bytes changes in a string: a byte-order mark at the start
 * (dropped), NUL (enough of them make the bytes look like UTF-16) and surrogates (a lone one is
 * written as U+FFFD).
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const CHANGED_BY_BYTES = /^\uFEFF|[\u0000\uD800-\uDFFF]/;

/**
 * Whether decodeText of the string's UTF-8 bytes gives the string back, as UTF-8: then its text can
 * be read as it is, without encoding and decoding it (only astral characters, rare in these tables,
 * are turned away though they would come back unchanged).
 */
export function decodesToItself(text: string): boolean {
  return !CHANGED_BY_BYTES.test(text);
}

/** Line ends to \n. */
export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Characters no text document holds: C0 controls other than TAB/LF/CR, NUL, U+FFFD, the
 * noncharacters U+FFFE and U+FFFF, and halves of surrogate pairs standing alone (what random bytes
 * behind a UTF-16 byte-order mark decode to, some 3% of their units; they read as text before).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Share of characters that no text document holds (NOT_TEXT), in the first 65,536. */
export function binaryShare(text: string): number {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return 0;
  const bad = sample.match(NOT_TEXT)?.length ?? 0;
  return bad / sample.length;
}

/** More than this share of characters no text holds (binaryShare) makes an input binary. */
export const MAX_BINARY_SHARE = 0.02;

/** Bytes sampled to tell text from binary: binaryShare's 65,536 characters in any encoding we read. */
const SAMPLE_BYTES = 262144;

/**
 * The first `size` bytes, not cutting a UTF-8 character in two: a cut one would make the strict
 * UTF-8 decoding fail, and a UTF-8 text would then be judged as mis-decoded GB18030.
 */
export function textSample(bytes: Uint8Array, size = SAMPLE_BYTES): Uint8Array {
  if (bytes.length <= size) return bytes;
  let end = size;
  for (let at = end - 1; at >= Math.max(0, end - 4); at--) {
    const byte = bytes[at]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (at + length > end) end = at;
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * Text in one of the encodings we read: the decoded characters of its first 256 KiB are almost all
 * printable. Judged from that sample alone, so 49 MB of random bytes are refused as binary at once
 * instead of being decoded whole (and refused as too long a text).
 */
export function isReadableText(bytes: Uint8Array): boolean {
  return binaryShare(decodeText(textSample(bytes)).text) <= MAX_BINARY_SHARE;
}

// A PDF stream's filters undone as pdf.js undoes them (pdf.worker's Parser.makeFilter and its
// streams), for the checks made on the bytes before pdf.js is given a file (font-guard.ts,
// page-count.ts). pdf.js knows each filter by its full name and by the abbreviation of inline
// images (`/Fl` is `/FlateDecode`) in any stream; a name it does not know leaves the data as it
// is. The image filters are not undone here (their output is no font program or object stream),
// nor TIFF predictors other than 8-bit: they answer null, "cannot be judged".
import { inflateSync } from 'node:zlib';

/** A filter's name as pdf.js resolves it: abbreviations to the full name, anything else unchanged. */
export const FILTER_ABBREVIATIONS: Readonly<Record<string, string>> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  DCT: 'DCTDecode',
  JPX: 'JPXDecode',
  A85: 'ASCII85Decode',
  AHx: 'ASCIIHexDecode',
  CCF: 'CCITTFaxDecode',
  RL: 'RunLengthDecode',
};

export function fullFilterName(name: string): string {
  return FILTER_ABBREVIATIONS[name] ?? name;
}

/** Filters whose output is an image: a font program or an object stream encoded with them is no real one. */
const IMAGE_FILTERS = new Set(['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode']);

export interface FilterStep {
  /** As written; resolved with fullFilterName. */
  name: string;
  /** The entry of /DecodeParms for this filter, as read: a Map for a dictionary. */
  params: unknown;
}

class TooLarge extends Error {}

function whiteSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

/** pdf.js's AsciiHexStream: pairs of hex digits up to `>`, anything else skipped. */
export function asciiHexDecode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((data.length + 1) >> 1);
  let length = 0;
  let first = -1;
  let ended = false;
  for (const ch of data) {
    let digit: number;
    if (ch >= 0x30 && ch <= 0x39) digit = ch & 0x0f;
    else if ((ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66)) digit = (ch & 0x0f) + 9;
    else if (ch === 0x3e) {
      ended = true;
      break;
    } else continue;
    if (first < 0) first = digit;
    else {
      out[length++] = (first << 4) | digit;
      first = -1;
    }
  }
  if (first >= 0 && ended) out[length++] = first << 4;
  return out.subarray(0, length);
}

/** pdf.js's Ascii85Stream, with its arithmetic (characters outside ! … u are not refused). */
export function ascii85Decode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 5) * 4 + 4);
  let length = 0;
  let at = 0;
  const next = () => {
    let c = at < data.length ? data[at++]! : -1;
    while (whiteSpace(c)) c = at < data.length ? data[at++]! : -1;
    return c;
  };
  const input = new Array<number>(5);
  for (;;) {
    let c = next();
    if (c === -1 || c === 0x7e) break;
    if (c === 0x7a) {
      out.fill(0, length, length + 4);
      length += 4;
      continue;
    }
    input[0] = c;
    let i = 1;
    for (; i < 5; i++) {
      c = next();
      input[i] = c;
      if (c === -1 || c === 0x7e) break;
    }
    const produced = i - 1;
    const last = i < 5;
    for (; i < 5; i++) input[i] = 0x21 + 84;
    let t = 0;
    for (i = 0; i < 5; i++) t = t * 85 + (input[i]! - 0x21);
    const group = [0, 0, 0, 0];
    for (i = 3; i >= 0; i--) {
      group[i] = t & 0xff;
      t >>= 8;
    }
    out.set(group.slice(0, last ? produced : 4), length);
    length += last ? produced : 4;
    if (last) break;
  }
  return out.subarray(0, length);
}

/** pdf.js's RunLengthStream. */
export function runLengthDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let at = 0; at + 2 <= data.length && data[at] !== 128; ) {
    const n = data[at]!;
    let part: Uint8Array;
    if (n < 128) {
      part = data.subarray(at + 1, at + 2 + n);
      at += 2 + n;
    } else {
      part = new Uint8Array(257 - n).fill(data[at + 1]!);
      at += 2;
    }
    total += part.length;
    if (total > maxBytes) throw new TooLarge();
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/** pdf.js's LZWStream (code widths from 9 to 12 bits, EarlyChange, a code past the table read as pdf.js reads it). */
export function lzwDecode(data: Uint8Array, earlyChange: number, maxBytes: number): Uint8Array {
  const size = 4096;
  const values = new Uint8Array(size);
  const lengths = new Uint16Array(size);
  const prevCodes = new Uint16Array(size);
  const sequence = new Uint8Array(size);
  for (let i = 0; i < 256; i++) {
    values[i] = i;
    lengths[i] = 1;
  }
  let out = new Uint8Array(Math.min(maxBytes, Math.max(1024, data.length * 4)));
  let length = 0;
  let codeLength = 9;
  let nextCode = 258;
  let prevCode = 0;
  let sequenceLength = 0;
  let cached = 0;
  let bitsCached = 0;
  let at = 0;
  for (;;) {
    while (bitsCached < codeLength && at < data.length) {
      cached = ((cached << 8) | data[at++]!) >>> 0;
      bitsCached += 8;
    }
    if (bitsCached < codeLength) break;
    bitsCached -= codeLength;
    const code = (cached >>> bitsCached) & ((1 << codeLength) - 1);
    cached &= (1 << bitsCached) - 1;
    const hasPrev = sequenceLength > 0;
    if (code < 256) {
      sequence[0] = code;
      sequenceLength = 1;
    } else if (code >= 258) {
      if (code < nextCode) {
        sequenceLength = lengths[code]!;
        for (let j = sequenceLength - 1, q = code; j >= 0; j--) {
          sequence[j] = values[q]!;
          q = prevCodes[q]!;
        }
      } else {
        sequence[sequenceLength++] = sequence[0]!;
      }
    } else if (code === 256) {
      codeLength = 9;
      nextCode = 258;
      sequenceLength = 0;
      continue;
    } else break;
    if (hasPrev && nextCode < size) {
      prevCodes[nextCode] = prevCode;
      lengths[nextCode] = lengths[prevCode]! + 1;
      values[nextCode] = sequence[0]!;
      nextCode++;
      const grown = nextCode + earlyChange;
      if ((grown & (grown - 1)) === 0) codeLength = Math.min(Math.log2(grown) + 1, 12) | 0;
    }
    prevCode = code;
    if (length + sequenceLength > out.length) {
      if (length + sequenceLength > maxBytes) throw new TooLarge();
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(out.length * 2, length + sequenceLength)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(sequence.subarray(0, sequenceLength), length);
    length += sequenceLength;
  }
  return out.subarray(0, length);
}

function paramsEntry(params: unknown, ...keys: string[]): unknown {
  if (!(params instanceof Map)) return undefined;
  for (const key of keys) if (params.has(key)) return params.get(key);
  return undefined;
}

const positive = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? Math.floor(value) : fallback);

/**
 * pdf.js's PredictorStream after Flate or LZW: PNG predictors (10–15, a filter byte before each row)
 * and the TIFF predictor (2) on 8-bit components; any other predictor pdf.js refuses, leaving the
 * stream empty. Null for a TIFF predictor on other widths, or a PNG row filter pdf.js refuses.
 */
export function undoPredictor(data: Uint8Array, params: unknown): Uint8Array | null {
  if (!(params instanceof Map)) return data;
  const predictor = positive(paramsEntry(params, 'Predictor'), 1);
  if (predictor <= 1) return data;
  if (predictor !== 2 && (predictor < 10 || predictor > 15)) return new Uint8Array(0);
  const colors = positive(paramsEntry(params, 'Colors'), 1);
  const bits = positive(paramsEntry(params, 'BPC', 'BitsPerComponent'), 8);
  const columns = positive(paramsEntry(params, 'Columns'), 1);
  const pixBytes = (colors * bits + 7) >> 3;
  const rowBytes = (columns * colors * bits + 7) >> 3;
  if (rowBytes <= 0 || rowBytes > 1 << 24) return null;
  if (predictor === 2) {
    if (bits !== 8) return null;
    const out = new Uint8Array(Math.ceil(data.length / rowBytes) * rowBytes);
    for (let row = 0; row * rowBytes < data.length; row++) {
      const base = row * rowBytes;
      for (let i = 0; i < rowBytes; i++) out[base + i] = (i < colors ? 0 : out[base + i - colors]!) + (data[base + i] ?? 0);
    }
    return out.subarray(0, Math.ceil(data.length / rowBytes) * rowBytes);
  }
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let length = 0;
  for (let at = 0; at < data.length; at += rowBytes + 1) {
    const type = data[at]!;
    const raw = data.subarray(at + 1, at + 1 + rowBytes);
    if (raw.length === 0) break;
    const j0 = length;
    const up = (i: number) => (j0 >= rowBytes ? out[j0 - rowBytes + i]! : 0);
    const left = (i: number) => (i >= pixBytes ? out[j0 + i - pixBytes]! : 0);
    for (let i = 0; i < rowBytes; i++) {
      const c = raw[i] ?? 0;
      let value: number;
      switch (type) {
        case 0:
          value = c;
          break;
        case 1:
          value = left(i) + c;
          break;
        case 2:
          value = up(i) + c;
          break;
        case 3:
          value = ((up(i) + left(i)) >> 1) + c;
          break;
        case 4: {
          const a = left(i);
          const b = up(i);
          const d = i >= pixBytes && j0 >= rowBytes ? out[j0 - rowBytes + i - pixBytes]! : 0;
          const p = a + b - d;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - d);
          value = (pa <= pb && pa <= pc ? a : pb <= pc ? b : d) + c;
          break;
        }
        default:
          return null;
      }
      out[j0 + i] = value & 0xff;
    }
    length += rowBytes;
  }
  return out.subarray(0, length);
}

/**
 * The stream's data with its filters undone, or null when that cannot be judged here: a filter that
 * fails on the data, an image filter, a predictor not undone, a result past `maxBytes`. Filter names are the
 * ones the stream's dictionary holds (resolved by the caller); parameters are dictionaries as Maps.
 */
export function decodeFilters(data: Uint8Array, steps: readonly FilterStep[], maxBytes: number): Uint8Array | null {
  // pdf.js reads an empty stream as empty, whatever its filters.
  if (data.length === 0) return data;
  let bytes = data;
  try {
    for (const step of steps) {
      const name = fullFilterName(step.name);
      if (IMAGE_FILTERS.has(name)) return null;
      switch (name) {
        case 'FlateDecode': {
          const predicted = undoPredictor(inflateSync(bytes, { maxOutputLength: maxBytes }), step.params);
          if (predicted === null) return null;
          bytes = predicted;
          break;
        }
        case 'LZWDecode': {
          const earlyChange = paramsEntry(step.params, 'EarlyChange');
          const predicted = undoPredictor(lzwDecode(bytes, typeof earlyChange === 'number' ? earlyChange : 1, maxBytes), step.params);
          if (predicted === null) return null;
          bytes = predicted;
          break;
        }
        case 'ASCII85Decode':
          bytes = ascii85Decode(bytes);
          break;
        case 'ASCIIHexDecode':
          bytes = asciiHexDecode(bytes);
          break;
        case 'RunLengthDecode':
          bytes = runLengthDecode(bytes, maxBytes);
          break;
        default:
        // pdf.js warns of a filter it does not know and reads the data as it is.
      }
      if (bytes.length > maxBytes) return null;
    }
  } catch {
    return null;
  }
  return bytes;
}

// A PDF's objects read from its bytes the way pdf.js's lexer and parser read them (pdf.worker's
// Lexer, Parser and Dict), for the checks made before pdf.js is given a file: the font guard
// (font-guard.ts) and the declared page count (page-count.ts). What a check must match is what
// pdf.js resolves, not what a well-formed file spells: a name's `#xx` escapes (`/Flate#44ecode` is
// /FlateDecode), comments and any PDF white space between tokens, `N G R` references for values,
// the last of repeated keys, the abbreviated keys and filters of inline images (`/F /Fl` is
// `/Filter /FlateDecode`), and objects kept inside compressed object streams.
//
// Objects are found by their `N G obj` headers, as pdf.js finds them when it rebuilds a damaged
// cross-reference table; every definition of an object is kept, so a caller can judge them all.
import { decodeFilters, type FilterStep } from './stream-filters.ts';

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get id(): string {
    return `${this.num} ${this.gen}`;
  }
}

/** A bare keyword (pdf.js's Cmd): R, obj, stream, endobj, a delimiter that closes nothing, … */
export class PdfCommand {
  constructor(readonly cmd: string) {}
}

export class PdfString {
  constructor(readonly value: string) {}
}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfCommand | PdfString | PdfDict | PdfValue[];

const EOF = Symbol('EOF');
type Token = number | boolean | null | PdfName | PdfCommand | PdfString | typeof EOF;

/** pdf.js's specialChars: 1 white space, 2 a delimiter. */
function special(code: number): 0 | 1 | 2 {
  switch (code) {
    case 0x00:
    case 0x09:
    case 0x0a:
    case 0x0c:
    case 0x0d:
    case 0x20:
      return 1;
    case 0x25: // %
    case 0x28: // (
    case 0x29: // )
    case 0x2f: // /
    case 0x3c: // <
    case 0x3e: // >
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
      return 2;
    default:
      return 0;
  }
}

const REGULAR = '[^\\0\\t\\n\\f\\r ()<>\\[\\]{}/%]';

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code & 0x0f;
  if ((code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66)) return (code & 0x0f) + 9;
  return -1;
}

/** A name's characters after the `/` (up to the next white space or delimiter), as pdf.js's getName decodes them. */
export function decodeName(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch !== 0x23) {
      out += raw[i];
      continue;
    }
    // `#` at the end of the token: pdf.js keeps it and ends the name.
    if (i + 1 >= raw.length) return out + '#';
    const first = hexDigit(raw.charCodeAt(i + 1));
    if (first === -1) {
      out += '#' + raw[i + 1];
      i += 1;
      continue;
    }
    if (i + 2 >= raw.length) return out + '#' + raw[i + 1];
    const second = hexDigit(raw.charCodeAt(i + 2));
    out += second === -1 ? '#' + raw[i + 1] + raw[i + 2] : String.fromCharCode((first << 4) | second);
    i += 2;
  }
  return out;
}

/** A pattern for the raw name tokens that may decode to a name starting with `first` (written as is or escaped). */
function namesStartingWith(firsts: Iterable<string>): RegExp {
  const alternatives = [...new Set(firsts)].map((first) => {
    const hex = first.charCodeAt(0).toString(16).padStart(2, '0');
    const escaped = `#${hex[0]}[${hex[1]!.toLowerCase()}${hex[1]!.toUpperCase()}]`;
    return `${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${escaped}`;
  });
  return new RegExp(`/(?:${alternatives.join('|')})${REGULAR}*`, 'g');
}

export interface NameAt {
  /** Offset of the `/`. */
  start: number;
  /** Offset just past the token. */
  end: number;
  name: string;
}

/** Every name token in `text` that decodes to one of `wanted`, however it is escaped. */
export function findNames(text: string, wanted: readonly string[]): NameAt[] {
  const set = new Set(wanted);
  const found: NameAt[] = [];
  for (const match of text.matchAll(namesStartingWith(wanted.map((name) => name[0]!)))) {
    const name = decodeName(match[0].slice(1));
    if (set.has(name)) found.push({ start: match.index, end: match.index + match[0].length, name });
  }
  return found;
}

class ParseLimit extends Error {}

/** pdf.js's Lexer over a latin1 string, without the warnings and with a budget of tokens. */
export class Lexer {
  private tokens = 0;
  constructor(
    readonly text: string,
    public pos: number,
    private readonly maxTokens = 1_000_000,
  ) {}

  private code(at: number): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  /** Skips white space and comments; the position is then at a token or the end. */
  skipSpace(): void {
    let comment = false;
    for (;;) {
      const ch = this.code(this.pos);
      if (ch < 0) return;
      if (comment) {
        if (ch === 0x0a || ch === 0x0d) comment = false;
      } else if (ch === 0x25) comment = true;
      else if (special(ch) !== 1) return;
      this.pos++;
    }
  }

  next(): Token {
    if (++this.tokens > this.maxTokens) throw new ParseLimit();
    this.skipSpace();
    const ch = this.code(this.pos);
    if (ch < 0) return EOF;
    switch (ch) {
      case 0x2b:
      case 0x2d:
      case 0x2e:
        return this.number();
      case 0x28:
        return this.string();
      case 0x2f:
        return this.name();
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        this.pos++;
        return new PdfCommand(String.fromCharCode(ch));
      case 0x3c:
        if (this.code(this.pos + 1) === 0x3c) {
          this.pos += 2;
          return new PdfCommand('<<');
        }
        return this.hexString();
      case 0x3e:
        if (this.code(this.pos + 1) === 0x3e) {
          this.pos += 2;
          return new PdfCommand('>>');
        }
        this.pos++;
        return new PdfCommand('>');
      case 0x29:
        this.pos++;
        return new PdfCommand(')');
    }
    if (ch >= 0x30 && ch <= 0x39) return this.number();
    const start = this.pos;
    do this.pos++;
    while (this.pos < this.text.length && special(this.code(this.pos)) === 0);
    const word = this.text.slice(start, this.pos);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new PdfCommand(word);
  }

  /** pdf.js's getNumber: signs, a leading point, e-notation; a sign alone is 0. */
  private number(): number {
    let ch = this.code(this.pos);
    let sign = 1;
    if (ch === 0x2d) {
      sign = -1;
      ch = this.code(++this.pos);
      if (ch === 0x2d) ch = this.code(++this.pos);
    } else if (ch === 0x2b) ch = this.code(++this.pos);
    while (ch === 0x0a || ch === 0x0d) ch = this.code(++this.pos);
    let divideBy = 0;
    if (ch === 0x2e) {
      divideBy = 10;
      ch = this.code(++this.pos);
    }
    if (ch < 0x30 || ch > 0x39) return 0;
    let value = ch - 0x30;
    let exponent = 0;
    let exponentSign = 1;
    let eNotation = false;
    while ((ch = this.code(++this.pos)) >= 0) {
      if (ch >= 0x30 && ch <= 0x39) {
        if (eNotation) exponent = exponent * 10 + (ch - 0x30);
        else {
          if (divideBy !== 0) divideBy *= 10;
          value = value * 10 + (ch - 0x30);
        }
      } else if (ch === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else break;
      } else if (ch === 0x2d) {
        // pdf.js warns of a minus sign in the middle and reads on.
      } else if (ch === 0x45 || ch === 0x65) {
        const after = this.code(this.pos + 1);
        if (after === 0x2b || after === 0x2d) {
          exponentSign = after === 0x2d ? -1 : 1;
          this.pos++;
        } else if (after < 0x30 || after > 0x39) break;
        eNotation = true;
      } else break;
    }
    if (divideBy !== 0) value /= divideBy;
    if (eNotation) value *= 10 ** (exponentSign * exponent);
    return sign * value;
  }

  private name(): PdfName {
    const start = ++this.pos;
    while (this.pos < this.text.length && special(this.code(this.pos)) === 0) this.pos++;
    return new PdfName(decodeName(this.text.slice(start, this.pos)));
  }

  /** A literal string: balanced parentheses, a backslash escaping the next character. */
  private string(): PdfString {
    let depth = 1;
    const start = ++this.pos;
    while (this.pos < this.text.length) {
      const ch = this.code(this.pos++);
      if (ch === 0x5c) this.pos++;
      else if (ch === 0x28) depth++;
      else if (ch === 0x29 && --depth === 0) return new PdfString(this.text.slice(start, this.pos - 1));
    }
    return new PdfString(this.text.slice(start));
  }

  private hexString(): PdfString {
    const end = this.text.indexOf('>', this.pos + 1);
    const body = this.text.slice(this.pos + 1, end < 0 ? this.text.length : end);
    this.pos = end < 0 ? this.text.length : end + 1;
    return new PdfString(body);
  }
}

const isCommand = (token: unknown, cmd: string): boolean => token instanceof PdfCommand && token.cmd === cmd;

export interface ParsedObject {
  value: PdfValue;
  /** For a stream: where its dictionary is written (`<<` … `>>`) and where its data starts. */
  stream?: { dictStart: number; dictEnd: number; dataStart: number };
}

/** pdf.js's Parser (two tokens of look-ahead; `N G R` a reference), over a lexer. */
export class Parser {
  private buf1: Token;
  private buf2: Token;
  private buf1Start = 0;
  private buf2Start = 0;

  constructor(
    private readonly lexer: Lexer,
    private readonly maxDepth = 64,
  ) {
    this.buf1Start = this.startOfNext();
    this.buf1 = lexer.next();
    this.buf2Start = this.startOfNext();
    this.buf2 = lexer.next();
  }

  private startOfNext(): number {
    this.lexer.skipSpace();
    return this.lexer.pos;
  }

  private shift(): void {
    this.buf1 = this.buf2;
    this.buf1Start = this.buf2Start;
    this.buf2Start = this.startOfNext();
    this.buf2 = this.lexer.next();
  }

  /** One object; a dictionary followed by `stream` tells where the stream's data starts. */
  object(depth = 0): ParsedObject {
    if (depth > this.maxDepth) throw new ParseLimit();
    const token = this.buf1;
    const tokenStart = this.buf1Start;
    this.shift();
    if (token instanceof PdfCommand) {
      if (token.cmd === '[') {
        const array: PdfValue[] = [];
        while (!isCommand(this.buf1, ']') && this.buf1 !== EOF) array.push(this.object(depth + 1).value);
        this.shift();
        return { value: array };
      }
      if (token.cmd === '<<') {
        const dict: PdfDict = new Map();
        while (!isCommand(this.buf1, '>>') && this.buf1 !== EOF) {
          if (!(this.buf1 instanceof PdfName)) {
            this.shift();
            continue;
          }
          const key = this.buf1.name;
          this.shift();
          if ((this.buf1 as Token) === EOF) break;
          dict.set(key, this.object(depth + 1).value);
        }
        if (this.buf1 === EOF) return { value: dict };
        const dictEnd = this.buf1Start + 2;
        if (isCommand(this.buf2, 'stream')) {
          // The lexer stands just past `stream`; the data starts on the next line (pdf.js's skipToNextLine).
          const { text } = this.lexer;
          let at = this.lexer.pos;
          while (at < text.length) {
            const ch = text.charCodeAt(at++);
            if (ch === 0x0d) {
              if (text.charCodeAt(at) === 0x0a) at++;
              break;
            }
            if (ch === 0x0a) break;
          }
          return { value: dict, stream: { dictStart: tokenStart, dictEnd, dataStart: at } };
        }
        this.shift();
        return { value: dict };
      }
      return { value: token };
    }
    if (token === EOF) return { value: null };
    if (typeof token === 'number' && Number.isInteger(token) && Number.isInteger(this.buf1) && isCommand(this.buf2, 'R')) {
      const ref = new PdfRef(token, this.buf1 as number);
      this.shift();
      this.shift();
      return { value: ref };
    }
    return { value: token };
  }
}

/** One object parsed at `pos` (just past its `obj`), or null when it is past parsing (too deep, too long). */
export function parseObjectAt(text: string, pos: number, maxTokens?: number): ParsedObject | null {
  try {
    return new Parser(new Lexer(text, pos, maxTokens)).object();
  } catch (error) {
    if (error instanceof ParseLimit) return null;
    throw error;
  }
}

const OBJECT_HEADER = /(?<![0-9])(\d+)[\s\0]+(\d+)[\s\0]+obj\b/g;

interface Header {
  num: number;
  gen: number;
  /** Offset of the header's first digit. */
  start: number;
  /** Offset just past `obj`. */
  body: number;
}

export interface StreamObject {
  dict: PdfDict;
  /** The stream's dictionary as written, from `<<` to just past `>>`. */
  dictStart: number;
  dictEnd: number;
  /** The stream's data as pdf.js delimits it. */
  dataStart: number;
  dataEnd: number;
}

/** Decoded object streams beyond this many bytes in all are not opened (a bomb of object streams). */
const OBJECT_STREAMS_BUDGET = 256 * 1024 * 1024;
/** Largest object stream opened. */
const OBJECT_STREAM_BYTES = 64 * 1024 * 1024;

export interface ObjectStream {
  /** The object stream's own number. */
  num: number;
  /** Its decoded content, latin1. */
  content: string;
  /** Object number → offset in `content` where the object starts. */
  offsets: Map<number, number>;
}

export class RawPdf {
  readonly text: string;
  private readonly headers: Header[] = [];
  private readonly byId = new Map<string, number[]>();
  private readonly parsed = new Map<number, ParsedObject | null>();
  private objectStreamList: ObjectStream[] | null = null;
  private trailerList: { at: number; dict: PdfDict }[] | null = null;

  constructor(readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    for (const match of this.text.matchAll(OBJECT_HEADER)) {
      const header = { num: Number(match[1]), gen: Number(match[2]), start: match.index, body: match.index + match[0].length };
      const id = `${header.num} ${header.gen}`;
      const list = this.byId.get(id);
      if (list) list.push(this.headers.length);
      else this.byId.set(id, [this.headers.length]);
      this.headers.push(header);
    }
  }

  /** The headers' indices of every definition of an object, in file order. */
  definitions(id: string): readonly number[] {
    return this.byId.get(id) ?? [];
  }

  /** The object whose header is the last one at or before `offset`, if any. */
  enclosing(offset: number): number | null {
    let low = 0;
    let high = this.headers.length - 1;
    let found: number | null = null;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.headers[middle]!.start <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** The object of header `index`, parsed (once). */
  object(index: number): ParsedObject | null {
    if (!this.parsed.has(index)) this.parsed.set(index, parseObjectAt(this.text, this.headers[index]!.body));
    return this.parsed.get(index) ?? null;
  }

  headerId(index: number): string {
    const header = this.headers[index]!;
    return `${header.num} ${header.gen}`;
  }

  /**
   * An object by reference, as pdf.js would fetch it: the last definition in the file (a later
   * one replaces an earlier, as incremental updates do), else one kept in an object stream.
   */
  fetch(ref: PdfRef): PdfValue | undefined {
    const indices = this.definitions(ref.id);
    if (indices.length > 0) return this.object(indices[indices.length - 1]!)?.value;
    if (ref.gen !== 0) return undefined;
    for (const stream of this.objectStreams()) {
      const at = stream.offsets.get(ref.num);
      if (at !== undefined) return parseObjectAt(stream.content, at)?.value;
    }
    return undefined;
  }

  fetchIfRef(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.fetch(value) : value;
  }

  /** The stream of header `index`, its data delimited as pdf.js does: by /Length when `endstream` follows it, else up to `endstream`. */
  stream(index: number): StreamObject | null {
    const parsed = this.object(index);
    if (!parsed?.stream || !(parsed.value instanceof Map)) return null;
    const dict = parsed.value;
    const { dictStart, dictEnd, dataStart } = parsed.stream;
    const length = this.fetchIfRef(dict.get('Length'));
    let dataEnd = -1;
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && dataStart + length <= this.text.length) {
      const lexer = new Lexer(this.text, dataStart + length, 4);
      const token = lexer.next();
      if (isCommand(token, 'endstream')) dataEnd = dataStart + length;
    }
    if (dataEnd < 0) {
      const end = this.text.indexOf('endstream', dataStart);
      dataEnd = end >= 0 ? end : this.text.length;
    }
    return { dict, dictStart, dictEnd, dataStart, dataEnd };
  }

  /**
   * The stream's filters as pdf.js reads them (/F before /Filter, /DP before /DecodeParms, a
   * reference fetched, a name or an array of names), or null when they are not names.
   */
  filters(dict: PdfDict): FilterStep[] | null {
    const filter = this.fetchIfRef(dict.has('F') ? dict.get('F') : dict.get('Filter'));
    const params = this.fetchIfRef(dict.has('DP') ? dict.get('DP') : dict.get('DecodeParms'));
    if (filter instanceof PdfName) return [{ name: filter.name, params: Array.isArray(params) ? undefined : params }];
    if (!Array.isArray(filter)) return [];
    const steps: FilterStep[] = [];
    for (const [i, entry] of filter.entries()) {
      const name = this.fetchIfRef(entry);
      // pdf.js refuses the stream (a FormatError) on a filter that is no name.
      if (!(name instanceof PdfName)) return null;
      steps.push({ name: name.name, params: Array.isArray(params) ? this.fetchIfRef(params[i]) : undefined });
    }
    return steps;
  }

  /** The stream's data with its filters undone, or null when that cannot be judged (see stream-filters.ts). */
  decodedStream(stream: StreamObject, maxBytes: number): Uint8Array | null {
    const steps = this.filters(stream.dict);
    if (steps === null) return null;
    return decodeFilters(this.bytes.subarray(stream.dataStart, stream.dataEnd), steps, maxBytes);
  }

  /** The header indices of stream objects whose /Type is `type`, found by the name wherever it is written. */
  streamsOfType(type: string): number[] {
    const out = new Set<number>();
    for (const name of findNames(this.text, [type])) {
      const index = this.enclosing(name.start);
      if (index === null || out.has(index)) continue;
      const stream = this.stream(index);
      const value = stream ? this.fetchIfRef(stream.dict.get('Type')) : undefined;
      if (value instanceof PdfName && value.name === type) out.add(index);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Every object stream, decoded (those that cannot be, left out). */
  objectStreams(): readonly ObjectStream[] {
    if (this.objectStreamList) return this.objectStreamList;
    this.objectStreamList = [];
    let budget = OBJECT_STREAMS_BUDGET;
    for (const index of this.streamsOfType('ObjStm')) {
      const stream = this.stream(index)!;
      const data = budget > 0 ? this.decodedStream(stream, Math.min(budget, OBJECT_STREAM_BYTES)) : null;
      if (!data) continue;
      budget -= data.length;
      const content = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
      const count = this.fetchIfRef(stream.dict.get('N'));
      const first = this.fetchIfRef(stream.dict.get('First'));
      const offsets = new Map<number, number>();
      if (typeof count === 'number' && typeof first === 'number') {
        const lexer = new Lexer(content, 0, 2 * Math.min(count, 1_000_000) + 2);
        try {
          for (let i = 0; i < count; i++) {
            const num = lexer.next();
            const offset = lexer.next();
            if (typeof num !== 'number' || typeof offset !== 'number') break;
            if (!offsets.has(num)) offsets.set(num, first + offset);
          }
        } catch (error) {
          if (!(error instanceof ParseLimit)) throw error;
        }
      }
      this.objectStreamList.push({ num: this.headers[index]!.num, content, offsets });
    }
    return this.objectStreamList;
  }

  /** Trailer dictionaries, in file order: those after `trailer` keywords and cross-reference streams'. */
  trailers(): readonly { at: number; dict: PdfDict }[] {
    if (this.trailerList) return this.trailerList;
    const found: { at: number; dict: PdfDict }[] = [];
    for (const match of this.text.matchAll(/trailer/g)) {
      const parsed = parseObjectAt(this.text, match.index + match[0].length, 100_000);
      if (parsed?.value instanceof Map) found.push({ at: match.index, dict: parsed.value });
    }
    for (const index of this.streamsOfType('XRef')) found.push({ at: this.headers[index]!.start, dict: this.stream(index)!.dict });
    this.trailerList = found.sort((a, b) => a.at - b.at);
    return this.trailerList;
  }

  /** Whether a trailer names an /Encrypt dictionary: the streams are then ciphertext until pdf.js decrypts them. */
  isEncrypted(): boolean {
    return this.trailers().some(({ dict }) => {
      const value = dict.get('Encrypt');
      return value !== undefined && value !== null;
    });
  }
}

/** The `N G R` right after offset `from` (white space and comments allowed before and between), or null. */
export function referenceAfter(text: string, from: number): PdfRef | null {
  try {
    const value = new Parser(new Lexer(text, from, 8)).object().value;
    return value instanceof PdfRef ? value : null;
  } catch (error) {
    if (error instanceof ParseLimit) return null;
    throw error;
  }
}

// The start tags of an XML part as it inflates, without building anything: what the workbook
// checks (xlsx-limits.ts) need before exceljs parses a part. It reads the bytes as Latin-1, which
// keeps every ASCII character (all the names and values it is asked for) where UTF-8 put it.
//
// Where it may differ from an XML parser it sees more tags, never fewer: comments, CDATA sections
// and processing instructions are skipped as a parser skips them, an attribute value may hold `>`,
// a tag split across two chunks is read whole, and a tag after a stray `<` (which a parser refuses)
// is still read.
import { IngestError } from '../errors.ts';

/** A start tag (or empty-element tag): its local name (no prefix) and its attribute text. */
export type TagHandler = (name: string, attributes: string) => void;

/** No real part has a tag this long; past it the file is refused rather than buffered. */
export const MAX_TAG_CHARS = 1 << 20;

const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** The `>` that ends the tag begun before `from`, -1 if the text ends first, -2 at a stray `<`. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === LT) return -2;
    } else if (c === QUOTE || c === APOSTROPHE) quote = c;
    else if (c === GT) return i;
    else if (c === LT) return -2;
  }
  return -1;
}

const SKIPPED: readonly (readonly [string, string])[] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

export class XmlTagScanner {
  /** An unfinished tag (or `<!`… not yet told apart) carried to the next chunk. */
  private pending = '';
  /** Inside a comment, CDATA section or processing instruction: the text that ends it. */
  private skipUntil: string | null = null;
  private skipTail = '';

  constructor(
    private readonly part: string,
    private readonly onTag: TagHandler,
  ) {}

  write(chunk: Uint8Array): void {
    let text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (this.skipUntil !== null) {
      const joined = this.skipTail + text;
      const at = joined.indexOf(this.skipUntil);
      if (at < 0) {
        this.skipTail = joined.slice(-(this.skipUntil.length - 1));
        return;
      }
      text = joined.slice(at + this.skipUntil.length);
      this.skipUntil = null;
      this.skipTail = '';
    }
    if (this.pending !== '') {
      text = this.pending + text;
      this.pending = '';
    }
    this.scan(text);
    if (this.pending.length > MAX_TAG_CHARS) {
      throw new IngestError('TOO_COMPLEX', `${this.part} has a tag over ${MAX_TAG_CHARS.toLocaleString('en-US')} characters long; no real workbook has one`);
    }
  }

  end(): void {
    // An unfinished tag at the end is not a tag any parser reads.
    this.pending = '';
  }

  private scan(text: string): void {
    let position = 0;
    for (;;) {
      const start = text.indexOf('<', position);
      if (start < 0) return;
      const next = text.charCodeAt(start + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const skipped = SKIPPED.find(([open]) => text.startsWith(open, start));
        if (skipped) {
          const [open, close] = skipped;
          const end = text.indexOf(close, start + open.length);
          if (end < 0) {
            this.skipUntil = close;
            this.skipTail = text.slice(Math.max(start + open.length, text.length - (close.length - 1)));
            return;
          }
          position = end + close.length;
          continue;
        }
        // Too little text to tell `<!--` from `<!DOCTYPE`: wait for more.
        if (text.length - start < '<![CDATA['.length && SKIPPED.some(([open]) => open.startsWith(text.slice(start)))) {
          this.pending = text.slice(start);
          return;
        }
      }
      if (start + 1 >= text.length) {
        this.pending = text.slice(start);
        return;
      }
      const end = tagEnd(text, start + 1);
      if (end === -1) {
        this.pending = text.slice(start);
        return;
      }
      if (end === -2) {
        position = start + 1;
        continue;
      }
      position = end + 1;
      if (next === 0x2f /* / */ || next === 0x21 /* ! */) continue;
      const body = text.slice(start + 1, end);
      const nameEnd = body.search(/[\s/]|$/);
      const name = body.slice(0, nameEnd);
      this.onTag(name.slice(name.indexOf(':') + 1), body.slice(nameEnd));
    }
  }
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

const attributePatterns = new Map<string, RegExp>();

/**
 * Every value given to an unprefixed attribute `name`, entities decoded. Any ` name="…"` in the
 * tag's text counts, even one a malformed attribute before it would hide from a stricter reading
 * (the tags asked about hold no free text, so nothing else looks like one).
 */
export function attributeValues(attributes: string, name: string): string[] {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name.replace(/[^\w]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
    attributePatterns.set(name, pattern);
  }
  return [...attributes.matchAll(pattern)].map((match) => decodeEntities(match[1] ?? match[2] ?? ''));
}

// Embedded font programs pdf.js must not be given. pdf.js keeps a Type 1 font's built-in encoding
// as an array indexed by the codes the program declares, then looks every glyph up in it with
// indexOf. A damaged font stream decodes to garbage that may declare code 559,931,598: the array is
// then half a billion long, one lookup takes 15 s, and a 127 KB PDF held the reader for over an
// hour, in code that cannot be interrupted (found by the fuzzer). So before pdf.js opens a file,
// every embedded program is decoded once, through its filters as pdf.js undoes them: one that does
// not decode (damaged, or filtered in a way this pass does not undo) or that declares Type 1 codes
// past 65,535 is hidden. pdf.js then treats the font as not embedded and reads its text through
// the ToUnicode map, as it does for any font not embedded.
//
// The file is read as pdf.js reads it (raw-pdf.ts): the same file with its filter written `/Fl`
// (the abbreviation pdf.js accepts in any stream) instead of `/FlateDecode` hung the reader for good
// when this pass only knew the long spelling. Names may be escaped (`/Font#46ile`, `/Fl#61teDecode`),
// filters chained (`[/AHx /Fl]`), tokens separated by comments; descriptors may sit inside
// compressed object streams.
//
// How a program is hidden: where the /FontFile key is written in the file's own bytes, it is
// renamed byte for byte (`/FontFile` → `/FontFilX`, offsets stay valid), a key pdf.js does not know;
// where it is inside a compressed object stream, the program's stream itself is emptied in place
// (`<</Length 0>>` and blanks, the same length), which pdf.js reads as no font file.
//
// Not judged: encrypted files' streams (ciphertext until pdf.js decrypts them): one that does not
// decode is left to pdf.js there.
import { findNames, RawPdf, referenceAfter } from './raw-pdf.ts';

/** Codes of a Type 1 encoding: 0–255 in practice; anything past 16 bits is garbage or an attack. */
const MAX_CODE = 0xffff;
/** Largest font program decoded for the check; a real one is at most a few MB. */
const MAX_PROGRAM_BYTES = 64 * 1024 * 1024;

const FONT_FILE_KEYS = ['FontFile', 'FontFile2', 'FontFile3'];

/**
 * pdf.js's Type1Parser.getToken over a program: white space, `%` comments, the special characters
 * as tokens of their own. Tokens are spans of the bytes, compared in place: a program may be tens of
 * megabytes of tokens, and only a few are ever read as text.
 */
class Type1Tokens {
  private at: number;
  private start = 0;
  private end = 0;

  constructor(private readonly program: Uint8Array) {
    // A PFB segment header (0x80 0x01 and a length) comes before the clear text; pdf.js skips it.
    this.at = program[0] === 0x80 && program[1] === 0x01 ? 6 : 0;
  }

  private static white(ch: number): boolean {
    return ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;
  }

  private static special(ch: number): boolean {
    return ch === 0x2f || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d || ch === 0x28 || ch === 0x29;
  }

  /** Moves to the next token; false at the end (pdf.js's null). */
  next(): boolean {
    const { program } = this;
    let comment = false;
    for (;;) {
      if (this.at >= program.length) return false;
      const ch = program[this.at]!;
      if (comment) {
        if (ch === 0x0a || ch === 0x0d) comment = false;
      } else if (ch === 0x25) comment = true;
      else if (!Type1Tokens.white(ch)) break;
      this.at++;
    }
    this.start = this.at++;
    if (!Type1Tokens.special(program[this.start]!)) {
      while (this.at < program.length && !Type1Tokens.white(program[this.at]!) && !Type1Tokens.special(program[this.at]!)) this.at++;
    }
    this.end = this.at;
    return true;
  }

  /** Whether the current token is `word`. */
  is(word: string): boolean {
    if (this.end - this.start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (this.program[this.start + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  text(): string {
    return Buffer.from(this.program.buffer, this.program.byteOffset + this.start, this.end - this.start).toString('latin1');
  }
}

/**
 * Whether the program's clear text declares an encoding with codes past 16 bits, read as pdf.js's
 * Type1Parser.extractFontHeader reads it (its loop over `dup <code> /<glyph> put`, its parseInt | 0,
 * the number arrays it skips), over the whole program rather than only the header block pdf.js
 * cuts at `eexec`: a superset.
 */
export function declaresHugeCodes(program: Uint8Array): boolean {
  const tokens = new Type1Tokens(program);
  while (tokens.next()) {
    if (!tokens.is('/')) continue;
    if (!tokens.next()) return false;
    if (tokens.is('FontMatrix') || tokens.is('FontBBox')) {
      // readNumberArray: an opening token, then numbers up to ] or }.
      tokens.next();
      while (tokens.next() && !tokens.is(']') && !tokens.is('}'));
      continue;
    }
    if (!tokens.is('Encoding')) continue;
    if (!tokens.next()) return false;
    const size = tokens.text();
    if (!/^\d+$/.test(size)) continue;
    if (Number(size) > MAX_CODE + 1) return true;
    const count = parseInt(size, 10) | 0;
    tokens.next();
    for (let j = 0; j < count; j++) {
      if (!tokens.next()) return false;
      while (!tokens.is('dup') && !tokens.is('def')) if (!tokens.next()) return false;
      if (tokens.is('def')) break;
      const index = tokens.next() ? parseInt(tokens.text(), 10) | 0 : 0;
      if (index > MAX_CODE) return true;
      tokens.next();
      tokens.next();
      tokens.next();
    }
  }
  return false;
}

/** `/FontFilX` and the key's digit, padded with blanks to the length of the name token as written. */
function renamedKey(name: string, length: number): string {
  return `/FontFilX${name.slice('FontFile'.length)}`.padEnd(length, ' ');
}

/** The PDF with hazardous embedded font programs hidden from pdf.js; the same bytes when there are none. */
export function withoutHazardousFonts(bytes: Uint8Array, pdf = new RawPdf(bytes)): Uint8Array {
  const encrypted = pdf.isEncrypted();
  const verdicts = new Map<string, boolean>();
  const hazardous = (id: string): boolean => {
    let verdict = verdicts.get(id);
    if (verdict === undefined) {
      verdict = pdf.definitions(id).some((index) => {
        const parsed = pdf.object(index);
        // An object past parsing here (thousands of tokens, nested deep) cannot be judged.
        if (parsed === null) return !encrypted;
        // Not a stream: pdf.js refuses it as a font file and reads the font as not embedded.
        const stream = pdf.stream(index);
        if (stream === null) return false;
        const program = pdf.decodedStream(stream, MAX_PROGRAM_BYTES);
        return program === null ? !encrypted : declaresHugeCodes(program);
      });
      verdicts.set(id, verdict);
    }
    return verdict;
  };

  let out: Uint8Array | null = null;
  const write = (at: number, text: string) => {
    out ??= new Uint8Array(bytes);
    out.set(Buffer.from(text, 'latin1'), at);
  };
  for (const name of findNames(pdf.text, FONT_FILE_KEYS)) {
    const ref = referenceAfter(pdf.text, name.end);
    if (ref && hazardous(ref.id)) write(name.start, renamedKey(name.name, name.end - name.start));
  }
  for (const objectStream of pdf.objectStreams()) {
    for (const name of findNames(objectStream.content, FONT_FILE_KEYS)) {
      const ref = referenceAfter(objectStream.content, name.end);
      if (!ref || !hazardous(ref.id)) continue;
      for (const index of pdf.definitions(ref.id)) {
        const stream = pdf.stream(index);
        if (!stream) continue;
        const dictLength = stream.dictEnd - stream.dictStart;
        if (dictLength >= '<</Length 0>>'.length) write(stream.dictStart, '<</Length 0>>'.padEnd(dictLength, ' '));
        write(stream.dataStart, ' '.repeat(stream.dataEnd - stream.dataStart));
      }
    }
  }
  return out ?? bytes;
}

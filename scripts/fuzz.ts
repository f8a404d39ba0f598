// npm run fuzz: the property tests' properties (test/property/properties.ts), and the fuzz-only ones
// below, for FUZZ_MINUTES (default 30), from random seeds, with progress every minute. A failure
// prints its property, seed, path and counterexample, keeps the input as
// fixtures/fuzz/<property>-<seed>.txt|.bin (which test/property/regressions.test.ts then reads) and
// exits 1. `npm run fuzz -- --help` lists the options.
//
// The properties run in a child process watched by this one: a synchronous hang cannot be timed out
// from inside, and a native crash (sharp, onnxruntime) takes its process with it. Before each run the
// child writes the input to a scratch directory, so whatever stops it, the input that did is known;
// the directory is removed however the run ends (done, a failure, Ctrl-C, a signal).
//
// FUZZ_REPLAY=<property>:<seed>:<path> replays one failure (the seed and path it printed) in this process.
import { ascii85, asciiHex, pngPredicted, runLength } from '../ingest/pdf/testdata/stream-encoders.ts';
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { withoutHazardousFonts } from '../ingest/pdf/font-guard.ts';
import { isPdfjsException } from '../ingest/pdf/open-document.ts';
import { PdfRef, RawPdf } from '../ingest/pdf/raw-pdf.ts';
import { DEFAULT_LIMITS } from '../ingest/limits.ts';
import { fixtureBytes } from '../test/property/arbitraries.ts';
import { checkFile, hangBoundMs, warmUp, workSize, type Outcome } from '../test/property/checks.ts';
import { PROPERTIES, toProperty, type ExtractionProperty, type Input } from '../test/property/properties.ts';

type Message =
  | { type: 'run'; property: string; seed: number; size: number; file: string }
  | { type: 'failure'; property: string; seed: number; path?: string; report: string; file: string };

const FIXTURES = fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url));
/** Beyond a run's own hang bound, the watchdog allows five OCR pages and a minute of a loaded machine. */
const WATCHDOG_EXTRA_MS = 6 * 60_000;
/** Longest a failure may spend shrinking before the smallest counterexample so far is reported. */
const SHRINK_MS = 3 * 60_000;

const extension = (input: Input) => (input.path === 'text' ? 'txt' : 'bin');
const contents = (input: Input) => (input.path === 'text' ? input.text : input.bytes);
const sizeOf = (input: Input) => (input.path === 'text' ? input.text.length : workSize(input.bytes));

function keepFixture(from: string, property: string, seed: number): string {
  mkdirSync(FIXTURES, { recursive: true });
  const to = join(FIXTURES, `${property}-${seed}.${from.split('.').pop()}`);
  copyFileSync(from, to);
  return to;
}

// ---- fuzz-only properties: what pdf.js and the readers resolve that a well-formed file never spells ----
//
// Found by hand after the fuzzer missed them (issue 18): a PDF whose font filter was written `/Fl`
// hung the reader for good (the font guard knew only `/FlateDecode`); a page tree declaring a
// million pages held it for a minute; huge merges, dimensions and shared-string counts in a sheet;
// 49 MB of random bytes answered as a text too long; a 400-megapixel image answered as damaged.
// Each property below writes such input from the fixtures and, where the answer is known, checks it.

/** A fuzz property with checks of its own: before the file is read, and of the outcome (beyond checkFile's). */
interface FuzzProperty extends ExtractionProperty {
  before?: (c: unknown) => void;
  expect?: (c: unknown, outcome: Outcome, elapsedMs: number) => void;
}

function fuzzProperty<C>(
  name: string,
  arbitrary: fc.Arbitrary<C>,
  render: (c: C) => Uint8Array,
  fuzz: { weight: number; batch: number },
  checks: { before?: (c: C) => void; expect?: (c: C, outcome: Outcome, elapsedMs: number) => void } = {},
): FuzzProperty {
  return {
    name,
    arbitrary,
    input: (c) => ({ path: 'file', bytes: render(c as C) }),
    ciRuns: 0,
    fuzzWeight: fuzz.weight,
    fuzzBatch: fuzz.batch,
    before: checks.before as FuzzProperty['before'],
    expect: checks.expect as FuzzProperty['expect'],
  };
}

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const concatBytes = (parts: readonly Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

// -- PDF: chengde.pdf taken apart and written again, with spellings pdf.js resolves ------------------

interface SourceObject {
  /** A non-stream object's text, as written. */
  body?: string;
  /** A stream: its dictionary without /Length and /Filter, and its data with the filter undone. */
  stream?: { dict: string; data: Uint8Array };
}

interface SourcePdf {
  objects: Map<number, SourceObject>;
  root: number;
  info: number | null;
  /** Type 1 programs (/FontFile), where a planted encoding code makes pdf.js hang. */
  type1Programs: number[];
  /** The top-level page tree. */
  pages: number;
}

let chengde: SourcePdf | null = null;

function sourcePdf(): SourcePdf {
  if (chengde) return chengde;
  const bytes = fixtureBytes('chengde.pdf');
  const pdf = new RawPdf(bytes);
  const objects = new Map<number, SourceObject>();
  for (const match of pdf.text.matchAll(/(?<![0-9])(\d+) 0 obj\b/g)) {
    const num = Number(match[1]);
    const indices = pdf.definitions(`${num} 0`);
    const index = indices[indices.length - 1]!;
    const stream = pdf.stream(index);
    if (stream) {
      const data = pdf.decodedStream(stream, 64 * 1024 * 1024);
      if (!data) throw new Error(`chengde.pdf object ${num} does not decode`);
      const dict = pdf.text.slice(stream.dictStart + 2, stream.dictEnd - 2).replace(/\/Length\s+\d+(?:\s+\d+\s+R)?/, '').replace(/\/Filter\s*\/FlateDecode/, '');
      objects.set(num, { stream: { dict, data } });
    } else {
      const start = match.index + match[0].length;
      objects.set(num, { body: pdf.text.slice(start, pdf.text.indexOf('endobj', start)).trim() });
    }
  }
  const trailer = pdf.trailers().at(-1)!.dict;
  const root = trailer.get('Root') as PdfRef;
  const info = trailer.get('Info');
  const catalog = objects.get(root.num)!.body!;
  const type1Programs = [...new Set([...pdf.text.matchAll(/\/FontFile (\d+) 0 R/g)].map((match) => Number(match[1])))];
  chengde = { objects, root: root.num, info: info instanceof PdfRef ? info.num : null, type1Programs, pages: Number(/\/Pages (\d+) 0 R/.exec(catalog)![1]) };
  return chengde;
}

const flate = (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes));

/** How a stream's filter is written, and its data encoded to match: all read alike by pdf.js. */
const FILTER_SPELLINGS: readonly [string, (data: Uint8Array) => Uint8Array][] = [
  ['/Filter/FlateDecode', flate],
  ['/Filter/Fl', flate],
  ['/Filter /Fl', flate],
  ['/F/Fl', flate],
  ['/F /FlateDecode', flate],
  ['/Filter[/Fl]', flate],
  ['/Filter [ /FlateDecode ]', flate],
  ['/Filter/Flate#44ecode', flate],
  ['/Filter/#46#6c', flate],
  ['/Filter/#46#4C#41#54#45#44#45#43#4F#44#45', (data) => data],
  ['/Fil#74er/Fl', flate],
  ['/#46ilter/Fl', flate],
  ['/Filter%comment\n/Fl', flate],
  ['/Filter\u0000/Fl', flate],
  ['/Filter\u000c/Fl\r', flate],
  ['/Filter[/AHx/Fl]', (data) => asciiHex(flate(data))],
  ['/Filter[/Fl/A85]', (data) => flate(ascii85(data))],
  ['/F[/A#48x /Fl]', (data) => asciiHex(flate(data))],
  ['/Filter/A85', ascii85],
  ['/Filter/ASCIIHexDecode', asciiHex],
  ['/Filter/AHx', asciiHex],
  ['/Filter/RL', runLength],
  ['/Filter/RunLengthDecode', runLength],
  ['/Filter/Fl/DecodeParms<</Predictor 12/Columns 16>>', (data) => flate(pngPredicted(data, 16, false))],
  ['/F/Fl/DP<</Predictor 11/Columns 7>>', (data) => flate(pngPredicted(data, 7, true))],
  ['/Filter/NoSuchDecode', (data) => data],
  ['', (data) => data],
];

/** How a /FontFile key is written: all the same name to pdf.js. */
const KEY_SPELLINGS: readonly ((key: string) => string)[] = [
  (key) => key,
  (key) => key.replace('FontFile', 'Font#46ile'),
  (key) => key.replace('FontFile', '#46ont#46#69le'),
  (key) => key.replace('FontFile', 'F#6fntFile'),
  (key) => `${key}%note\n`,
  (key) => `${key}\u0000`,
];

interface PdfRewrite {
  /** The filter spelling of every stream, and of some streams in particular. */
  spelling: number;
  others: { stream: number; spelling: number }[];
  key: number;
  /** A Type 1 program made hazardous: a code past 16 bits in its encoding, or bytes cut from its filtered data. */
  hazard: { kind: 'huge-code' | 'cut'; font: number; at: number; length: number } | null;
  /** The page tree's /Count, written as text (1e6, +300, 301.0 …), directly or by reference. */
  count: { text: string; byReference: boolean } | null;
  /** Every object that is no stream moved into a compressed object stream, found through a cross-reference stream. */
  pack: boolean;
}

interface WrittenPdf {
  bytes: Uint8Array;
  /** Where each /FontFile key naming the hazardous program was written (none when packed). */
  hazardKeys: number[];
  /** Where the hazardous program's data is. */
  hazardData: [number, number] | null;
}

function writePdf(objects: Map<number, Uint8Array>, source: SourcePdf, pack: boolean, hazardFont: number | null): WrittenPdf {
  const nums = [...objects.keys()].sort((a, b) => a - b);
  const packed = pack ? nums.filter((num) => !isStreamBody(objects.get(num)!)) : [];
  const direct = nums.filter((num) => !packed.includes(num));
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const entries = new Map<number, [number, number, number]>();
  const hazardKeys: number[] = [];
  let hazardData: [number, number] | null = null;
  const add = (num: number, body: Uint8Array) => {
    const head = latin1(`${num} 0 obj\n`);
    entries.set(num, [1, offset, 0]);
    const text = Buffer.from(body).toString('latin1');
    if (hazardFont !== null && !pack) {
      for (const match of text.matchAll(new RegExp(`(/[^\\s/<>\\[\\]()]+)\\s*(?:%[^\\n]*\\n)?\\s*${hazardFont} 0 R`, 'g'))) hazardKeys.push(offset + head.length + match.index);
    }
    if (num === hazardFont) {
      const start = text.indexOf('stream\n') + 'stream\n'.length;
      hazardData = [offset + head.length + start, offset + head.length + text.lastIndexOf('\nendstream')];
    }
    const object = concatBytes([head, body, latin1('\nendobj\n')]);
    parts.push(object);
    offset += object.length;
  };
  for (const num of direct) add(num, objects.get(num)!);
  const max = nums[nums.length - 1]!;
  const trailer = `/Root ${source.root} 0 R${source.info !== null ? `/Info ${source.info} 0 R` : ''}`;
  if (!pack) {
    const size = max + 1;
    const rows = Array.from({ length: size }, (_, num) => {
      const entry = entries.get(num);
      return entry ? `${String(entry[1]).padStart(10, '0')} 00000 n \n` : `0000000000 ${num === 0 ? '65535' : '00000'} f \n`;
    });
    parts.push(latin1(`xref\n0 ${size}\n${rows.join('')}trailer\n<</Size ${size}${trailer}>>\nstartxref\n${offset}\n%%EOF\n`));
    return { bytes: concatBytes(parts), hazardKeys, hazardData };
  }
  const streamNum = max + 1;
  const xrefNum = max + 2;
  const bodies = packed.map((num) => Buffer.from(objects.get(num)!).toString('latin1'));
  let position = 0;
  const header = packed.map((num, i) => {
    const pair = `${num} ${position}`;
    position += bodies[i]!.length + 1;
    return pair;
  });
  const headerText = `${header.join(' ')}\n`;
  const content = latin1(headerText + bodies.join('\n') + '\n');
  add(streamNum, concatBytes([latin1(`<</Type/ObjStm/N ${packed.length}/First ${headerText.length}/Filter/FlateDecode/Length `), ...lengthAndData(flate(content))]));
  packed.forEach((num, index) => entries.set(num, [2, streamNum, index]));
  entries.set(xrefNum, [1, offset, 0]);
  const size = xrefNum + 1;
  const table = Buffer.alloc(size * 7);
  for (let num = 0; num < size; num++) {
    const [type, field, index] = entries.get(num) ?? [0, 0, num === 0 ? 65535 : 0];
    table.writeUInt8(type, num * 7);
    table.writeUInt32BE(field, num * 7 + 1);
    table.writeUInt16BE(index, num * 7 + 5);
  }
  parts.push(concatBytes([latin1(`${xrefNum} 0 obj\n<</Type/XRef/Size ${size}/W[1 4 2]${trailer}/Length ${table.length}>>\nstream\n`), table, latin1(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`)]));
  return { bytes: concatBytes(parts), hazardKeys, hazardData };
}

function lengthAndData(data: Uint8Array): Uint8Array[] {
  return [latin1(`${data.length}>>\nstream\n`), data, latin1('\nendstream')];
}

const isStreamBody = (body: Uint8Array) => Buffer.from(body.subarray(0, 4096)).toString('latin1').includes('\nstream\n');

function rewritePdf(c: PdfRewrite): WrittenPdf {
  const source = sourcePdf();
  const streams = [...source.objects].filter(([, object]) => object.stream).map(([num]) => num);
  const spellingOf = new Map(c.others.map(({ stream, spelling }) => [streams[stream % streams.length]!, spelling % FILTER_SPELLINGS.length]));
  const hazardFont = c.hazard ? source.type1Programs[c.hazard.font % source.type1Programs.length]! : null;
  const keySpelling = KEY_SPELLINGS[c.key % KEY_SPELLINGS.length]!;
  const objects = new Map<number, Uint8Array>();
  let extra = Math.max(...source.objects.keys()) + 1;
  for (const [num, object] of source.objects) {
    if (object.stream) {
      let data = object.stream.data;
      if (num === hazardFont && c.hazard?.kind === 'huge-code') {
        data = latin1(Buffer.from(data).toString('latin1').replace(/\bdup \d+ /, 'dup 559931598 '));
      }
      const [spelling, encode] = FILTER_SPELLINGS[spellingOf.get(num) ?? c.spelling % FILTER_SPELLINGS.length]!;
      let encoded = encode(data);
      if (num === hazardFont && c.hazard?.kind === 'cut') {
        const at = c.hazard.at % Math.max(1, encoded.length);
        encoded = concatBytes([encoded.subarray(0, at), encoded.subarray(at + c.hazard.length)]);
      }
      objects.set(num, concatBytes([latin1(`<<${spelling}${object.stream.dict}/Length `), ...lengthAndData(encoded)]));
      continue;
    }
    let body = object.body!.replace(/\/FontFile[23]?(?= )/g, (key) => keySpelling(key));
    if (num === source.pages && c.count) {
      const value = c.count.byReference ? `${extra} 0 R` : c.count.text;
      if (c.count.byReference) objects.set(extra++, latin1(c.count.text));
      body = body.replace(/\/Count \d+/, `/Count ${value}`);
    }
    objects.set(num, latin1(body));
  }
  return writePdf(objects, source, c.pack, hazardFont);
}

const pdfRewrite = (count: fc.Arbitrary<PdfRewrite['count']>, hazard: fc.Arbitrary<PdfRewrite['hazard']>): fc.Arbitrary<PdfRewrite> =>
  fc.record({
    spelling: fc.nat(),
    others: fc.array(fc.record({ stream: fc.nat(), spelling: fc.nat() }), { maxLength: 8 }),
    key: fc.nat(),
    hazard,
    count,
    pack: fc.boolean(),
  });

const plantedHazard = fc.option(
  fc.record({ kind: fc.constantFrom('huge-code' as const, 'cut' as const), font: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  { freq: 3 },
);

/** A /Count written as pdf.js reads it: a whole number, a point and zeros, a sign, e-notation, leading zeros. */
const declaredCount: fc.Arbitrary<{ value: number; text: string }> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constantFrom(1000, 65_536, 1_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, 1e15)),
    fc.constantFrom('plain' as const, 'point' as const, 'plus' as const, 'zeros' as const, 'exponent' as const),
  )
  .map(([value, form]) => {
    if (form === 'exponent' && value >= 1000 && value % 1000 === 0) {
      const digits = String(value).replace(/0+$/, '');
      return { value, text: `${digits}e${String(value).length - digits.length}` };
    }
    const text = { plain: `${value}`, point: `${value}.0`, plus: `+${value}`, zeros: `000${value}`, exponent: `${value}` }[form];
    return { value, text };
  });

const pageCountRewrite = fc
  .tuple(declaredCount, fc.boolean(), pdfRewrite(fc.constant(null), fc.constant(null)))
  .map(([count, byReference, rewrite]) => ({ ...rewrite, count: { text: count.text, byReference }, value: count.value }));

// -- XLSX: huge ranges and declared counts written into chengde.xlsx's own attributes ----------------

const HUGE_RANGES = ['A1:XFD1048576', 'A1:XFD1', 'A1:A1048576', 'B2:XFD1048576', 'A1:ZZZZZ99999999', 'A1:A4294967297', 'XFD1048576:A1', 'A1:XFE1', 'A1:AAAAAAAAAAAA1', 'A0:B0', 'A:XFD', '1:1048576'];
const HUGE_CELLS = ['XFD1048576', 'A1048576', 'XFD1', 'XFE1', 'A1048577', 'ZZZZZZ1', 'A99999999999', 'AAAAAAAAAAAAAAAA1', 'A0', '1A'];
const HUGE_NUMBERS = ['1048576', '1048577', '16384', '16385', '2147483647', '2147483648', '4294967296', '999999999999', '1e12', '-1', '0'];

interface XlsxEdit {
  target: 'merge' | 'dimension' | 'cell' | 'row' | 'colMin' | 'colMax' | 'spans' | 'mergeCount' | 'sstCount' | 'sstUnique';
  index: number;
  value: number;
}

const xlsxEdit: fc.Arbitrary<XlsxEdit> = fc.record({
  target: fc.constantFrom('merge', 'dimension', 'cell', 'row', 'colMin', 'colMax', 'spans', 'mergeCount', 'sstCount', 'sstUnique'),
  index: fc.nat(),
  value: fc.nat(),
});

/** The `index`-th (modulo) value of an attribute matched by `pattern` (its value the first group) replaced. */
function replaceAttribute(xml: string, pattern: RegExp, index: number, value: string): string {
  const matches = [...xml.matchAll(pattern)];
  if (matches.length === 0) return xml;
  const match = matches[index % matches.length]!;
  const start = match.index + match[0].indexOf(match[1]!, match[0].indexOf('"'));
  return xml.slice(0, start) + value + xml.slice(start + match[1]!.length);
}

function renderXlsxEdits(edits: readonly XlsxEdit[]): Uint8Array {
  const parts = unzipSync(fixtureBytes('chengde.xlsx'));
  const sheetName = 'xl/worksheets/sheet1.xml';
  let sheet = new TextDecoder().decode(parts[sheetName]);
  let strings = new TextDecoder().decode(parts['xl/sharedStrings.xml']);
  for (const edit of edits) {
    const pick = (pool: readonly string[]) => pool[edit.value % pool.length]!;
    switch (edit.target) {
      case 'merge':
        sheet = replaceAttribute(sheet, /<mergeCell ref="([^"]*)"/g, edit.index, pick(HUGE_RANGES));
        break;
      case 'dimension':
        sheet = replaceAttribute(sheet, /<dimension ref="([^"]*)"/g, edit.index, pick(HUGE_RANGES));
        break;
      case 'cell':
        sheet = replaceAttribute(sheet, /<c r="([^"]*)"/g, edit.index, pick(HUGE_CELLS));
        break;
      case 'row':
        sheet = replaceAttribute(sheet, /<row r="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
      case 'colMin':
        sheet = replaceAttribute(sheet, /<col min="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
      case 'colMax':
        sheet = replaceAttribute(sheet, /<col min="[^"]*" max="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
      case 'spans':
        sheet = replaceAttribute(sheet, /spans="([^"]*)"/g, edit.index, `1:${pick(HUGE_NUMBERS)}`);
        break;
      case 'mergeCount':
        sheet = replaceAttribute(sheet, /<mergeCells count="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
      case 'sstCount':
        strings = replaceAttribute(strings, / count="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
      case 'sstUnique':
        strings = replaceAttribute(strings, /uniqueCount="([^"]*)"/g, edit.index, pick(HUGE_NUMBERS));
        break;
    }
  }
  parts[sheetName] = new TextEncoder().encode(sheet);
  parts['xl/sharedStrings.xml'] = new TextEncoder().encode(strings);
  return zipSync(parts);
}

// -- PNG: table.png declaring another size; random bytes by the megabyte ------------------------------

function pngDeclaring(width: number, height: number): Uint8Array {
  const png = Buffer.from(fixtureBytes('table.png'));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return new Uint8Array(png);
}

const pngSize = fc.record({
  width: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 20_000, max: 1_000_000 }), fc.constantFrom(2 ** 31 - 1, 65_535, 16_384)),
  height: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 20_000, max: 1_000_000 }), fc.constantFrom(2 ** 31 - 1, 65_535, 16_384)),
});

/** Megabytes of random bytes from a seed (xorshift), quick to make; after an optional byte-order mark. */
function randomMegabytes(c: { size: number; seed: number; bom: 'none' | 'utf8' | 'utf16le' }): Uint8Array {
  const bom = { none: [], utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe] }[c.bom];
  const words = new Uint32Array(Math.ceil(c.size / 4));
  let state = c.seed | 1;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  const bytes = new Uint8Array(words.buffer, 0, c.size);
  bytes.set(bom);
  // No magic number by chance: a format's signature would send the bytes to its reader.
  if (c.bom === 'none') bytes.set([0x01, 0x02, 0x03, 0x04]);
  return bytes;
}

function fail(message: string): never {
  throw new Error(message);
}

const codeOf = (outcome: Outcome) => (outcome.ok ? 'a reading' : outcome.code);

/**
 * The guard's own promise, checked before the file is read: a Type 1 program given a code past 16
 * bits is hidden from pdf.js however its filter and key are spelt. (Missed, pdf.js would hang for
 * hours, and only the watchdog would tell, after minutes.)
 */
function checkHazardHidden(c: PdfRewrite): void {
  if (c.hazard?.kind !== 'huge-code') return;
  const written = rewritePdf(c);
  const guarded = withoutHazardousFonts(written.bytes);
  const keysRenamed = written.hazardKeys.length > 0 && written.hazardKeys.every((at) => Buffer.from(guarded.subarray(at, at + 9)).toString('latin1') === '/FontFilX');
  const [start, end] = written.hazardData ?? [0, 0];
  const emptied = end > start && guarded.subarray(start, end).every((byte) => byte === 0x20);
  if (!keysRenamed && !emptied) fail('the font guard left a Type 1 program with encoding code 559931598 to pdf.js');
}

const FUZZ_ONLY_PROPERTIES: readonly FuzzProperty[] = [
  fuzzProperty('file-pdf-spelling', pdfRewrite(fc.constant(null), plantedHazard), (c) => rewritePdf(c).bytes, { weight: 2, batch: 4 }, { before: checkHazardHidden }),
  fuzzProperty('file-pdf-page-count', pageCountRewrite, (c) => rewritePdf(c).bytes, { weight: 1, batch: 4 }, {
    expect: (c, outcome) => {
      if (c.value > DEFAULT_LIMITS.maxPages && codeOf(outcome) !== 'TOO_MANY_PAGES') fail(`a page tree declaring ${c.value} pages answered ${codeOf(outcome)}, not TOO_MANY_PAGES`);
    },
  }),
  fuzzProperty('file-xlsx-huge-ranges', fc.array(xlsxEdit, { minLength: 1, maxLength: 6 }), renderXlsxEdits, { weight: 1, batch: 10 }),
  fuzzProperty('file-png-declared-size', pngSize, (c) => pngDeclaring(c.width, c.height), { weight: 0.5, batch: 4 }, {
    expect: ({ width, height }, outcome) => {
      if (width * height > DEFAULT_LIMITS.maxImagePixels && codeOf(outcome) !== 'IMAGE_TOO_LARGE') fail(`a PNG declaring ${width} × ${height} pixels answered ${codeOf(outcome)}, not IMAGE_TOO_LARGE`);
    },
  }),
  fuzzProperty(
    'file-random-megabytes',
    fc.record({ size: fc.integer({ min: 1 << 20, max: 49 << 20 }), seed: fc.nat(), bom: fc.constantFrom('none' as const, 'utf8' as const, 'utf16le' as const) }),
    randomMegabytes,
    { weight: 0.3, batch: 2 },
    {
      expect: ({ bom }, outcome, elapsedMs) => {
        if (bom === 'none' && codeOf(outcome) !== 'UNSUPPORTED_FORMAT') fail(`random bytes answered ${codeOf(outcome)}, not UNSUPPORTED_FORMAT`);
        if (elapsedMs > 10_000) fail(`random bytes took ${Math.round(elapsedMs)} ms to refuse`);
      },
    },
  ),
];

export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [...PROPERTIES, ...FUZZ_ONLY_PROPERTIES];

/** The fast-check property of a fuzz property: the common checks, then the property's own. */
function fuzzCheck(property: FuzzProperty, onInput?: (input: Input) => void): fc.IAsyncProperty<[unknown]> {
  if (!property.before && !property.expect) return toProperty(property, onInput);
  return fc.asyncProperty(property.arbitrary, async (c) => {
    const input = property.input(c);
    onInput?.(input);
    if (input.path !== 'file') throw new Error(`${property.name} makes files`);
    property.before?.(c);
    const started = performance.now();
    const outcome = await checkFile(input.bytes);
    property.expect?.(c, outcome, performance.now() - started);
  });
}

// ---- the child: runs properties until the deadline ---------------------------------------------

async function work(deadline: number, scratch: string, properties: readonly FuzzProperty[]): Promise<void> {
  const send = (message: Message) => process.send?.(message);
  // A message is sent asynchronously: exiting right after it would lose it.
  const sendAndExit = (message: Message) => (process.send ? process.send(message, () => process.exit(1)) : process.exit(1));
  let current: { property: string; seed: number; file: string } | null = null;
  const escaped = (error: unknown) => {
    // An error thrown outside any awaited call (a reader's stray promise): a bug, blamed on the run in progress.
    if (!current) throw error;
    sendAndExit({ type: 'failure', ...current, report: `an error escaped the extractor: ${(error as Error)?.stack ?? String(error)}` });
  };
  // pdf.js leaves some of its own exceptions unhandled while it recovers; ingest drops those (see
  // ingest/pdf/open-document.ts), so only the others would end the CLI or the server.
  process.on('unhandledRejection', (reason) => {
    if (!isPdfjsException(reason)) escaped(reason);
  });
  process.on('uncaughtException', escaped);
  // Ctrl-C reaches the whole process group: the parent decides, and stops this process itself.
  process.on('SIGINT', () => undefined);
  // The parent gone (killed outright), nobody watches: stop, leaving no scratch directory behind.
  process.on('disconnect', () => {
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  });

  await warmUp('files');
  const spent = new Map(properties.map((property) => [property.name, 0]));
  const next = () => properties.reduce((best, property) => ((spent.get(property.name) ?? 0) / property.fuzzWeight < (spent.get(best.name) ?? 0) / best.fuzzWeight ? property : best));
  while (Date.now() < deadline) {
    const property = next();
    const seed = randomInt(2 ** 31);
    const started = Date.now();
    const watched = fuzzCheck(property, (input) => {
      const file = join(scratch, `current.${extension(input)}`);
      writeFileSync(file, contents(input));
      current = { property: property.name, seed, file };
      send({ type: 'run', property: property.name, seed, size: sizeOf(input), file });
    });
    const found = await fc.check(watched, { seed, numRuns: property.fuzzBatch, endOnFailure: true, includeErrorInReport: true, plugins: [fc.interruptAfterTimeLimit(Math.max(0, deadline - started))] });
    // Shrinking replays the failure's path on a budget of its own: a slow case shrinks slowly, and
    // must not take the rest of the run (a timing failure may also not recur, and is reported as found).
    const shrunk = found.failed && found.counterexamplePath ? await fc.check(watched, { seed, path: found.counterexamplePath, includeErrorInReport: true, plugins: [fc.interruptAfterTimeLimit(SHRINK_MS)] }) : null;
    const details = shrunk?.failed && shrunk.counterexample ? shrunk : found;
    spent.set(property.name, (spent.get(property.name) ?? 0) + Date.now() - started);
    if (details.failed && details.counterexample) {
      const input = property.input((details.counterexample as [unknown])[0]);
      const file = join(scratch, `failure.${extension(input)}`);
      writeFileSync(file, contents(input));
      sendAndExit({ type: 'failure', property: property.name, seed, file, path: details.counterexamplePath ?? undefined, report: fc.defaultReportMessage(details).slice(0, 20_000) });
      return;
    }
  }
  process.exit(0);
}

// ---- the parent: progress, the watchdog, and what is kept ---------------------------------------

/** How long a stopping parent waits for its worker to go before it exits anyway. */
const STOP_WAIT_MS = 5_000;

function supervise(minutes: number, properties: readonly FuzzProperty[]): void {
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const scratch = mkdtempSync(join(tmpdir(), 'jixiao-fuzz-'));
  // However this process ends (done, a failure, a signal, an error of its own), the scratch
  // directory goes with it; a failing input is copied to fixtures/fuzz/ before.
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true, maxRetries: 3 }));
  const runs = new Map(properties.map((property) => [property.name, 0]));
  let last: (Message & { type: 'run' }) | null = null;
  let lastAt = Date.now();
  let done = false;

  console.log(`fuzzing ${properties.length} properties for ${minutes} min (scratch ${scratch})`);
  const only = properties.map((property) => property.name).join(',');
  const child = fork(fileURLToPath(import.meta.url), ['--worker', String(deadline), scratch, only], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

  const progress = () => {
    const total = [...runs.values()].reduce((sum, count) => sum + count, 0);
    const each = [...runs].map(([name, count]) => `${name} ${count}`).join(', ');
    console.log(`[${Math.round((Date.now() - started) / 60_000)} min] ${total} runs: ${each}`);
  };
  const finish = (code: number, lines: string[]) => {
    if (done) return;
    done = true;
    clearInterval(ticker);
    clearInterval(watchdog);
    progress();
    for (const line of lines) console.log(line);
    // The worker is stopped and gone before the scratch directory is removed (on exit), so it
    // cannot write into it again.
    const exit = () => process.exit(code);
    if (child.exitCode !== null || child.signalCode !== null) return exit();
    child.once('exit', exit);
    child.kill('SIGKILL');
    setTimeout(exit, STOP_WAIT_MS).unref();
  };
  /** A failure of the run in progress (a hang, a dead worker): its input is kept, unless the run is already stopping. */
  const blame = (what: string) => {
    if (done) return;
    if (!last) return finish(1, [`FAILED: ${what} before any input was run`]);
    const kept = keepFixture(last.file, last.property, last.seed);
    finish(1, [`FAILED: ${what}`, `property ${last.property}, seed ${last.seed} (the input is the one in progress; no shrinking)`, `input kept as ${kept}`]);
  };

  const ticker = setInterval(progress, 60_000);
  const watchdog = setInterval(() => {
    if (!last) return;
    const limit = hangBoundMs(last.size) + WATCHDOG_EXTRA_MS;
    if (Date.now() - lastAt > limit) blame(`a run of ${last.property} has not finished in ${Math.round((Date.now() - lastAt) / 1000)} s (watchdog limit ${Math.round(limit / 1000)} s)`);
  }, 5_000);

  // Interrupted: nothing is blamed or kept; the worker is stopped and the scratch directory removed.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => finish(130, [`interrupted (${signal}): stopped, nothing kept`]));
  }

  child.on('message', (message: Message) => {
    if (message.type === 'run') {
      last = message;
      lastAt = Date.now();
      runs.set(message.property, (runs.get(message.property) ?? 0) + 1);
    } else if (message.type === 'failure' && !done) {
      const kept = keepFixture(message.file, message.property, message.seed);
      const lines = [`FAILED: property ${message.property}, seed ${message.seed}, path ${message.path ?? '(none)'}`, message.report, `input kept as ${kept}`];
      if (message.path) lines.push(`replay: FUZZ_REPLAY=${message.property}:${message.seed}:${message.path} npm run fuzz`);
      finish(1, lines);
    }
  });
  child.on('exit', (code, signal) => {
    if (code === 0) finish(0, [`no failures in ${minutes} min`]);
    else blame(`the worker died (exit code ${code}, signal ${signal})`);
  });
}

async function replay(spec: string): Promise<void> {
  const [name, seed, ...steps] = spec.split(':');
  const path = steps.join(':');
  const property = FUZZ_PROPERTIES.find((candidate) => candidate.name === name);
  if (!property || !seed || !path) throw new Error(`FUZZ_REPLAY is <property>:<seed>:<path>, property one of ${FUZZ_PROPERTIES.map((p) => p.name).join(', ')}`);
  await fc.assert(fuzzCheck(property), { seed: Number(seed), path, endOnFailure: true });
  console.log('the property holds on this case now');
}

const HELP = `npm run fuzz [-- options]: the extraction properties from random seeds, in a watched child process.

  --minutes N       how long to run (default: FUZZ_MINUTES, else 30)
  --only A,B        run only these properties (default: FUZZ_ONLY, else all)
  --list            list the properties, with their share of the time, and exit
  --help            this text

  FUZZ_REPLAY=<property>:<seed>:<path> npm run fuzz
                    replay one failure (the seed and path it printed) in this process

A failure keeps its input as fixtures/fuzz/<property>-<seed>.txt|.bin (add it to
test/property/regressions.test.ts) and exits 1; no failure exits 0; Ctrl-C stops at once, keeping
nothing. The scratch directory under ${tmpdir()} is removed however the run ends.`;

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value (npm run fuzz -- --help)`);
  return value;
}

function chosen(names: string | undefined): readonly FuzzProperty[] {
  if (!names) return FUZZ_PROPERTIES;
  const wanted = names.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = wanted.filter((name) => !FUZZ_PROPERTIES.some((property) => property.name === name));
  if (unknown.length > 0) throw new Error(`no property ${unknown.join(', ')}; they are ${FUZZ_PROPERTIES.map((property) => property.name).join(', ')}`);
  return FUZZ_PROPERTIES.filter((property) => wanted.includes(property.name));
}

const args = process.argv.slice(2);
// Imported (to sample a property's inputs), this module runs nothing.
const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (!isMain) {
  // nothing to run
} else if (args[0] === '--worker') {
  await work(Number(args[1]), args[2] ?? tmpdir(), chosen(args[3]));
} else if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
} else if (args.includes('--list')) {
  const total = FUZZ_PROPERTIES.reduce((sum, property) => sum + property.fuzzWeight, 0);
  for (const property of FUZZ_PROPERTIES) console.log(`${property.name.padEnd(28)} ${((100 * property.fuzzWeight) / total).toFixed(0).padStart(3)}% of the time${property.ciRuns === 0 ? ', fuzzer only' : ''}`);
} else if (process.env.FUZZ_REPLAY) {
  await replay(process.env.FUZZ_REPLAY);
} else {
  const given = option(args, '--minutes') ?? process.env.FUZZ_MINUTES ?? '30';
  const minutes = Number(given);
  if (!(minutes > 0)) throw new Error(`the minutes to run must be a positive number, not ${given}`);
  const unknown = args.filter((arg, i) => arg.startsWith('--') && !['--minutes', '--only'].includes(arg) && !['--minutes', '--only'].includes(args[i - 1] ?? ''));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')} (npm run fuzz -- --help)`);
  supervise(minutes, chosen(option(args, '--only') ?? process.env.FUZZ_ONLY));
}

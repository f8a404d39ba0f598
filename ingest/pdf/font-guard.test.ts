// The font guard sees a font program wherever pdf.js would load it: whatever the spelling of its
// filters and keys (abbreviations, `#xx` escapes, arrays, comments, indirect values), through chains
// of filters, and behind descriptors kept in compressed object streams.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaresHugeCodes, withoutHazardousFonts } from './font-guard.ts';
import { buildPdf, deflate, pdfWithFontProgram, stream, type1Program } from './testdata/build-pdf.ts';
import { ascii85, asciiHex, pngPredicted, runLength } from './testdata/stream-encoders.ts';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

const HAZARD = type1Program('dup 65 /A put\ndup 2000000000 /B put');
const BENIGN = type1Program('dup 65 /A put\ndup 66 /B put');

const hidden = (pdf: Uint8Array) => latin1(withoutHazardousFonts(pdf)).includes('/FontFilX 5 0 R');

describe('withoutHazardousFonts: a filter however pdf.js spells it', () => {
  // Each: the stream dictionary's filter entry, and how the program is encoded for it.
  const FLATE = (program: Uint8Array) => deflate(program);
  const cases: [string, string, (program: Uint8Array) => Uint8Array][] = [
    ['the full name', '/Filter/FlateDecode', FLATE],
    ['the abbreviation /Fl', '/Filter/Fl', FLATE],
    ['/Fl after white space', '/Filter /Fl', FLATE],
    ['an array of one', '/Filter [ /Fl ]', FLATE],
    ['a #xx escape', '/Filter/Flate#44ecode', FLATE],
    ['a name all escaped', '/Filter/#46#6c', FLATE],
    ['the key escaped', '/Fil#74er/Fl', FLATE],
    ['the key abbreviated /F', '/F/Fl', FLATE],
    ['a comment between key and value', '/Filter%note\n/Fl', FLATE],
    ['NUL and form feed as white space', '/Filter\u0000\u000c/Fl', FLATE],
    ['the value by reference', '/Filter 6 0 R', FLATE],
    ['an array entry by reference', '/Filter[6 0 R]', FLATE],
    ['/AHx then /Fl', '/Filter[/AHx/Fl]', (program) => asciiHex(deflate(program))],
    ['/Fl then /A85', '/Filter[/Fl /A85]', (program) => deflate(ascii85(program))],
    ['/ASCII85Decode alone', '/Filter/ASCII85Decode', ascii85],
    ['/RL', '/Filter/RL', runLength],
    ['a PNG predictor', '/Filter/Fl/DecodeParms<</Predictor 12/Columns 8>>', (program) => deflate(pngPredicted(program, 8))],
    ['/DP, the abbreviated /DecodeParms', '/F/Fl/DP<</Predictor 15/Columns 8>>', (program) => deflate(pngPredicted(program, 8))],
    ['no filter', '', (program) => program],
    ['a filter pdf.js does not know (the data read as it is)', '/Filter/NoSuchDecode', (program) => program],
  ];

  it.each(cases)('%s (%s): a hazardous program is hidden, a sound one left', (_what, filter, encode) => {
    const pdf = (program: Uint8Array) => {
      const bytes = pdfWithFontProgram(stream(filter, encode(program)));
      // Object 6, for the references: the filter's name on its own.
      return filter.includes('6 0 R') ? buildWith6(bytes) : bytes;
    };
    expect(hidden(pdf(HAZARD))).toBe(true);
    const sound = pdf(BENIGN);
    expect(withoutHazardousFonts(sound)).toBe(sound);
  });

  it('hides a program it cannot judge: an image filter, a predictor it does not undo, a filter that is no name, data that does not inflate', () => {
    expect(hidden(pdfWithFontProgram(stream('/Filter/DCT', BENIGN)))).toBe(true);
    expect(hidden(pdfWithFontProgram(stream('/Filter/Fl/DecodeParms<</Predictor 2/BitsPerComponent 4>>', deflate(BENIGN))))).toBe(true);
    expect(hidden(pdfWithFontProgram(stream('/Filter[/Fl 7]', deflate(BENIGN))))).toBe(true);
    expect(hidden(pdfWithFontProgram(stream('/F/Fl', deflate(BENIGN).subarray(0, 40))))).toBe(true);
  });

  it('decodes LZW as pdf.js does (the PDF reference’s example, EarlyChange)', () => {
    // "-----A---B" from the PDF reference, 7.4.4.2: 80 0B 60 50 22 0C 0C 85 01.
    const lzw = new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
    const pdf = pdfWithFontProgram(stream('/Filter/LZW', lzw));
    expect(withoutHazardousFonts(pdf)).toBe(pdf);
  });
});

/** The same file with an object 6 holding the name /Fl, for filters given by reference. */
function buildWith6(pdf: Uint8Array): Uint8Array {
  const text = latin1(pdf);
  const body = text.slice(0, text.indexOf('xref\n'));
  const objects = [...body.matchAll(/\d+ 0 obj\n([\s\S]*?)\nendobj\n/g)].map((match) => bytesOf(match[1]!));
  return buildPdf([...objects, '/Fl'], '/Root 1 0 R');
}

describe('withoutHazardousFonts: the font file key however it is written', () => {
  it('renames an escaped /FontFile key byte for byte, padded with blanks', () => {
    const out = latin1(withoutHazardousFonts(pdfWithFontProgram(stream('/Filter/Fl', deflate(HAZARD)), '/Font#46ile')));
    expect(out).toContain('/FontFilX   5 0 R');
    expect(out).not.toContain('/Font#46ile');
  });

  it('renames /FontFile2 and /FontFile3 keeping their digit, and a reference after a comment', () => {
    expect(latin1(withoutHazardousFonts(pdfWithFontProgram(stream('/Filter/Fl', deflate(HAZARD)), '/FontFile2')))).toContain('/FontFilX2 5 0 R');
    expect(latin1(withoutHazardousFonts(pdfWithFontProgram(stream('/Filter/Fl', deflate(HAZARD)), '/FontFile3%c\n')))).toContain('/FontFilX3%c\n 5 0 R');
  });

  it('empties the program’s own stream when its descriptor sits in a compressed object stream', () => {
    const descriptor = '<</Type/FontDescriptor/FontName/Test/FontFile 3 0 R>>';
    const header = '2 0 ';
    const objectStream = deflate(bytesOf(`${header}${descriptor}`));
    const font = stream('/Filter/Fl', deflate(HAZARD));
    const pdf = buildPdf(['<</Type/Catalog/Pages 4 0 R>>', stream(`/Type/ObjStm/N 1/First ${header.length}/Filter/FlateDecode`, objectStream), font, '<</Type/Pages/Kids[]/Count 0>>'], '/Root 1 0 R');
    const out = withoutHazardousFonts(pdf);
    expect(out.length).toBe(pdf.length);
    const text = latin1(out);
    expect(text).toMatch(/3 0 obj\n<<\/Length 0>> +\nstream\n +\nendstream/);
    // The sound program behind the same descriptor is left alone.
    const sound = buildPdf(['<</Type/Catalog/Pages 4 0 R>>', stream(`/Type/ObjStm/N 1/First ${header.length}/Filter/FlateDecode`, objectStream), stream('/Filter/Fl', deflate(BENIGN)), '<</Type/Pages/Kids[]/Count 0>>'], '/Root 1 0 R');
    expect(withoutHazardousFonts(sound)).toBe(sound);
  });
});

describe('withoutHazardousFonts: encryption', () => {
  it('still hides a program that decodes to huge codes when a trailer names /Encrypt, and leaves a real encrypted file as it is', () => {
    const pdf = pdfWithFontProgram(stream('/Filter/Fl', deflate(HAZARD)));
    const marked = bytesOf(latin1(pdf).replace('%%EOF', '%trailer<</Encrypt 9 0 R>>\n%%EOF'));
    expect(hidden(marked)).toBe(true);
    // What is not decoded there is ciphertext, left to pdf.js.
    const damaged = bytesOf(latin1(pdfWithFontProgram(stream('/Filter/Fl', deflate(BENIGN).subarray(0, 40)))).replace('%%EOF', '%trailer<</Encrypt 9 0 R>>\n%%EOF'));
    expect(hidden(damaged)).toBe(false);
    const encrypted = new Uint8Array(readFileSync(new URL('./testdata/encrypted.pdf', import.meta.url)));
    expect(withoutHazardousFonts(encrypted)).toBe(encrypted);
  });
});

describe('declaresHugeCodes reads the encoding as pdf.js’s Type1Parser does', () => {
  const program = (text: string) => bytesOf(text);
  it.each([
    ['a plain entry', '/Encoding 256 array\ndup 2000000000 /A put\nreadonly def', true],
    ['a comment between dup and the code', '/Encoding 256 array\ndup %c\n 2000000000 /A put def', true],
    ['a signed code', '/Encoding 256 array dup +2000000000 /A put def', true],
    ['a code with trailing junk (parseInt)', '/Encoding 256 array dup 2000000000x /A put def', true],
    ['an encoding array past 65,536', '/Encoding 70000 array def', true],
    ['an entry after one pdf.js reads with a def for its put', '/Encoding 256 array dup 5 /A def dup 999999 /B put def', true],
    ['codes within 16 bits', '/Encoding 256 array dup 65535 /A put def', false],
    ['a named encoding', '/Encoding StandardEncoding def dup 2000000000', false],
    ['an /Encoding inside /FontMatrix, which pdf.js skips', '/FontMatrix [ /Encoding 256 array dup 2000000000 ] /FontName /X def', false],
    ['a code past 32 bits that wraps (| 0) to a small one', '/Encoding 256 array dup 4294967297 /A put def', false],
  ])('%s', (_what, text, expected) => {
    expect(declaresHugeCodes(program(text))).toBe(expected);
  });

  it('skips a PFB segment header, as pdf.js does (read as text, its length bytes would open a comment here)', () => {
    const clear = bytesOf('/Encoding 256 array dup 2000000000 /A put def');
    expect(declaresHugeCodes(new Uint8Array([0x80, 0x01, 0x20, 0x25, 0x00, 0x00, ...clear]))).toBe(true);
    expect(declaresHugeCodes(new Uint8Array([0x81, 0x01, 0x20, 0x25, 0x00, 0x00, ...clear]))).toBe(false);
  });
});

describe('file-mutated-pdf-2082989725 with its filters abbreviated (issue 18)', () => {
  const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/fuzz/file-mutated-pdf-2082989725.bin', import.meta.url)));
  // The same length as /FlateDecode, so every offset in the file stays true.
  const abbreviated = bytesOf(latin1(fixture).replace(/\/FlateDecode/g, '/Fl         '));
  const escaped = bytesOf(latin1(fixture).replace(/\/FlateDecode/g, '/Flate#44ecode'));

  it('hides the two damaged Type 1 programs however the filter is spelt', () => {
    for (const variant of [abbreviated, escaped]) {
      const guarded = withoutHazardousFonts(variant);
      const changed = [...variant.keys()].filter((i) => variant[i] !== guarded[i]);
      expect(changed.map((i) => latin1(guarded.subarray(i - 8, i + 6)))).toEqual(['/FontFilX 21 0', '/FontFilX 26 0']);
    }
  });

  // Run in a child process: pdf.js hangs in synchronous code, which no test timeout can interrupt;
  // the child is killed instead. Before the fix it never finished.
  it('reads to the end in a separate process instead of hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-font-guard-'));
    try {
      const file = join(dir, 'abbreviated.pdf');
      writeFileSync(file, abbreviated);
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../cli/main.ts', import.meta.url)), 'extract', file], {
        encoding: 'utf8',
        timeout: 120_000,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(run.signal, 'killed after 120 s: the reader hung').toBeNull();
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).source.format).toBe('pdf');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

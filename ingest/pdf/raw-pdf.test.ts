import { describe, expect, it } from 'vitest';
import { decodeName, findNames, parseObjectAt, PdfName, PdfRef, RawPdf, referenceAfter } from './raw-pdf.ts';
import { buildPdf, deflate, stream } from './testdata/build-pdf.ts';

const bytesOf = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));

describe('names as pdf.js’s lexer reads them', () => {
  it.each([
    ['FlateDecode', 'FlateDecode'],
    ['Flate#44ecode', 'FlateDecode'],
    ['#46#6C', 'Fl'],
    ['A#20B', 'A B'],
    // Malformed escapes are kept as written, as pdf.js keeps them.
    ['A#', 'A#'],
    ['A#G1', 'A#G1'],
    ['A#4', 'A#4'],
    ['A#4G', 'A#4G'],
  ])('/%s is /%s', (raw, name) => {
    expect(decodeName(raw)).toBe(name);
  });

  it('finds a name however it is escaped, and only whole tokens', () => {
    const text = '<</Filter/Fl/F#69lter /FlateDecode/Filters 1/#46ilter[/A]>>';
    expect(findNames(text, ['Filter']).map((found) => text.slice(found.start, found.end))).toEqual(['/Filter', '/F#69lter', '/#46ilter']);
  });
});

describe('objects as pdf.js’s parser reads them', () => {
  it('parses a dictionary with comments, references, nested values, the last of a repeated key', () => {
    const parsed = parseObjectAt('<</A 1 0 R %c\n/B[1 2 0 R (x) <41>]/C<</D/E>>/A 7>>', 0);
    const dict = parsed?.value as Map<string, unknown>;
    expect(dict.get('A')).toBe(7);
    expect(dict.get('B')).toEqual([1, new PdfRef(2, 0), expect.anything(), expect.anything()]);
    expect((dict.get('C') as Map<string, unknown>).get('D')).toEqual(new PdfName('E'));
  });

  it('reads a reference after white space and comments, and nothing else as one', () => {
    expect(referenceAfter(' %x\n 12\u00000 R', 0)).toEqual(new PdfRef(12, 0));
    expect(referenceAfter(' 12 0 obj', 0)).toBeNull();
    expect(referenceAfter(' /Name', 0)).toBeNull();
  });

  it('delimits a stream by /Length when endstream follows, else by endstream, and undoes its filters', () => {
    const pdf = new RawPdf(buildPdf([stream('/Filter/Fl', deflate(bytesOf('hello'))), '<</Length 9999/Filter/AHx>>\nstream\n6869>\nendstream'], '/Root 1 0 R'));
    const [first] = pdf.definitions('1 0');
    const [second] = pdf.definitions('2 0');
    expect(Buffer.from(pdf.decodedStream(pdf.stream(first!)!, 100)!).toString()).toBe('hello');
    expect(Buffer.from(pdf.decodedStream(pdf.stream(second!)!, 100)!).toString()).toBe('hi');
  });

  it('fetches objects kept in compressed object streams, and tells an encrypted file by its trailer', () => {
    const inner = '5 0 6 3 (a)<</Count 42>>';
    const pdf = new RawPdf(buildPdf(['<</Root 1 0 R>>', stream('/Type/ObjStm/N 2/First 8/Filter/FlateDecode', deflate(bytesOf(inner)))], '/Root 1 0 R'));
    expect((pdf.fetch(new PdfRef(6, 0)) as Map<string, unknown>).get('Count')).toBe(42);
    expect(pdf.fetch(new PdfRef(7, 0))).toBeUndefined();
    expect(pdf.isEncrypted()).toBe(false);
    expect(new RawPdf(buildPdf(['<<>>'], '/Root 1 0 R/Encrypt 1 0 R')).isEncrypted()).toBe(true);
    // A comment that merely spells the key is no trailer entry.
    expect(new RawPdf(buildPdf(['<<>>% /Encrypt 1 0 R'], '/Root 1 0 R')).isEncrypted()).toBe(false);
  });
});

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ascii85Decode, asciiHexDecode, decodeFilters, fullFilterName, lzwDecode, runLengthDecode, undoPredictor } from './stream-filters.ts';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('latin1'));
const bytesOf = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));

describe('stream filters as pdf.js undoes them', () => {
  it('resolves the abbreviations pdf.js accepts, and leaves other names alone', () => {
    expect(['Fl', 'AHx', 'A85', 'LZW', 'RL', 'CCF', 'DCT', 'JPX'].map(fullFilterName)).toEqual([
      'FlateDecode',
      'ASCIIHexDecode',
      'ASCII85Decode',
      'LZWDecode',
      'RunLengthDecode',
      'CCITTFaxDecode',
      'DCTDecode',
      'JPXDecode',
    ]);
    expect(fullFilterName('fl')).toBe('fl');
    expect(fullFilterName('FlateDecode')).toBe('FlateDecode');
  });

  it('ASCIIHexDecode: white space and other characters skipped, a lone last digit padded, > ends', () => {
    expect(text(asciiHexDecode(bytesOf('48 65\n6c6C6f2>ff')))).toBe('Hello ');
    expect(text(asciiHexDecode(bytesOf('4865zz6c')))).toBe('Hel');
  });

  it('ASCII85Decode: groups, z, a short last group, ~> ends', () => {
    expect(text(ascii85Decode(bytesOf('87cURD]i,"Ebo80~>')))).toBe('Hello World!');
    expect(text(ascii85Decode(bytesOf('z87cUR D]~>')))).toBe('\0\0\0\0Hello');
  });

  it('RunLengthDecode: literal runs, repeats, 128 ends', () => {
    expect(text(runLengthDecode(new Uint8Array([2, 0x61, 0x62, 0x63, 254, 0x78, 128, 0, 0x7a]), 1000))).toBe('abcxxx');
  });

  it('LZWDecode: the PDF reference’s example (7.4.4.2), with and without EarlyChange', () => {
    const example = new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
    expect(text(lzwDecode(example, 1, 1000))).toBe('-----A---B');
    expect(text(lzwDecode(example, 0, 1000))).toBe('-----A---B');
  });

  it('undoes PNG and 8-bit TIFF predictors; a predictor pdf.js refuses leaves the stream empty', () => {
    const png = (rows: number[][], columns: number) => undoPredictor(new Uint8Array(rows.flat()), new Map([['Predictor', 12], ['Columns', columns]]));
    // None, then Up: the second row adds to the first.
    expect(text(png([[0, 65, 66, 67, 68], [2, 0, 0, 0, 1]], 4))).toBe('ABCDABCE');
    // Sub, Average and Paeth.
    expect(text(png([[1, 65, 1, 1, 1]], 4))).toBe('ABCD');
    expect(text(png([[0, 10, 20], [3, 60, 1]], 2))).toBe('\n\u0014A+');
    expect(text(png([[0, 10, 20], [4, 1, 1]], 2))).toBe('\n\u0014\u000b\u0015');
    expect(png([[9, 1, 2]], 2)).toBeNull();
    expect(text(undoPredictor(new Uint8Array([65, 1, 1, 1]), new Map([['Predictor', 2], ['Columns', 4]])))).toBe('ABCD');
    expect(undoPredictor(new Uint8Array([65, 1]), new Map([['Predictor', 7]]))).toEqual(new Uint8Array(0));
    expect(text(undoPredictor(new Uint8Array([65, 1]), new Map([['Predictor', 1]])))).toBe('A\u0001');
  });

  it('a chain is undone in order; an empty stream is empty whatever its filters', () => {
    const data = deflateSync(Buffer.from('<414243>'));
    expect(text(decodeFilters(new Uint8Array(data), [{ name: 'Fl', params: undefined }, { name: 'AHx', params: undefined }], 1000))).toBe('ABC');
    expect(text(decodeFilters(new Uint8Array(0), [{ name: 'DCT', params: undefined }], 1000))).toBe('');
  });

  it('answers null for what it cannot judge: image filters, predictors, damage, output past the limit', () => {
    const data = new Uint8Array(deflateSync(Buffer.alloc(10_000)));
    expect(decodeFilters(data, [{ name: 'DCT', params: undefined }], 1e6)).toBeNull();
    expect(decodeFilters(data, [{ name: 'Fl', params: new Map([['Predictor', 2], ['BitsPerComponent', 4]]) }], 1e6)).toBeNull();
    expect(decodeFilters(data, [{ name: 'Fl', params: new Map([['Predictor', 1]]) }], 1e6)?.length).toBe(10_000);
    expect(decodeFilters(data.subarray(0, 5), [{ name: 'Fl', params: undefined }], 1e6)).toBeNull();
    expect(decodeFilters(data, [{ name: 'Fl', params: undefined }], 1000)).toBeNull();
    // A name pdf.js does not know: the data as it is.
    expect(decodeFilters(data, [{ name: 'Crypt', params: undefined }], 1e6)).toEqual(data);
  });
});

// A PDF declaring a million pages (issue 18: 85 s and 1.1 GB) is refused from its page tree's
// /Count before pdf.js opens it.
import { describe, expect, it } from 'vitest';
import { ingest } from '../index.ts';
import { PdfReadError } from './errors.ts';
import { declaredPageCount } from './page-count.ts';
import { RawPdf } from './raw-pdf.ts';
import { readPdf } from './read-pdf.ts';
import { buildPdf, deflate, stream } from './testdata/build-pdf.ts';
import { cpuMs } from '../../test/support/cpu-time.ts';

const bytesOf = (value: string) => new Uint8Array(Buffer.from(value, 'latin1'));
const kids = (ref: string, count: number) => `[${Array<string>(count).fill(ref).join(' ')}]`;

/** A page tree of 1,000 × 1,000 references to one page: /Count 1000000 in 12 KB, and true to pdf.js. */
const MILLION = buildPdf(
  [
    '<</Type/Catalog/Pages 2 0 R>>',
    `<</Type/Pages/Kids${kids('4 0 R', 1000)}/Count 1000000>>`,
    '<</Type/Page/Parent 4 0 R/MediaBox[0 0 612 792]>>',
    `<</Type/Pages/Parent 2 0 R/Kids${kids('3 0 R', 1000)}/Count 1000>>`,
  ],
  '/Root 1 0 R',
);

describe('declaredPageCount', () => {
  it('reads /Count through the trailer, the catalog and the page tree', () => {
    expect(MILLION.length).toBeLessThan(20_000);
    expect(declaredPageCount(new RawPdf(MILLION))).toBe(1_000_000);
  });

  it('follows references into compressed object streams, from a cross-reference stream’s trailer', () => {
    const catalog = '<</Type/Catalog/Pages 11 0 R>>';
    const header = `10 0 11 ${catalog.length} `;
    const objectStream = stream(`/Type/ObjStm/N 2/First ${header.length}/Filter/Fl`, deflate(bytesOf(`${header}${catalog}<</Type/Pages/Kids[]/Count 3 0 R>>`)));
    // Objects 10 and 11 exist only inside object 1; the count is object 3. The classic trailer has no /Root.
    const pdf = buildPdf([objectStream, stream('/Type/XRef/Root 10 0 R/Size 12/W[1 2 1]', ''), '777'], '');
    expect(declaredPageCount(new RawPdf(pdf))).toBe(777);
    // The latest trailer with a /Root is the one read.
    const updated = bytesOf(`${Buffer.from(pdf).toString('latin1')}4 0 obj\n<</Type/Catalog/Pages 5 0 R>>\nendobj\n5 0 obj\n<</Type/Pages/Kids[]/Count 2>>\nendobj\ntrailer\n<</Root 4 0 R>>\n%%EOF\n`);
    expect(declaredPageCount(new RawPdf(updated))).toBe(2);
  });

  it('is null when the count is no count', () => {
    const tree = (count: string) => buildPdf(['<</Type/Catalog/Pages 2 0 R>>', `<</Type/Pages/Kids[]/Count ${count}>>`], '/Root 1 0 R');
    expect(declaredPageCount(new RawPdf(tree('3')))).toBe(3);
    expect(declaredPageCount(new RawPdf(tree('-3')))).toBeNull();
    expect(declaredPageCount(new RawPdf(tree('2.5')))).toBeNull();
    expect(declaredPageCount(new RawPdf(tree('(many)')))).toBeNull();
    expect(declaredPageCount(new RawPdf(bytesOf('%PDF-1.7\n%%EOF\n')))).toBeNull();
  });
});

describe('a PDF past maxPages is refused before a page is read', () => {
  it('TOO_MANY_PAGES at once for a page tree declaring a million pages', async () => {
    const started = cpuMs();
    await expect(readPdf(MILLION, { maxPages: 300 })).rejects.toEqual(new PdfReadError('TOO_MANY_PAGES', 'the PDF declares 1000000 pages; the limit is 300'));
    expect(cpuMs() - started).toBeLessThan(2000);
    const result = await ingest(MILLION);
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual(['TOO_MANY_PAGES', 'the PDF declares 1000000 pages; the limit is 300']);
  });

  it('TOO_MANY_PAGES from pdf.js’s own count when the tree cannot be read cheaply', async () => {
    const compressed = millionInObjectStream();
    expect(declaredPageCount(new RawPdf(compressed))).toBeNull();
    await expect(readPdf(compressed, { maxPages: 300 })).rejects.toMatchObject({ code: 'TOO_MANY_PAGES', message: 'the PDF has 1000000 pages; the limit is 300' });
  }, 60_000);
});

/**
 * The million-page tree with its catalog (10) and root (11) inside an object stream (1) whose
 * 16-bit TIFF predictor this pass does not undo (pdf.js does), found through a cross-reference
 * stream (14): only pdf.js can count these pages.
 */
function millionInObjectStream(): Uint8Array {
  const catalog = '<</Type/Catalog/Pages 11 0 R>>';
  const header = `10 0 11 ${catalog.length} `;
  let inner = `${header}${catalog}<</Type/Pages/Kids${kids('12 0 R', 1000)}/Count 1000000>>`;
  if (inner.length % 2) inner += ' ';
  // One 16-bit column a row: the TIFF predictor leaves every row as it is.
  const objects: [number, Uint8Array][] = [
    [1, stream(`/Type/ObjStm/N 2/First ${header.length}/Filter/FlateDecode/DecodeParms<</Predictor 2/BitsPerComponent 16/Columns 1>>`, deflate(bytesOf(inner)))],
    [12, bytesOf(`<</Type/Pages/Parent 11 0 R/Kids${kids('13 0 R', 1000)}/Count 1000>>`)],
    [13, bytesOf('<</Type/Page/Parent 12 0 R/MediaBox[0 0 612 792]>>')],
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const entries = new Map<number, [number, number, number]>();
  let offset = parts[0]!.length;
  for (const [num, body] of objects) {
    entries.set(num, [1, offset, 0]);
    const bytes = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(bytes);
    offset += bytes.length;
  }
  entries.set(10, [2, 1, 0]);
  entries.set(11, [2, 1, 1]);
  entries.set(14, [1, offset, 0]);
  const table = Buffer.alloc(15 * 7);
  for (let num = 0; num < 15; num++) {
    const [type, field, index] = entries.get(num) ?? [0, 0, num === 0 ? 65535 : 0];
    table.writeUInt8(type, num * 7);
    table.writeUInt32BE(field, num * 7 + 1);
    table.writeUInt16BE(index, num * 7 + 5);
  }
  parts.push(Buffer.concat([Buffer.from('14 0 obj\n', 'latin1'), stream('/Type/XRef/Size 15/W[1 4 2]/Root 10 0 R', table), Buffer.from(`\nendobj\nstartxref\n${offset}\n%%EOF\n`, 'latin1')]));
  return new Uint8Array(Buffer.concat(parts));
}

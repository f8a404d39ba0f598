// How many pages a PDF says it has, read from its bytes before pdf.js is given it: the trailer's
// /Root catalog, its /Pages tree, the tree's /Count (each of them possibly a reference, possibly
// inside a compressed object stream). A file declaring a million pages is refused from this at
// once; given to pdf.js, it held the reader for over a minute and a gigabyte while pdf.js checked
// the page tree and the reader read the first pages the limit allowed.
import { PdfName, type PdfDict, type RawPdf } from './raw-pdf.ts';

const isDict = (value: unknown): value is PdfDict => value instanceof Map;

/**
 * The top-level page tree's /Count, as pdf.js's catalog reads it, from the latest trailer that leads
 * to one; null when none does (a damaged file, which pdf.js then counts for itself).
 */
export function declaredPageCount(pdf: RawPdf): number | null {
  const trailers = pdf.trailers();
  for (let i = trailers.length - 1; i >= 0; i--) {
    const catalog = pdf.fetchIfRef(trailers[i]!.dict.get('Root'));
    if (!isDict(catalog)) continue;
    const pages = pdf.fetchIfRef(catalog.get('Pages'));
    if (!isDict(pages)) continue;
    const type = pdf.fetchIfRef(pages.get('Type'));
    if (type !== undefined && !(type instanceof PdfName && type.name === 'Pages')) continue;
    const count = pdf.fetchIfRef(pages.get('Count'));
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
  }
  return null;
}

// A PDF → blocks: pages with a trustworthy text layer are read from it; pages without one (scans)
// or with a garbled one are rendered and OCR'd. Both kinds of page then go through the same
// layout step, so a table reads the same whichever way its page was read.
import type { IngestLimits, Ingested } from '../index.ts';
import { IngestError } from '../errors.ts';
import type { PageLayout, ProgressReporter } from '../layout/types.ts';
import { layoutToBlocks } from '../layout/blocks.ts';
import { PdfReadError } from '../pdf/errors.ts';
import { readPdf, renderPdfPages } from '../pdf/read-pdf.ts';
import { needsOcr } from './text-layer.ts';

/** Scans are rendered at this resolution for OCR: enough for 5-pt table text, small enough to be quick. */
export const OCR_DPI = 200;

export async function readPdfDocument(bytes: Uint8Array, limits: IngestLimits, onProgress?: ProgressReporter): Promise<Omit<Ingested, 'sha256'>> {
  let pages: PageLayout[];
  let pageCount: number;
  try {
    ({ pages, pageCount } = await readPdf(bytes, { onProgress, maxPages: limits.maxPages }));
  } catch (error) {
    if (error instanceof PdfReadError) throw new IngestError(error.code, error.message);
    throw error;
  }
  if (pageCount > limits.maxPages) throw new IngestError('TOO_MANY_PAGES', `the PDF has ${pageCount} pages; the limit is ${limits.maxPages}`);
  const scanned = pages.filter(needsOcr).map((page) => page.page);
  if (scanned.length > 0) {
    const { ocrRenderedPages } = await import('../ocr/read-image.ts');
    const read = await ocrRenderedPages(renderPdfPages(bytes, { dpi: OCR_DPI, pages: scanned }), scanned.length, { onProgress });
    const byPage = new Map(read.map((page) => [page.page, page]));
    pages = pages.map((page) => byPage.get(page.page) ?? page);
  }
  return {
    doc: { blocks: layoutToBlocks(pages) },
    format: 'pdf',
    ocr: scanned.length > 0,
    pages: pageCount,
    detail: { detected: 'pdf', path: scanned.length > 0 ? 'pdf-ocr' : 'pdf-text' },
    pageSizes: pages.map(({ page, width, height }) => ({ page, width, height })),
  };
}

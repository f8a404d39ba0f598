// A text PDF → one PageLayout per page (text boxes and ruling lines, y-down), page by page so
// that a long file never holds more than one page's operators in memory. How much of the text
// layer maps to real characters is counted so the caller can send a garbled or empty layer to
// OCR instead.
import type { PageLayout, ProgressReporter } from '../layout/types.ts';
import { PdfReadError } from './errors.ts';
import { openDocument, toPdfReadError } from './open-document.ts';
import { pageRuleSegments } from './page-rules.ts';
import { pageTextBoxes, type TextQuality } from './page-text.ts';

export { PdfReadError, type PdfReadErrorCode } from './errors.ts';
export { renderPdfPages, type RenderedPage } from './render-pages.ts';

export interface PdfRead {
  pages: PageLayout[];
  pageCount: number;
  textQuality: TextQuality;
}

export interface ReadPdfOptions {
  onProgress?: ProgressReporter;
  /**
   * A file with more pages is refused (PdfReadError TOO_MANY_PAGES) before any page is read: from
   * the count its page tree declares, before pdf.js opens it, and from pdf.js's count after.
   */
  maxPages?: number;
}

export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions = {}): Promise<PdfRead> {
  const doc = await openDocument(bytes, { maxPages: opts.maxPages });
  try {
    if (opts.maxPages !== undefined && doc.numPages > opts.maxPages) {
      throw new PdfReadError('TOO_MANY_PAGES', `the PDF has ${doc.numPages} pages; the limit is ${opts.maxPages}`);
    }
    const pages: PageLayout[] = [];
    const textQuality: TextQuality = { glyphs: 0, unmapped: 0 };
    const last = doc.numPages;
    for (let number = 1; number <= last; number++) {
      const page = await doc.getPage(number);
      try {
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const { boxes, quality } = pageTextBoxes(content, viewport.transform);
        // A page without text is a scan, read by OCR, which finds its own rules; its operator list
        // would only decode the page image for nothing (a third of a second a page).
        const rules = boxes.length === 0 ? [] : pageRuleSegments(await page.getOperatorList(), viewport.transform);
        pages.push({ page: number, width: viewport.width, height: viewport.height, boxes, rules, ocr: false });
        textQuality.glyphs += quality.glyphs;
        textQuality.unmapped += quality.unmapped;
      } finally {
        page.cleanup();
      }
      opts.onProgress?.({ stage: 'pdf', done: number, total: last });
    }
    return { pages, pageCount: doc.numPages, textQuality };
  } catch (error) {
    throw toPdfReadError(error);
  } finally {
    await doc.destroy();
  }
}

// How much of anything a reader takes on, and the checks that hold every format to it. Each limit
// answers with its own code (errors.ts), so a caller can tell a zip bomb from a 2,000-page scan.
// The defaults are far above any real 绩效目标表 disclosure (the largest seed is 45 KiB of text and
// about 3,000 cells) and far below what would hold a reader for minutes or exhaust its memory.
import type { Block } from '../schemas/doc.ts';
import { IngestError } from './errors.ts';

export interface IngestLimits {
  /** Largest input accepted, in bytes. */
  maxInputBytes: number;
  /** Largest total a docx/xlsx may inflate to (zip bombs). */
  maxDecompressedBytes: number;
  /** Most pages read from a PDF or multi-page TIFF. */
  maxPages: number;
  /** Most pixels in one image before OCR (a 600 dpi A3 scan is about 70 million). */
  maxImagePixels: number;
  /** Most characters of text, pasted or decoded from a text, CSV or HTML file. */
  maxTextChars: number;
  /** Most table cells in a document, a merged cell counted for every position it covers. */
  maxCells: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxInputBytes: 50 * 1024 * 1024,
  maxDecompressedBytes: 200 * 1024 * 1024,
  maxPages: 300,
  maxImagePixels: 100_000_000,
  // About 5,000 pages of Chinese text; the extractor reads it in 15 s or so.
  maxTextChars: 10_000_000,
  // A province's whole disclosure is some 50,000 cells; a million still reads in seconds.
  maxCells: 1_000_000,
};

/** Deepest element nesting an HTML page (or mammoth's rendering of a Word file) may have. */
export const MAX_HTML_DEPTH = 256;

/**
 * Most shared strings (the distinct texts an Excel file's cells refer to) a workbook may list. A
 * province's whole disclosure has some 50,000 cells, and fewer distinct texts. exceljs parses
 * 200,000 plain strings in under a second and rich-text ones in about three; 900,000 cost it four
 * to fifteen seconds before a single cell was read.
 */
export const MAX_SHARED_STRINGS = 200_000;

/**
 * Most XML elements an Excel file's parts may hold together. exceljs makes an object or more of
 * each, about a microsecond apiece. A workbook has three or four per cell (a 50,000-cell one under
 * 200,000, a sheet of maxCells cells some three million); twelve million, a few hundred KB zipped,
 * held exceljs 13 s and 800 MB.
 */
export const MAX_XML_ELEMENTS = 5_000_000;

export function checkTextLength(length: number, limits: Pick<IngestLimits, 'maxTextChars'>): void {
  if (length > limits.maxTextChars) {
    throw new IngestError('TEXT_TOO_LONG', `the text has ${length} characters; the limit is ${limits.maxTextChars}`);
  }
}

/**
 * Cells a document's tables cover: a cell merged over rows and columns counts for each position,
 * because the grid reader fills every covered position (a rowspan past the table's end counts only
 * to the end). This is what bounds the reader's work, not the number of <td> written.
 */
export function coveredCells(blocks: readonly Block[]): number {
  let total = 0;
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    block.rows.forEach((row, index) => {
      const rowsLeft = block.rows.length - index;
      for (const cell of row) total += Math.min(Math.max(cell.rowSpan, 1), rowsLeft) * Math.max(cell.colSpan, 1);
    });
  }
  return total;
}

export function checkCellCount(cells: number, limits: Pick<IngestLimits, 'maxCells'>, what = 'the document’s tables'): void {
  if (cells > limits.maxCells) {
    throw new IngestError('TOO_MANY_CELLS', `${what}: ${cells} cells, over the limit of ${limits.maxCells}`);
  }
}

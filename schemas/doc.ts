// The document model every input format is read into: an ordered list of paragraphs and
// tables. The extractor only ever sees this, never the format it came from.
import { z } from 'zod';

export const SourceSpan = z
  .object({
    lineStart: z.number().int().optional().describe('first source line (a spreadsheet row), 1-based'),
    lineEnd: z.number().int().optional().describe('last source line, 1-based'),
    page: z.number().int().optional().describe('page number, 1-based'),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional().describe('x0, y0, x1, y1 on the page'),
    sheet: z.string().optional().describe('spreadsheet sheet name'),
    ref: z.string().optional().describe('spreadsheet cell reference, e.g. B7'),
    table: z.number().int().optional().describe('Word or web-page table number in the document, 1-based'),
    row: z.number().int().optional().describe('row number in that table, 1-based'),
    cell: z.number().int().optional().describe('cell number in that row as written (merged cells count once), 1-based'),
    ocr: z.boolean().optional().describe('true when the text was read by OCR'),
    confidence: z.number().min(0).max(1).optional().describe('OCR recognition confidence, lowest of the cell'),
  })
  .describe('where a piece of the document came from');

export const Cell = z.object({
  text: z.string().describe('the cell text as read, not normalised'),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  row: z.number().int().min(0).optional().describe('the grid row the cell starts in, 0-based (set by ingest for every table)'),
  col: z.number().int().min(0).optional().describe('the grid column the cell starts in, 0-based, merged cells before it counted (set by ingest)'),
  joinsPrevious: z
    .string()
    .optional()
    .describe('set when the boundary before this cell is only a guess (a single space, a cut in text with no separators): the text that stood between it and the cell before, which it may continue'),
  source: SourceSpan,
});

export const TableLayout = z
  .object({
    rows: z.enum(['exact', 'hinted', 'none']).describe('exact: rows as the format gave them; hinted: lines that are mostly rows; none: a cell stream with no row marks'),
    columns: z.enum(['exact', 'collapsed']).describe('exact: each cell at its column; collapsed: empty and merged cells may be missing, so positions say nothing'),
    rendering: z.string().optional().describe('how pasted text showed the table: pipe-rows, cell-per-line, cell-per-paragraph, space-separated, one-line, concatenated, plain-lines, …'),
    cutOff: z.boolean().optional().describe('the text ends inside this table, in the middle of a cell (a page store\'s excerpt, an interrupted copy)'),
  })
  .describe('how far rows and columns of the grid can be trusted');

export const Paragraph = z.object({ kind: z.literal('paragraph'), text: z.string(), source: SourceSpan });
export const Table = z.object({
  kind: z.literal('table'),
  rows: z.array(z.array(Cell)),
  source: SourceSpan,
  layout: TableLayout.optional().describe('absent: rows and columns exact (Word, web pages, sheets, PDF layout)'),
  headerRows: z.array(z.number().int().min(0)).optional().describe('rows whose cells are column labels (set by ingest)'),
});
export const Block = z.discriminatedUnion('kind', [Paragraph, Table]);

export const Doc = z.object({ blocks: z.array(Block) });

export type SourceSpan = z.infer<typeof SourceSpan>;
export type Cell = z.infer<typeof Cell>;
export type Paragraph = z.infer<typeof Paragraph>;
export type Table = z.infer<typeof Table>;
export type TableLayout = z.infer<typeof TableLayout>;
export type Block = z.infer<typeof Block>;
export type Doc = z.infer<typeof Doc>;

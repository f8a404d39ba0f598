// Excel (.xlsx) → blocks through exceljs, merged regions kept as spans, each cell's text as the
// sheet shows it through its number format (cell-text.ts). Every sheet is read in order; each
// becomes blocks as grid-to-blocks.ts cuts it.
//
// Nothing is handed to exceljs before xlsx-limits.ts has counted the raw parts, and exceljs is kept
// from the ranges it would expand a cell at a time (a merge over A60:XFD1048576 is 17 billion
// cells): merges and defined names are taken out of its model before it builds the sheets, data
// validations are not parsed. Merges are read here instead, as spans.
import ExcelJS from 'exceljs';
import type { Block } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { checkCellCount, DEFAULT_LIMITS } from '../limits.ts';
import { cellText } from './cell-text.ts';
import { sheetRowsToBlocks, type SheetCell, type SheetRow } from './grid-to-blocks.ts';
import { summarySheets } from './summary-sheets.ts';
import { checkWorkbookParts, EXCEL_MAX_COLUMNS } from './xlsx-limits.ts';

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let value = 0;
  for (const letter of letters.toUpperCase()) value = value * 26 + (letter.charCodeAt(0) - 64);
  return value;
}

function parseRange(range: string): Merge | null {
  // A sheet name before the range (Sheet1!A1:B2) names this sheet: exceljs read it so.
  const match = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(range.slice(range.lastIndexOf('!') + 1));
  if (!match) return null;
  const [, c1, r1, c2, r2] = match as unknown as [string, string, string, string, string];
  const a = { row: Number(r1), col: columnNumber(c1) };
  const b = { row: Number(r2), col: columnNumber(c2) };
  if (a.row < 1 || b.row < 1) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function hasBorder(cell: ExcelJS.Cell): boolean {
  const border = cell.border as Partial<ExcelJS.Borders> | undefined;
  return Boolean(border && (border.top?.style || border.bottom?.style || border.left?.style || border.right?.style));
}

/** How many cells the sheets may still span, all of them together. */
interface Budget {
  maxCells: number;
  left: number;
}

const area = (merge: Merge) => (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1);
/** One number per position, for the sets below. */
const key = (row: number, col: number) => row * (EXCEL_MAX_COLUMNS + 1) + col;

function readSheet(sheet: ExcelJS.Worksheet, mergeRefs: readonly string[], budget: Budget): Block[] {
  let merges = mergeRefs.map(parseRange).filter((merge): merge is Merge => merge !== null);
  // What exceljs reported when it expanded merges itself: a merge's positions are cells, and a
  // merge over two or more positions makes the sheet hold values.
  const shape = () => {
    const hasValues = sheet.actualRowCount > 0 || merges.some((merge) => area(merge) > 1);
    return {
      rowCount: hasValues ? merges.reduce((most, merge) => Math.max(most, merge.bottom), sheet.rowCount) : 0,
      width: merges.reduce((most, merge) => Math.max(most, merge.right), sheet.columnCount),
    };
  };
  let { rowCount, width } = shape();
  if (rowCount * width > budget.maxCells) {
    // Merges carry the sheet past the limit (a whole row or column merged, or A60:XFD1048576): cut
    // them to the rows and columns its cells reach. The positions cut away hold nothing.
    const cellRows = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
    const cellColumns = sheet.columnCount;
    merges = merges
      .filter((merge) => merge.top <= cellRows && merge.left <= cellColumns)
      .map((merge) => ({ ...merge, bottom: Math.min(merge.bottom, cellRows), right: Math.min(merge.right, cellColumns) }));
    ({ rowCount, width } = shape());
  }
  // A sheet without values has no rows to read, and its merges (each of one position) span nothing.
  if (rowCount === 0) merges = [];
  // The sheet's whole area, checked before its cells are walked: a sheet past the limit is an
  // export gone wrong (or a cell written at XFD1048576), not a 绩效目标表.
  checkCellCount(rowCount * width, { maxCells: budget.maxCells }, `sheet ${sheet.name} (${rowCount}×${width})`);
  checkCellCount(budget.maxCells - budget.left + rowCount * width, { maxCells: budget.maxCells }, `the workbook’s sheets through ${sheet.name}`);
  budget.left -= rowCount * width;
  // Merges lie inside the area, so together they cover no more of it unless they overlap, which
  // Excel calls a damaged file (and exceljs refused).
  if (merges.reduce((sum, merge) => sum + area(merge), 0) > rowCount * width) throw overlapping();
  const mergeAt = new Map<number, Merge>();
  const covered = new Set<number>();
  /** covered by a merge that began in an earlier row: such a row continues the table above */
  const coveredFromAboveAt = new Set<number>();
  for (const merge of merges) {
    if (mergeAt.has(key(merge.top, merge.left)) || covered.has(key(merge.top, merge.left))) throw overlapping();
    mergeAt.set(key(merge.top, merge.left), merge);
    for (let row = merge.top; row <= merge.bottom; row++) {
      for (let col = merge.left; col <= merge.right; col++) {
        if (row === merge.top && col === merge.left) continue;
        if (covered.has(key(row, col)) || mergeAt.has(key(row, col))) throw overlapping();
        covered.add(key(row, col));
        if (row > merge.top) coveredFromAboveAt.add(key(row, col));
      }
    }
  }
  const rows: SheetRow[] = [];
  for (let rowNumber = 1; rowNumber <= rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const cells: SheetCell[] = [];
    let coveredFromAbove = 0;
    for (let col = 1; col <= width; col++) {
      const at = key(rowNumber, col);
      if (covered.has(at)) {
        if (coveredFromAboveAt.has(at)) coveredFromAbove++;
        continue;
      }
      const cell = row.getCell(col);
      const merge = mergeAt.get(at);
      cells.push({
        text: cellText(cell),
        rowSpan: merge ? merge.bottom - merge.top + 1 : 1,
        colSpan: merge ? merge.right - merge.left + 1 : 1,
        bordered: hasBorder(cell),
        source: { lineStart: rowNumber, lineEnd: merge ? merge.bottom : rowNumber, sheet: sheet.name, ref: cell.address },
      });
    }
    // Columns past the form's right edge are empty cells the sheet happens to have.
    while (cells.length > 0 && cells.at(-1)?.text.trim() === '' && !cells.at(-1)?.bordered) cells.pop();
    rows.push({ cells, coveredFromAbove });
  }
  return sheetRowsToBlocks(rows, width);
}

function overlapping(): IngestError {
  return new IngestError('CORRUPT', 'this Excel file cannot be read: Cannot merge already merged cells');
}

/** The parts of exceljs's model it would expand a position at a time, once it has read them. */
interface ReadModel {
  worksheets?: { id?: number; mergeCells?: string[] }[];
  definedNames?: unknown[];
}

/**
 * Has exceljs hand over each sheet's merges instead of expanding them (Worksheet._parseMergeCells
 * makes a cell object for every covered position, and compares each merge with every other), and
 * drop the defined names (DefinedNames makes an object for every position a name's range covers;
 * nothing here reads them). It is done in the one step between reading the parts and building the
 * workbook from them (XLSX.reconcile); the returned map is filled there, by sheet id.
 */
function keepExpansionsFrom(workbook: ExcelJS.Workbook): Map<number, string[]> {
  const mergesById = new Map<number, string[]>();
  const xlsx = workbook.xlsx as unknown as { reconcile?: (model: ReadModel, options: unknown) => void };
  const reconcile = xlsx.reconcile?.bind(xlsx);
  if (!reconcile) throw new Error('exceljs no longer reconciles its model in XLSX.reconcile; read-xlsx.ts must keep merges from it another way');
  xlsx.reconcile = (model, options) => {
    reconcile(model, options);
    for (const worksheet of model.worksheets ?? []) {
      if (worksheet.id !== undefined) mergesById.set(worksheet.id, worksheet.mergeCells ?? []);
      worksheet.mergeCells = [];
    }
    model.definedNames = [];
  };
  return mergesById;
}

export async function readXlsx(bytes: Uint8Array, maxDecompressedBytes: number, maxCells = DEFAULT_LIMITS.maxCells): Promise<Block[]> {
  checkWorkbookParts(bytes, maxDecompressedBytes, maxCells);
  const workbook = new ExcelJS.Workbook();
  const mergesById = keepExpansionsFrom(workbook);
  try {
    // A data validation over C2:C1048576 (a drop-down on a whole column) is a million entries.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] });
  } catch (error) {
    throw new IngestError('CORRUPT', `this Excel file cannot be read: ${(error as Error).message}`);
  }
  const budget: Budget = { maxCells, left: maxCells };
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, blocks: readSheet(sheet, mergesById.get(sheet.id) ?? [], budget) }));
  // A list that only restates the forms beside it (a 汇总表, the export's 指标明细) would give every project twice.
  const summaries = summarySheets(sheets);
  return sheets.flatMap((sheet) => (summaries.has(sheet.name) ? [] : sheet.blocks));
}

// Excel (.xlsx) → blocks through exceljs, merged regions kept as spans, each cell's text as the
// sheet shows it through its number format (cell-text.ts). Every sheet is read in order; each
// becomes blocks as grid-to-blocks.ts cuts it.
import ExcelJS from 'exceljs';
import type { Block } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { checkCellCount, DEFAULT_LIMITS } from '../limits.ts';
import { checkZip } from '../zip.ts';
import { cellText } from './cell-text.ts';
import { sheetRowsToBlocks, type SheetCell, type SheetRow } from './grid-to-blocks.ts';

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
  const match = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(range);
  if (!match) return null;
  const [, c1, r1, c2, r2] = match as unknown as [string, string, string, string, string];
  const a = { row: Number(r1), col: columnNumber(c1) };
  const b = { row: Number(r2), col: columnNumber(c2) };
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

function hasBorder(cell: ExcelJS.Cell): boolean {
  const border = cell.border as Partial<ExcelJS.Borders> | undefined;
  return Boolean(border && (border.top?.style || border.bottom?.style || border.left?.style || border.right?.style));
}

function readSheet(sheet: ExcelJS.Worksheet, maxCells: number): Block[] {
  const rowCount = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  const width = sheet.columnCount;
  // The sheet's whole area, checked before its cells are walked: a sheet past the limit is an
  // export gone wrong (or a cell written at XFD1048576), not a 绩效目标表.
  checkCellCount(rowCount * width, { maxCells }, `sheet ${sheet.name} (${rowCount}×${width})`);
  const merges = (sheet.model.merges ?? []).map(parseRange).filter((merge): merge is Merge => merge !== null);
  const mergeAt = new Map<string, Merge>();
  const covered = new Set<string>();
  /** covered by a merge that began in an earlier row: such a row continues the table above */
  const coveredFromAboveAt = new Set<string>();
  for (const merge of merges) {
    mergeAt.set(`${merge.top}:${merge.left}`, merge);
    for (let row = merge.top; row <= merge.bottom; row++) {
      for (let col = merge.left; col <= merge.right; col++) {
        if (row !== merge.top || col !== merge.left) covered.add(`${row}:${col}`);
        if (row > merge.top) coveredFromAboveAt.add(`${row}:${col}`);
      }
    }
  }
  const rows: SheetRow[] = [];
  for (let rowNumber = 1; rowNumber <= rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const cells: SheetCell[] = [];
    let coveredFromAbove = 0;
    for (let col = 1; col <= width; col++) {
      const key = `${rowNumber}:${col}`;
      if (covered.has(key)) {
        if (coveredFromAboveAt.has(key)) coveredFromAbove++;
        continue;
      }
      const cell = row.getCell(col);
      const merge = mergeAt.get(key);
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

export async function readXlsx(bytes: Uint8Array, maxDecompressedBytes: number, maxCells = DEFAULT_LIMITS.maxCells): Promise<Block[]> {
  checkZip(bytes, maxDecompressedBytes, 'this Excel file');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new IngestError('CORRUPT', `this Excel file cannot be read: ${(error as Error).message}`);
  }
  return workbook.worksheets.flatMap((sheet) => readSheet(sheet, maxCells));
}

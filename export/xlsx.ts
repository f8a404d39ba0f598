// The indicator rows as an Excel workbook (exceljs): one sheet, a bold frozen header row, column
// widths set, numbers kept as numbers. Every other cell is a string cell in a column formatted as
// text (@), never a formula: `=100%` or `=SUM(A1)` is shown as written, and stays text when someone
// edits the cell. No apostrophe is added here; that is the CSV's way of saying the same thing.
import ExcelJS from 'exceljs';
import type { Extraction } from '../schemas/extraction.ts';
import { COLUMNS, indicatorRows, type Cell } from './rows.ts';

export const SHEET_NAME = '绩效指标';

/** A number only in a number column; anything else as its text, so exceljs never sees a formula. */
function cellValue(cell: Cell, numeric: boolean): string | number {
  if (cell === null) return '';
  return numeric && typeof cell === 'number' ? cell : String(cell);
}

export async function toXlsx(extraction: Extraction): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const { header, rows } = indicatorRows(extraction);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell, index) => cellValue(cell, COLUMNS[index]?.numeric === true)));
  COLUMNS.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    if (column.numeric !== true) sheetColumn.numFmt = '@';
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

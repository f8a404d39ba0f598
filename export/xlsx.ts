// The indicator rows as an Excel workbook (exceljs): one sheet, a bold frozen header row, column
// widths set, numbers kept as numbers.
import ExcelJS from 'exceljs';
import type { Extraction } from '../schemas/extraction.ts';
import { COLUMNS, indicatorRows } from './rows.ts';

export const SHEET_NAME = '绩效指标';

export async function toXlsx(extraction: Extraction): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const { header, rows } = indicatorRows(extraction);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? ''));
  COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

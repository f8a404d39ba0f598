// The extraction as an Excel workbook (exceljs) a clerk can hand in and an analyst can filter:
// one sheet per project laid out as its 绩效目标表 (form-sheet.ts), with the reviewer's 审核意见
// beside each indicator row and under the grid, then one flat sheet of every indicator row
// (rows.ts, the CSV's columns plus 审核意见), a bold frozen header row with a filter.
//
// The findings are the validator's over the extraction as given (review-notes.ts), not the ones it
// carries: an edited extraction gets the notes of its edited state.
//
// Numbers are written as numbers only where a number belongs (amounts, 分值, 得分, the flat sheet's
// number columns). Every other cell is a string cell formatted as text (@), never a formula:
// `=100%` or `=SUM(A1)` is shown as written, and stays text when someone edits the cell. No
// apostrophe is added here; that is the CSV's way of saying the same thing.
import ExcelJS from 'exceljs';
import type { Extraction } from '../schemas/extraction.ts';
import type { Severity } from '../schemas/findings.ts';
import { formLayout, type CellRole, type FormCell, type FormLayout } from './form-sheet.ts';
import { notesOf, noteText, reviewFindings } from './review-notes.ts';
import { rowHeight } from './row-height.ts';
import { COLUMNS, indicatorRows, type Cell } from './rows.ts';
import { SheetNames } from './sheet-names.ts';

/** The flat sheet of every indicator row, for analysis. */
export const SHEET_NAME = '指标明细';
/** Its last column: the row's findings. */
const NOTES_COLUMN = { header: '审核意见', width: 40 };

const FONT = '宋体';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LABEL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
/** Amounts in 万元 as forms print them (60.00), with the decimals a conversion from 元 leaves. */
const AMOUNT_FORMAT = '0.00####';

const SEVERITY_FONT: Readonly<Record<Severity, string>> = { error: 'FFC00000', warning: 'FF9C5700', info: 'FF1F4E79' };
const SEVERITY_FILL: Readonly<Record<Severity, string>> = { error: 'FFFDE9E7', warning: 'FFFFF4DB', info: 'FFEEF4FA' };

interface RoleStyle {
  font?: Partial<ExcelJS.Font>;
  alignment: Partial<ExcelJS.Alignment>;
  boxed: boolean;
  fill?: ExcelJS.Fill;
}

const STYLES: Readonly<Record<CellRole, RoleStyle>> = {
  title: { font: { name: '黑体', size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, boxed: false },
  subtitle: { font: { name: FONT, size: 11 }, alignment: { horizontal: 'center', vertical: 'middle' }, boxed: false },
  moneyUnit: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'middle' }, boxed: false },
  label: { font: { name: FONT, size: 10.5, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, boxed: true, fill: LABEL_FILL },
  field: { font: { name: FONT, size: 10.5 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, boxed: true },
  amount: { font: { name: FONT, size: 10.5 }, alignment: { horizontal: 'left', vertical: 'middle' }, boxed: true },
  header: { font: { name: FONT, size: 10.5, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, boxed: true, fill: LABEL_FILL },
  level: { font: { name: FONT, size: 10.5 }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, boxed: true },
  text: { font: { name: FONT, size: 10.5 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, boxed: true },
  number: { font: { name: FONT, size: 10.5 }, alignment: { horizontal: 'center', vertical: 'middle' }, boxed: true },
  note: { font: { name: FONT, size: 9.5 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, boxed: true },
};

const NUMERIC_ROLES: ReadonlySet<CellRole> = new Set(['amount', 'number']);

/** A number only in a number column; anything else as its text, so exceljs never sees a formula. */
function cellValue(cell: Cell, numeric: boolean): string | number {
  if (cell === null) return '';
  return numeric && typeof cell === 'number' ? cell : String(cell);
}

function drawCell(sheet: ExcelJS.Worksheet, cell: FormCell): void {
  const numeric = NUMERIC_ROLES.has(cell.role);
  const style = STYLES[cell.role];
  const severity = cell.role === 'note' ? (cell.severity ?? null) : null;
  // A merged region is drawn on every position it covers, so its border is whole in every program.
  for (let row = cell.row; row < cell.row + cell.rowSpan; row++) {
    for (let col = cell.col; col < cell.col + cell.colSpan; col++) {
      const target = sheet.getCell(row, col);
      if (row === cell.row && col === cell.col) target.value = cellValue(cell.value, numeric);
      target.numFmt = cell.role === 'amount' ? AMOUNT_FORMAT : numeric ? 'General' : '@';
      target.alignment = style.alignment;
      target.font = severity ? { ...style.font, color: { argb: SEVERITY_FONT[severity] } } : (style.font ?? {});
      if (style.boxed) target.border = BOX;
      if (style.fill) target.fill = style.fill;
      else if (severity === 'error' || severity === 'warning') target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[severity] } };
    }
  }
  if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(cell.row, cell.col, cell.row + cell.rowSpan - 1, cell.col + cell.colSpan - 1);
}

function drawForm(sheet: ExcelJS.Worksheet, layout: FormLayout): void {
  layout.widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  for (const cell of layout.cells) drawCell(sheet, cell);
  // Spreadsheets do not grow a row to its wrapped text when they open a file: each row gets the
  // height its longest cell needs.
  const widthOf = (cell: FormCell) => layout.widths.slice(cell.col - 1, cell.col - 1 + cell.colSpan).reduce((sum, width) => sum + width, 0) || 10;
  const byRow = new Map<number, FormCell[]>();
  for (const cell of layout.cells) if (cell.rowSpan === 1) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell]);
  for (const [row, cells] of byRow) {
    sheet.getRow(row).height = rowHeight(
      cells.map((cell) => ({ text: cell.value === null ? '' : String(cell.value), width: widthOf(cell), size: STYLES[cell.role].font?.size ?? 11 })),
    );
  }
  const wide = layout.widths.reduce((sum, width) => sum + width, 0) > 110;
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: wide ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${layout.gridHeaderRow}:${layout.gridHeaderRow}`,
  };
}

function drawRows(sheet: ExcelJS.Worksheet, extraction: Extraction, notesByRow: readonly (string | null)[]): void {
  const { header, rows } = indicatorRows(extraction);
  sheet.addRow([...header, NOTES_COLUMN.header]).font = { bold: true };
  rows.forEach((row, index) => sheet.addRow([...row.map((cell, column) => cellValue(cell, COLUMNS[column]?.numeric === true)), notesByRow[index] ?? '']));
  [...COLUMNS, NOTES_COLUMN].forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    if (!('numeric' in column && column.numeric === true)) sheetColumn.numFmt = '@';
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length + 1 } };
  // Printed (it is for the screen), the list keeps its header on every page; 21 columns on one
  // page's width would be too small to read.
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' };
}

export async function toXlsx(extraction: Extraction): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  const findings = reviewFindings(extraction);
  const names = new SheetNames('项目');
  const flatName = names.take(SHEET_NAME);
  const notesByRow: Array<string | null> = [];
  extraction.document.projects.forEach((project, index) => {
    const notes = notesOf(findings, index);
    const sheet = workbook.addWorksheet(names.take(`${index + 1}.${project.name ?? project.title ?? '项目'}`));
    drawForm(sheet, formLayout(project, { year: extraction.document.year, notes }));
    project.indicators.forEach((_, row) => notesByRow.push(noteText(notes.byRow.get(row))));
  });
  drawRows(workbook.addWorksheet(flatName, { views: [{ state: 'frozen', ySplit: 1 }] }), extraction, notesByRow);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

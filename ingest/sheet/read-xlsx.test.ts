// Cells read as the sheet shows them: each workbook is made here with exceljs, one value per row
// in column B under a label in column A, and read back through readXlsx.
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from './read-xlsx.ts';

const MAX_BYTES = 50 * 1024 * 1024;

interface Row {
  value: ExcelJS.CellValue;
  numFmt?: string;
}

async function workbookBytes(rows: readonly Row[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('格式');
  rows.forEach((row, i) => {
    sheet.getCell(i + 1, 1).value = `第${i + 1}行`;
    const cell = sheet.getCell(i + 1, 2);
    cell.value = row.value;
    if (row.numFmt !== undefined) cell.numFmt = row.numFmt;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The column-B texts, in row order. */
async function texts(bytes: Uint8Array): Promise<string[]> {
  const blocks = await readXlsx(bytes, MAX_BYTES);
  const cells = blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : []));
  return cells.filter((cell) => cell.source.ref?.startsWith('B')).map((cell) => cell.text);
}

const read = async (rows: readonly Row[]) => texts(await workbookBytes(rows));

/** A date as exceljs stores it: midnight UTC of that day. */
const day = (year: number, month: number, date: number, hours = 0, minutes = 0) => new Date(Date.UTC(year, month - 1, date, hours, minutes));

describe('xlsx cells through their number formats', () => {
  it('percent formats: the value times 100, with the format’s decimals', async () => {
    expect(
      await read([
        { value: 1, numFmt: '0%' },
        { value: 0.25, numFmt: '0%' },
        { value: 0.815, numFmt: '0.0%' },
        { value: 0.815, numFmt: '0.00%' },
        { value: 1, numFmt: '0.00%' },
        { value: 0.9549, numFmt: '0%' },
      ]),
    ).toEqual(['100%', '25%', '81.5%', '81.50%', '100.00%', '95%']);
  });

  it('thousands separators and fixed decimals', async () => {
    expect(
      await read([
        { value: 1234567.891, numFmt: '#,##0.00' },
        { value: 1234567.4, numFmt: '#,##0' },
        { value: 200, numFmt: '#,##0.00' },
        { value: 15.5, numFmt: '0.00' },
        { value: -3.456, numFmt: '0.00' },
        { value: 1234.5, numFmt: '"¥"#,##0.00' },
        // Padding (_) and fill (*) make space, not text: trimmed.
        { value: 35, numFmt: '#,##0.00_ ' },
        { value: -1234.5, numFmt: '#,##0.00_);(#,##0.00)' },
      ]),
    ).toEqual(['1,234,567.89', '1,234,567', '200.00', '15.50', '-3.46', '¥1,234.50', '35.00', '(1,234.50)']);
  });

  it('dates and times as written in the format; a date with no format as the zh-CN short date', async () => {
    expect(
      await read([
        { value: day(2024, 1, 15), numFmt: 'yyyy-mm-dd' },
        { value: day(2024, 1, 15), numFmt: 'yyyy"年"m"月"d"日"' },
        { value: day(2024, 1, 15), numFmt: 'm/d/yy' },
        { value: day(2024, 1, 15) },
        { value: 45306, numFmt: 'yyyy-mm-dd' },
        { value: day(2024, 1, 15, 18, 30), numFmt: 'h:mm' },
        { value: day(2024, 1, 15, 18, 30), numFmt: 'yyyy/m/d h:mm' },
        { value: day(2024, 1, 15), numFmt: 'yyyy"年"m"月"' },
      ]),
    ).toEqual(['2024-01-15', '2024年1月15日', '1/15/24', '2024/1/15', '2024-01-15', '18:30', '2024/1/15 18:30', '2024年1月']);
  });

  it('a workbook in the 1904 date system shows the same dates', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('格式');
    sheet.getCell('A1').value = '第1行';
    sheet.getCell('B1').value = day(2024, 1, 15);
    sheet.getCell('B1').numFmt = 'yyyy"年"m"月"d"日"';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(strFromU8(unzipSync(bytes)['xl/workbook.xml'] as Uint8Array)).toContain('date1904="1"');
    expect(await texts(bytes)).toEqual(['2024年1月15日']);
  });

  it('text format and General', async () => {
    expect(
      await read([
        { value: '00123', numFmt: '@' },
        { value: '≥95%', numFmt: '@' },
        { value: 12.5, numFmt: '@' },
        { value: 0.1 + 0.2 },
        { value: 35.5, numFmt: 'General' },
        { value: 200 },
        // A long integer keeps its digits (Excel would show 1.30800E+14): in these forms it is a code.
        { value: 130800123456789 },
        { value: true },
        { value: '年度目标', numFmt: '0.00%' },
      ]),
    ).toEqual(['00123', '≥95%', '12.5', '0.3', '35.5', '200', '130800123456789', 'TRUE', '年度目标']);
  });

  it('formulas: the cached result through the cell’s format', async () => {
    expect(
      await read([
        { value: { formula: 'C1/D1', result: 0.815 }, numFmt: '0.0%' },
        { value: { formula: 'SUM(C2:D2)', result: 1234.5 }, numFmt: '#,##0.00' },
        { value: { formula: 'TODAY()', result: day(2024, 1, 15) }, numFmt: 'yyyy"年"m"月"d"日"' },
        { value: { formula: 'C4&"次"', result: '≥5次' } },
        { value: { formula: 'C5/0', result: { error: '#DIV/0!' } } },
        // No cached result: empty, and an empty cell at the row's end is not kept.
        { value: { formula: 'C6*2', result: undefined } },
      ]),
    ).toEqual(['81.5%', '1,234.50', '2024年1月15日', '≥5次', '#DIV/0!']);
  });

  it('shared formulas read their own cached results', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('格式');
    sheet.getCell('A1').value = '第1行';
    sheet.getCell('A2').value = '第2行';
    sheet.getCell('B1').value = { formula: 'C1/D1', result: 0.25 };
    sheet.getCell('B2').value = { sharedFormula: 'B1', result: 0.5 };
    sheet.getCell('B1').numFmt = '0%';
    sheet.getCell('B2').numFmt = '0%';
    expect(await texts(new Uint8Array(await workbook.xlsx.writeBuffer()))).toEqual(['25%', '50%']);
  });

  it('rich text, hyperlinks and errors', async () => {
    expect(
      await read([
        { value: { richText: [{ text: '≥', font: { bold: true } }, { text: '98%' }] } },
        { value: { text: '预算公开', hyperlink: 'https://example.invalid/yusuan' } },
        { value: { error: '#N/A' } },
      ]),
    ).toEqual(['≥98%', '预算公开', '#N/A']);
  });

  it('built-in formats given by id alone: zh-CN dates (27–36, 50–58) and the short date (14)', async () => {
    const bytes = await workbookBytes([
      { value: day(2024, 1, 15), numFmt: 'yyyy-mm-dd' },
      { value: day(2024, 1, 15), numFmt: 'yyyy-mm-dd;@' },
      { value: day(2024, 1, 15), numFmt: 'yyyy-mm-dd;;@' },
      { value: day(2024, 1, 15, 18, 30), numFmt: 'h:mm;@' },
      { value: 1, numFmt: '0%' },
    ]);
    // As Excel or WPS saves them: a style naming a built-in id, with no <numFmt> element of its own.
    const files = unzipSync(bytes);
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    const ids = [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((match) => [match[1], match[2]]);
    const builtIn: Record<string, string> = { 'yyyy-mm-dd': '31', 'yyyy-mm-dd;@': '58', 'yyyy-mm-dd;;@': '14', 'h:mm;@': '32' };
    let patched = styles.replace(/<numFmts[^>]*>.*<\/numFmts>/s, '');
    for (const [id, code] of ids) patched = patched.replaceAll(`numFmtId="${id}"`, `numFmtId="${builtIn[code as string]}"`);
    files['xl/styles.xml'] = strToU8(patched);
    expect(await texts(zipSync(files))).toEqual(['2024年1月15日', '1月15日', '2024/1/15', '18时30分', '100%']);
  });

  it('merged cells keep their spans, the text from the first cell through its format', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('资金');
    sheet.addRow(['资金支出计划（%）', '3月底', '6月底', '9月底', '12月底']);
    sheet.addRow(['', 0.25, 0.5, 0.75, 1]);
    sheet.addRow(['年度申请资金额度（万元）', 200]);
    sheet.mergeCells('A1:A2');
    sheet.mergeCells('B3:E3');
    for (const ref of ['B2', 'C2', 'D2', 'E2']) sheet.getCell(ref).numFmt = '0%';
    sheet.getCell('B3').numFmt = '#,##0.00';
    const blocks = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), MAX_BYTES);
    const [table] = blocks;
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    expect(table.rows.map((row) => row.map((cell) => [cell.text, cell.rowSpan, cell.colSpan]))).toEqual([
      [['资金支出计划（%）', 2, 1], ['3月底', 1, 1], ['6月底', 1, 1], ['9月底', 1, 1], ['12月底', 1, 1]],
      [['25%', 1, 1], ['50%', 1, 1], ['75%', 1, 1], ['100%', 1, 1]],
      [['年度申请资金额度（万元）', 1, 1], ['200.00', 1, 4]],
    ]);
  });
});

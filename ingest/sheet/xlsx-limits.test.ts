// Workbooks that ask exceljs for minutes or gigabytes (issue 18): each is a normal workbook made
// here with exceljs, its sheet XML then patched, so every file is a few kilobytes. Each is refused,
// or read, within seconds; the timeouts are generous bounds, not measurements.
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../schemas/doc.ts';
import { IngestError } from '../errors.ts';
import { readXlsx } from './read-xlsx.ts';
import { decodeCellRef } from './xlsx-limits.ts';

const MAX_BYTES = 200 * 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const TIMEOUT = 20_000;

/** A small form: 项目名称 | 资金 | 目标 over three rows, as exceljs writes it, split into its parts. */
async function formParts(): Promise<Record<string, Uint8Array>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('绩效目标表');
  sheet.addRow(['项目名称', '资金', '目标']);
  sheet.addRow(['道路养护', 100, '≥95%']);
  sheet.addRow(['合计', 100, '']);
  return unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

function patched(parts: Record<string, Uint8Array>, name: string, edit: (xml: string) => string): Uint8Array {
  return zipSync({ ...parts, [name]: strToU8(edit(strFromU8(parts[name] as Uint8Array))) });
}

/** The form with its sheet XML edited. */
async function form(edit: (xml: string) => string): Promise<Uint8Array> {
  return patched(await formParts(), SHEET, edit);
}

const withMerges =
  (...refs: string[]) =>
  (xml: string) =>
    xml.replace('</sheetData>', `</sheetData><mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`);

async function refusal(bytes: Uint8Array, maxCells?: number): Promise<IngestError> {
  const error = await readXlsx(bytes, MAX_BYTES, maxCells).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

function tableTexts(blocks: readonly Block[]): [string, number, number][][] {
  const table = blocks.find((block) => block.kind === 'table');
  if (table?.kind !== 'table') throw new Error('no table');
  return table.rows.map((row) => row.map((cell) => [cell.text, cell.rowSpan, cell.colSpan]));
}

describe('workbooks past what exceljs can take', () => {
  it(
    'a merge over A60:XFD1048576 (17 billion positions) below the data: cut away, the form reads',
    async () => {
      const blocks = await readXlsx(await form(withMerges('A60:XFD1048576')), MAX_BYTES);
      expect(tableTexts(blocks)).toEqual([
        [['项目名称', 1, 1], ['资金', 1, 1], ['目标', 1, 1]],
        [['道路养护', 1, 1], ['100', 1, 1], ['≥95%', 1, 1]],
        [['合计', 1, 1], ['100', 1, 1]],
      ]);
    },
    TIMEOUT,
  );

  it(
    'a merge from inside the form to XFD1048576: cut to the cells the sheet has',
    async () => {
      const blocks = await readXlsx(await form(withMerges('B2:XFD1048576')), MAX_BYTES);
      expect(tableTexts(blocks)).toEqual([
        [['项目名称', 1, 1], ['资金', 1, 1], ['目标', 1, 1]],
        [['道路养护', 1, 1], ['100', 2, 2]],
        [['合计', 1, 1]],
      ]);
    },
    TIMEOUT,
  );

  it(
    'a merge over a whole row (a title merged across A1:XFD1) on a long sheet: cut to the form’s width',
    async () => {
      const rows = Array.from({ length: 100 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}" t="inlineStr"><is><t>第${i + 4}行</t></is></c><c r="C${i + 4}"><v>${i}</v></c></row>`);
      const blocks = await readXlsx(await form((xml) => withMerges('A1:XFD1')(xml.replace('</sheetData>', `${rows.join('')}</sheetData>`))), MAX_BYTES);
      expect(tableTexts(blocks)[0]).toEqual([['项目名称', 1, 3]]);
    },
    TIMEOUT,
  );

  it(
    'a single cell at A1000000000, past Excel’s last row: TOO_COMPLEX, naming it',
    async () => {
      const far = '<row r="1000000000"><c r="A1000000000" t="inlineStr"><is><t>远</t></is></c></row>';
      const error = await refusal(await form((xml) => xml.replace('</sheetData>', `${far}</sheetData>`)));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toBe('sheet “绩效目标表”: row 1,000,000,000 lies outside Excel’s grid of 1,048,576 rows × 16,384 columns');
    },
    TIMEOUT,
  );

  it(
    'the cell named only by its reference, inside a row numbered 4: still outside the grid',
    async () => {
      const far = '<row r="4"><c r="A1000000000"><v>1</v></c></row>';
      const error = await refusal(await form((xml) => xml.replace('</sheetData>', `${far}</sheetData>`)));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toContain('cell A1000000000 lies outside Excel’s grid');
    },
    TIMEOUT,
  );

  it(
    'a sharedStrings part of 900,000 strings: TOO_COMPLEX before exceljs parses it',
    async () => {
      const parts = await formParts();
      const count = 900_000;
      // Made invalid past the limit: had exceljs parsed it, the answer would be CORRUPT.
      const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${'<si><t>文本</t></si>'.repeat(count)}<bad/></sst>`;
      const error = await refusal(zipSync({ ...parts, 'xl/sharedStrings.xml': strToU8(strings) }));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toBe('xl/sharedStrings.xml: more than 200,000 shared strings (it declares 900,000); the limit is 200,000');
    },
    TIMEOUT,
  );

  it(
    '50,000 shared strings of thirty rich-text runs each, six million elements: TOO_COMPLEX before exceljs parses them',
    async () => {
      const parts = await formParts();
      const string = `<si>${'<r><rPr><b/></rPr><t>字</t></r>'.repeat(30)}</si>`;
      const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="50000">${string.repeat(50_000)}</sst>`;
      const error = await refusal(zipSync({ ...parts, 'xl/sharedStrings.xml': strToU8(strings) }));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toBe(
        'this Excel file holds more than 5,000,000 XML elements (passed in xl/sharedStrings.xml); the limit is 5,000,000',
      );
    },
    TIMEOUT,
  );

  it(
    'a cell at XFD1048576 beside the form: TOO_MANY_CELLS for the sheet’s area, before exceljs reads it',
    async () => {
      const far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>';
      const error = await refusal(await form((xml) => xml.replace('</sheetData>', `${far}</sheetData>`)));
      expect(error.code).toBe('TOO_MANY_CELLS');
      expect(error.message).toBe(
        'sheet “绩效目标表” spans 1,048,576 rows × 16,384 columns (to row 1,048,576, column XFD): 17,179,869,184 cells; the limit is 1,000,000',
      );
    },
    TIMEOUT,
  );

  it(
    'a <col> range to column 1,000,000,000 (exceljs makes an object per column): TOO_COMPLEX',
    async () => {
      const error = await refusal(await form((xml) => xml.replace('<sheetData>', '<cols><col min="1" max="1000000000" width="9"/></cols><sheetData>')));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toContain('column range max="1000000000" lies outside Excel’s grid');
    },
    TIMEOUT,
  );

  it(
    'a merge past the last row: TOO_COMPLEX',
    async () => {
      const error = await refusal(await form(withMerges('A1:A2000000')));
      expect(error.code).toBe('TOO_COMPLEX');
      expect(error.message).toContain('merge A1:A2000000 lies outside Excel’s grid');
    },
    TIMEOUT,
  );

  it(
    'a data validation and a defined name over the whole sheet (each a position at a time to exceljs): the form reads',
    async () => {
      const parts = await formParts();
      const validation =
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
      const withValidation = patched(parts, SHEET, (xml) => xml.replace(/<pageMargins/, `${validation}<pageMargins`));
      const named = patched(unzipSync(withValidation), 'xl/workbook.xml', (xml) =>
        xml.replace('</sheets>', () => '</sheets><definedNames><definedName name="全表">绩效目标表!$A$1:$XFD$1048576</definedName></definedNames>'),
      );
      expect(strFromU8(unzipSync(named)['xl/workbook.xml'] as Uint8Array)).toContain('$A$1:$XFD$1048576');
      expect(tableTexts(await readXlsx(named, MAX_BYTES))[1]).toEqual([['道路养护', 1, 1], ['100', 1, 1], ['≥95%', 1, 1]]);
    },
    TIMEOUT,
  );

  it(
    'twenty thousand merges (exceljs compares each with every other): read in a moment',
    async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 4}"><c r="A${i + 4}"><v>${i}</v></c><c r="C${i + 4}"><v>${i}</v></c></row>`);
      const merges = Array.from({ length: 20_000 }, (_, i) => `A${i + 4}:B${i + 4}`);
      const blocks = await readXlsx(await form((xml) => withMerges(...merges)(xml.replace('</sheetData>', `${rows.join('')}</sheetData>`))), MAX_BYTES);
      const cells = blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : []));
      expect(cells.filter((cell) => cell.colSpan === 2)).toHaveLength(20_000);
    },
    TIMEOUT,
  );

  it('merges that overlap: CORRUPT, as Excel and exceljs call them', async () => {
    const error = await refusal(await form(withMerges('A1:B2', 'B2:C3')));
    expect(error.code).toBe('CORRUPT');
  });

  it('sheets within maxCells each but past it together: TOO_MANY_CELLS', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const name of ['一', '二']) {
      const sheet = workbook.addWorksheet(name);
      for (let row = 1; row <= 6; row++) sheet.addRow(['a', 'b', 'c', 'd', 'e']);
    }
    const error = await refusal(new Uint8Array(await workbook.xlsx.writeBuffer()), 50);
    expect(error.code).toBe('TOO_MANY_CELLS');
    expect(error.message).toBe('the workbook’s 2 sheets span 60 cells together; the limit is 50');
  });

  it('a normal workbook, merges and formats and all, still reads', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('资金');
    sheet.addRow(['资金支出计划（%）', '3月底', '6月底']);
    sheet.addRow(['', 0.25, 0.5]);
    sheet.addRow(['年度申请资金额度（万元）', 200]);
    sheet.mergeCells('A1:A2');
    sheet.mergeCells('B3:C3');
    for (const ref of ['B2', 'C2']) sheet.getCell(ref).numFmt = '0%';
    sheet.getCell('B3').dataValidation = { type: 'decimal', operator: 'greaterThan', formulae: [0] };
    workbook.definedNames.add('资金!$A$1:$C$3', '打印区域');
    const blocks = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), MAX_BYTES);
    expect(tableTexts(blocks)).toEqual([
      [['资金支出计划（%）', 2, 1], ['3月底', 1, 1], ['6月底', 1, 1]],
      [['25%', 1, 1], ['50%', 1, 1]],
      [['年度申请资金额度（万元）', 1, 1], ['200', 1, 2]],
    ]);
  });
});

describe('cell references as exceljs reads them', () => {
  it('letters give the column, digits the row, dollar signs and what follows are skipped', () => {
    expect(decodeCellRef('A1')).toEqual({ row: 1, col: 1 });
    expect(decodeCellRef('$XFD$1048576')).toEqual({ row: 1_048_576, col: 16_384 });
    expect(decodeCellRef('A1000000000')).toEqual({ row: 1_000_000_000, col: 1 });
    expect(decodeCellRef('B2C3')).toEqual({ row: 2, col: 2 });
    expect(decodeCellRef('a1')).toEqual({ row: 1, col: 0 });
  });
});

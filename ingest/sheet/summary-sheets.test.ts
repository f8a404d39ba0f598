// A list of indicator rows kept beside the forms (汇总表, 明细表, the export's 指标明细) is left out
// when the forms hold each of its rows, and read when it says anything of its own.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../schemas/doc.ts';
import { readXlsx } from './read-xlsx.ts';
import { summarySheets, type SheetBlocks } from './summary-sheets.ts';

const table = (rows: string[][], spans: Array<[number, number, number]> = []): Block => ({
  kind: 'table',
  source: {},
  rows: rows.map((cells, r) => cells.map((text, c) => ({ text, rowSpan: spans.find(([sr, sc]) => sr === r && sc === c)?.[2] ?? 1, colSpan: 1, source: {} }))),
});

/** A form: its name field, then its grid, 一级指标 merged down. */
const form = (name: string, rows: Array<[string, string]>): SheetBlocks => ({
  name,
  blocks: [
    { kind: 'paragraph', text: `${name}绩效目标表`, source: {} },
    table([['项目名称', name, ''], ['一级指标', '三级指标', '指标值'], ...rows.map(([indicator, value], i) => [i === 0 ? '产出指标' : '', indicator, value])], [[2, 0, rows.length]]),
  ],
});

const list = (name: string, rows: Array<[string, string, string]>): SheetBlocks => ({
  name,
  blocks: [table([['序号', '项目名称', '一级指标', '三级指标', '指标值'], ...rows.map(([project, indicator, value], i) => [String(i + 1), project, '产出指标', indicator, value])])],
});

const forms = [form('海关办公经费', [['开展业务次数', '≥10次'], ['工作完成率', '≥95%']]), form('人员工资', [['发放人数', '=7人']])];

describe('summarySheets', () => {
  it('finds a list whose every row stands in a form of its project', () => {
    const summary = list('指标明细', [
      ['海关办公经费', '开展业务次数', '≥10次'],
      ['海关办公经费', '工作完成率', '≥95%'],
      ['人员工资', '发放人数', '=7人'],
    ]);
    expect(summarySheets([...forms, summary])).toEqual(new Set(['指标明细']));
  });

  it('keeps a list with a row of its own, a changed value, or a row under another project', () => {
    expect(summarySheets([...forms, list('多一行', [['海关办公经费', '开展业务次数', '≥10次'], ['海关办公经费', '新增指标', '1个']])]).size).toBe(0);
    expect(summarySheets([...forms, list('改了值', [['海关办公经费', '开展业务次数', '≥12次']])]).size).toBe(0);
    expect(summarySheets([...forms, list('别的项目', [['人员工资', '开展业务次数', '≥10次']])]).size).toBe(0);
  });

  it('keeps a list that stands alone, or beside a copy of itself', () => {
    const rows: Array<[string, string, string]> = [['海关办公经费', '开展业务次数', '≥10次']];
    expect(summarySheets([list('明细', rows)]).size).toBe(0);
    expect(summarySheets([list('明细', rows), list('明细副本', rows)]).size).toBe(0);
  });

  it('keeps sheets that are no flat list: a form, merged cells, no indicator header', () => {
    expect(summarySheets(forms).size).toBe(0);
    const merged = { name: '合并', blocks: [table([['三级指标', '指标值'], ['开展业务次数', '≥10次'], ['', '']], [[1, 0, 2]])] };
    const noHeader = { name: '无表头', blocks: [table([['名称', '值'], ['开展业务次数', '≥10次']])] };
    expect(summarySheets([...forms, merged, noHeader]).size).toBe(0);
  });
});

describe('readXlsx with a list beside the forms', () => {
  it('reads the forms and leaves out the list that restates them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('1.海关办公经费');
    sheet.addRows([['项目名称', '海关办公经费', ''], ['一级指标', '三级指标', '指标值'], ['产出指标', '开展业务次数', '≥10次'], ['', '工作完成率', '≥95%']]);
    sheet.mergeCells('A3:A4');
    const flat = workbook.addWorksheet('指标明细');
    flat.addRows([['项目名称', '一级指标', '三级指标', '指标值'], ['海关办公经费', '产出指标', '开展业务次数', '≥10次'], ['海关办公经费', '产出指标', '工作完成率', '≥95%']]);
    const blocks = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), 50 * 1024 * 1024);
    const sheets = new Set(blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat().map((cell) => cell.source.sheet) : [block.source.sheet])));
    expect(sheets).toEqual(new Set(['1.海关办公经费']));
    // Changed in the list alone, a value makes the list a sheet of its own again.
    flat.getCell('D3').value = '≥90%';
    const again = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()), 50 * 1024 * 1024);
    expect(again.some((block) => block.kind === 'table' && block.rows.flat().some((cell) => cell.source.sheet === '指标明细'))).toBe(true);
  });
});

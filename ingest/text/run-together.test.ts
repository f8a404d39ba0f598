// Text with no separators: cells are cut where the domain's words say one begins or ends. Level
// names and column labels are firm cuts; every other cut is a guess the extractor may undo.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../schemas/doc.ts';
import { readRunTogether } from './run-together.ts';

function read(text: string, first = 1): Table {
  return readRunTogether(text.split('\n').map((line, index) => ({ text: line, number: first + index })));
}

const cellTexts = (table: Table) => (table.rows[0] ?? []).map((cell) => cell.text);

describe('readRunTogether', () => {
  it('cuts a row at its level names, its value and the value\'s comparator', () => {
    // The comparator stands alone for forms with a 指标方向 column; the extractor joins it back.
    expect(cellTexts(read('产出指标数量指标培训人次≥300人次'))).toEqual(['产出指标', '数量指标', '培训人次', '≥', '300人次']);
  });

  it('makes level names and column labels firm cuts and everything else a guess', () => {
    const cells = read('产出指标数量指标培训人次≥300人次').rows[0] ?? [];
    expect(cells.map((cell) => cell.joinsPrevious)).toEqual([undefined, undefined, '', '', '']);
  });

  it('cuts the header row at each column label', () => {
    const cells = read('一级指标二级指标三级指标指标值指标值确定依据').rows[0] ?? [];
    expect(cells.map((cell) => cell.text)).toEqual(['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据']);
    expect(cells.every((cell) => cell.joinsPrevious === undefined)).toBe(true);
  });

  it('keeps a deadline whole rather than a year and a month', () => {
    expect(cellTexts(read('时效指标培训任务完成时间2024年11月底前'))).toEqual(['时效指标', '培训任务完成时间', '2024年11月底前']);
    expect(cellTexts(read('时效指标资金拨付时间12月底'))).toEqual(['时效指标', '资金拨付时间', '12月底']);
  });

  it('keeps a form title whole, the year inside it uncut', () => {
    // From fixtures/hand/concatenated.txt.
    expect(cellTexts(read('道真县2024年农村劳动力职业技能培训补助资金绩效目标表项目名称农村劳动力职业技能培训补助资金'))).toEqual([
      '道真县2024年农村劳动力职业技能培训补助资金绩效目标表',
      '项目名称',
      '农村劳动力职业技能培训补助资金',
    ]);
  });

  it('cuts a qualitative value off the name it ran onto', () => {
    expect(cellTexts(read('效益指标社会效益指标群众就医便利程度明显提升'))).toEqual(['效益指标', '社会效益指标', '群众就医便利程度', '明显提升']);
  });

  it('cuts a value written twice (target then actual) and a score glued to the target', () => {
    expect(cellTexts(read('社会效益指标培训后转移就业率100%100%'))).toEqual(['社会效益指标', '培训后转移就业率', '100%', '100%']);
    // A bare `00` is no value pattern's to cut: it is cut as the same text twice.
    expect(cellTexts(read('成本指标项目超预算金额00'))).toEqual(['成本指标', '项目超预算金额', '0', '0']);
    // 分值 8, 年度指标值 550万粒, 全年实际值 550万粒: `8550万粒550万粒`.
    expect(cellTexts(read('数量指标种子供应量8550万粒550万粒'))).toEqual(['数量指标', '种子供应量', '8', '550万粒', '550万粒']);
  });

  // A grade written twice (target then actual) is two cells of the grade, not four characters.
  it('cuts a grade written twice (优良优良) into two cells of 优良', () => {
    expect(cellTexts(read('质量指标工程质量等级≥95%优良优良')).slice(-3)).toEqual(['95%', '优良', '优良']);
  });

  it('cuts area names run together into one cell each', () => {
    expect(cellTexts(read('区域目标值新罗区永定区上杭县'))).toEqual(['区域目标值', '新罗区', '永定区', '上杭县']);
  });

  it('loses no text: the cells put back together are the line', () => {
    const line = '绩效指标一级指标二级指标三级指标指标值产出指标数量指标培训人次≥300人次开展培训工种≥5个质量指标培训合格率≥95%时效指标培训任务完成时间2024年11月底前';
    expect(cellTexts(read(line)).join('')).toBe(line);
  });

  it('reads several lines as one stream: a guessed cut at a line start keeps the line break', () => {
    const table = read('质量指标培训合格率\n≥95%时效指标培训任务完成时间\n3、2024年11月底前', 20);
    const cells = table.rows[0] ?? [];
    expect(table.rows).toHaveLength(1);
    // `3、` is a site's page number inserted at a page break, not text of the table.
    expect(cells.map((cell) => cell.text)).toEqual(['质量指标', '培训合格率', '≥', '95%', '时效指标', '培训任务完成时间', '2024年11月底前']);
    expect(cells[2]).toMatchObject({ joinsPrevious: '\n', source: { lineStart: 21 } });
    expect(cells[3]?.joinsPrevious).toBe('');
    expect(cells[6]).toMatchObject({ joinsPrevious: '\n', source: { lineStart: 22 } });
    expect(table.source).toEqual({ lineStart: 20, lineEnd: 22 });
  });

  it('says nothing marks rows or columns', () => {
    expect(read('产出指标数量指标培训人次≥300人次').layout).toEqual({ rows: 'none', columns: 'collapsed', rendering: 'concatenated' });
  });
});

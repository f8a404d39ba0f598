// joinBrokenRows is generic over the cell type; plain strings show the rule without any reader.
import { describe, expect, it } from 'vitest';
import { joinBrokenRows } from './broken-rows.ts';

const filled = (cell: string) => cell.trim() !== '';
const join = (last: string, first: string) => `${last}\n${first}`;
const text = (cell: string) => cell;

const HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'];

describe('joinBrokenRows', () => {
  it('joins two short rows in one cell when the break fell inside a cell', () => {
    // 4 + 3 cells make 7, one more than the header: the last and first cells are halves of one.
    const rows = [HEADER, ['', '质量指标', '办公用房正常使用率', '办公用房在办公时正常使用天数/'], ['全部办公天数', '100%', '《关于办公用房使用管理的请示》']];
    expect(joinBrokenRows(rows, filled, join, text)).toEqual([
      HEADER,
      ['', '质量指标', '办公用房正常使用率', '办公用房在办公时正常使用天数/\n全部办公天数', '100%', '《关于办公用房使用管理的请示》'],
    ]);
  });

  it('puts two short rows side by side when the break closed a cell', () => {
    const rows = [HEADER, ['', '质量指标', '办公用房正常使用率', '办公用房正常使用天数占比'], ['100%', '《关于办公用房使用管理的请示》']];
    expect(joinBrokenRows(rows, filled, join, text)[1]).toEqual(['', '质量指标', '办公用房正常使用率', '办公用房正常使用天数占比', '100%', '《关于办公用房使用管理的请示》']);
  });

  it('leaves short rows alone when together they do not make the full width', () => {
    // 3 + 2 = 5 of 6 columns: two rows of a merged layout, not one broken row.
    const rows = [HEADER, ['', '数量指标', '培训人次'], ['≥300人次', '年度培训计划']];
    expect(joinBrokenRows(rows, filled, join, text)).toEqual(rows);
  });

  it('leaves rows alone when the cells at the break are empty', () => {
    // An empty cell at the end or start is a cell of its own, not half of a broken one.
    const emptyLast = [HEADER, ['', '质量指标', '培训合格率', ''], ['≥95%', '年度培训计划']];
    const emptyFirst = [HEADER, ['', '质量指标', '培训合格率', '参训人员考核通过比例'], [' ', '年度培训计划']];
    expect(joinBrokenRows(emptyLast, filled, join, text)).toEqual(emptyLast);
    expect(joinBrokenRows(emptyFirst, filled, join, text)).toEqual(emptyFirst);
  });

  it('needs a wider row before: the first rows of a table are never joined', () => {
    const rows = [['项目名称', '农村劳动力职业技能培训补助资金'], ['实施单位', '道真县人力资源和社会保障局']];
    expect(joinBrokenRows(rows, filled, join, text)).toEqual(rows);
  });

  it('measures against the nearest wider row before, not the widest', () => {
    // A 6-column part above a 5-column grid: the grid row broken in two makes 5, not 6.
    const rows = [
      ['项目名称', '培训补助资金', '项目编码', '52032524T000000123456', '项目负责人', '李明'],
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '培训人次'],
      ['≥300人次', '年度培训计划'],
    ];
    expect(joinBrokenRows(rows, filled, join, text).at(-1)).toEqual(['产出指标', '数量指标', '培训人次', '≥300人次', '年度培训计划']);
  });

  it('joins one pair at a time and keeps full rows as they are', () => {
    const rows = [HEADER, HEADER.map(() => 'x'), ['', '时效指标', '完成时间'], ['说明', '12月底', '年度计划'], ['', '成本指标']];
    const out = joinBrokenRows(rows, filled, join, text);
    expect(out).toHaveLength(4);
    expect(out[2]).toEqual(['', '时效指标', '完成时间', '说明', '12月底', '年度计划']);
    expect(out[3]).toEqual(['', '成本指标']);
  });

  it('does not change the rows it is given', () => {
    const rows = [HEADER, ['', '质量指标', '办公用房正常使用率', '描述'], ['100%', '依据']];
    const copy = structuredClone(rows);
    joinBrokenRows(rows, filled, join, text);
    expect(rows).toEqual(copy);
  });
});

describe('joinBrokenRows and rows of their own', () => {
  it('leaves a short row alone when the next opens a row of its own (a form label, a column label, a level)', () => {
    // ` | 其他资金 | 0` then `总体目标 | 年度目标`: 3 + 2 − 1 make the 4 of the row above, but
    // 总体目标 is a label that starts its own row, not the rest of the 0.
    const rows = [['项目名称', '易地扶贫搬迁后续扶持资金', '项目负责人及电话', '杨光荣 0857-6221035'], ['', '其他资金', '0'], ['总体目标', '年度目标']];
    expect(joinBrokenRows(rows, filled, join, text)).toEqual(rows);
  });
});

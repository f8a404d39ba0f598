// Form b: a table copied from Word or Excel, one row per line with TABs between cells. Every cell
// keeps its column, so the grid is exact (no layout), and Excel's quoting holds multi-line cells.
import { describe, expect, it } from 'vitest';
import type { Block, Table } from '../../schemas/doc.ts';
import { readTabSeparated } from './tab-separated.ts';

const read = (text: string) => readTabSeparated(text.split('\n'));

function tables(blocks: readonly Block[]): Table[] {
  return blocks.filter((block): block is Table => block.kind === 'table');
}

const texts = (table: Table | undefined) => table?.rows.map((row) => row.map((cell) => cell.text));

const GRID = [
  '一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据',
  '产出指标\t数量指标\t培训人次\t≥300人次\t年度培训计划',
  '\t\t开展培训工种\t≥5个\t年度培训计划',
  '\t质量指标\t培训合格率\t≥95%\t',
].join('\n');

describe('readTabSeparated', () => {
  it('reads a row per line with every cell, empty ones included, in its column', () => {
    const [table] = tables(read(GRID));
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '培训人次', '≥300人次', '年度培训计划'],
      ['', '', '开展培训工种', '≥5个', '年度培训计划'],
      ['', '质量指标', '培训合格率', '≥95%', ''],
    ]);
    // No layout: rows and columns are exact, as the copy gave them.
    expect(table?.layout).toBeUndefined();
    expect(table?.source).toEqual({ lineStart: 1, lineEnd: 4 });
  });

  it('keeps the lines around a table as paragraphs', () => {
    const blocks = read(`1.2024年农村劳动力职业技能培训补助资金绩效目标表\n${GRID}\n\n单位负责人：王明`);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: '1.2024年农村劳动力职业技能培训补助资金绩效目标表', source: { lineStart: 1, lineEnd: 1 } });
    expect(blocks[2]).toMatchObject({ text: '单位负责人：王明', source: { lineStart: 7 } });
  });

  it('reads an Excel cell quoted over several lines as one cell, with the lines it spans', () => {
    const text = ['项目名称\t农村劳动力职业技能培训补助资金', '年度绩效目标\t"开展农村劳动力职业技能培训不少于300人次，', '培训合格率达到95%以上。"', '一级指标\t二级指标'].join('\n');
    const [table] = tables(read(text));
    expect(table?.rows).toHaveLength(3);
    const goal = table?.rows[1]?.[1];
    expect(goal?.text).toBe('开展农村劳动力职业技能培训不少于300人次，\n培训合格率达到95%以上。');
    expect(goal?.source).toEqual({ lineStart: 2, lineEnd: 3 });
    // The row after the quoted cell starts on the right line.
    expect(table?.rows[2]?.[0]?.source.lineStart).toBe(4);
  });

  it('undoubles quotes inside a quoted cell', () => {
    const [table] = tables(read('三级指标\t指标值确定依据\n培训人次\t"《关于开展""技能中国""行动的通知》"'));
    expect(table?.rows[1]?.[1]?.text).toBe('《关于开展"技能中国"行动的通知》');
  });

  it('keeps a line without TABs between two rows as a row of one merged cell', () => {
    const [table] = tables(read(['一级指标\t二级指标\t三级指标\t指标值', '产出指标', '\t数量指标\t培训人次\t≥300人次'].join('\n')));
    expect(texts(table)).toEqual([['一级指标', '二级指标', '三级指标', '指标值'], ['产出指标'], ['', '数量指标', '培训人次', '≥300人次']]);
  });

  it('ends a table at a blank line', () => {
    const blocks = read(`${GRID}\n\n2.2024年度海关办公经费绩效目标表\n${GRID}`);
    expect(blocks.map((block) => block.kind)).toEqual(['table', 'paragraph', 'table']);
    expect(tables(blocks)[1]?.source.lineStart).toBe(7);
  });
});

describe('a row split by a line break in an unquoted cell', () => {
  const header = '一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据';

  it('is one row again, the two halves of the cell joined by the break', () => {
    // Word copies a cell holding a line break without quotes: 4 + 3 cells make the 6 above, less one.
    const text = [header, '\t质量指标\t办公用房正常使用率\t办公用房在办公时正常使用天数/', '全部办公天数\t100%\t《关于办公用房使用管理的请示》'].join('\n');
    const [table] = tables(read(text));
    expect(texts(table)).toEqual([
      header.split('\t'),
      ['', '质量指标', '办公用房正常使用率', '办公用房在办公时正常使用天数/\n全部办公天数', '100%', '《关于办公用房使用管理的请示》'],
    ]);
    expect(table?.rows[1]?.[3]?.source).toEqual({ lineStart: 2, lineEnd: 3 });
  });

  it('is one row again, side by side, when the break fell between cells', () => {
    const text = [header, '\t质量指标\t办公用房正常使用率\t办公用房正常使用天数占比', '100%\t《关于办公用房使用管理的请示》'].join('\n');
    const [table] = tables(read(text));
    expect(texts(table)?.[1]).toEqual(['', '质量指标', '办公用房正常使用率', '办公用房正常使用天数占比', '100%', '《关于办公用房使用管理的请示》']);
  });

  it('is not joined when the two short rows do not make the width of the row before', () => {
    const text = [header, '合计\t45.00', '备注\t无'].join('\n');
    const [table] = tables(read(text));
    expect(table?.rows.map((row) => row.length)).toEqual([6, 2, 2]);
  });
});

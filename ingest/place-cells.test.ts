// placeCells gives every cell its grid row and column, merged cells before it counted, and marks
// the rows of column labels: what a Word or web-page table with spans needs to line up.
import { describe, expect, it } from 'vitest';
import type { Block, Cell, Table } from '../schemas/doc.ts';
import { placeCells } from './place-cells.ts';

function cell(text: string, rowSpan = 1, colSpan = 1): Cell {
  return { text, rowSpan, colSpan, source: {} };
}

function place(rows: Cell[][]): Table {
  const [table] = placeCells([{ kind: 'table', rows, source: {} }]);
  if (table?.kind !== 'table') throw new Error('expected a table');
  return table;
}

/** Each cell as `text@row,col`, to read the placement at a glance. */
const positions = (table: Table) => table.rows.map((row) => row.map((c) => `${c.text}@${c.row},${c.col}`));

describe('placeCells', () => {
  it('places cells of a plain grid at their row and index', () => {
    const table = place([
      [cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标值')],
      [cell('产出指标'), cell('数量指标'), cell('培训人次'), cell('≥300人次')],
    ]);
    expect(positions(table)).toEqual([
      ['一级指标@0,0', '二级指标@0,1', '三级指标@0,2', '指标值@0,3'],
      ['产出指标@1,0', '数量指标@1,1', '培训人次@1,2', '≥300人次@1,3'],
    ]);
  });

  it('counts a cell spanning columns before the next one', () => {
    // 项目名称 | 农村劳动力职业技能培训补助资金 (three columns wide) | 项目编码
    const table = place([[cell('项目名称'), cell('农村劳动力职业技能培训补助资金', 1, 3), cell('项目编码')]]);
    expect(positions(table)[0]).toEqual(['项目名称@0,0', '农村劳动力职业技能培训补助资金@0,1', '项目编码@0,4']);
  });

  it('skips the columns a merged level name above covers', () => {
    // 产出指标 merged over three rows, 数量指标 over two: the rows below start further right.
    const table = place([
      [cell('产出指标', 3), cell('数量指标', 2), cell('培训人次'), cell('≥300人次')],
      [cell('开展培训工种'), cell('≥5个')],
      [cell('质量指标'), cell('培训合格率'), cell('≥95%')],
      [cell('效益指标'), cell('社会效益指标'), cell('培训后转移就业率'), cell('≥60%')],
    ]);
    expect(positions(table)).toEqual([
      ['产出指标@0,0', '数量指标@0,1', '培训人次@0,2', '≥300人次@0,3'],
      ['开展培训工种@1,2', '≥5个@1,3'],
      ['质量指标@2,1', '培训合格率@2,2', '≥95%@2,3'],
      ['效益指标@3,0', '社会效益指标@3,1', '培训后转移就业率@3,2', '≥60%@3,3'],
    ]);
  });

  it('skips a covered column in the middle of a row', () => {
    // 指标值确定依据 merged down two rows in the last-but-one column.
    const table = place([
      [cell('数量指标'), cell('培训人次'), cell('年度培训计划', 2), cell('≥300人次')],
      [cell('数量指标'), cell('开展培训工种'), cell('≥5个')],
    ]);
    expect(positions(table)[1]).toEqual(['数量指标@1,0', '开展培训工种@1,1', '≥5个@1,3']);
  });

  it('covers every column of a cell merged both ways', () => {
    const table = place([
      [cell('绩效指标', 2, 2), cell('三级指标'), cell('指标值')],
      [cell('培训人次'), cell('≥300人次')],
    ]);
    expect(positions(table)[1]).toEqual(['培训人次@1,2', '≥300人次@1,3']);
  });

  it('places the cells it was given, not copies', () => {
    const first = cell('一级指标');
    const table = place([[first, cell('二级指标')]]);
    expect(table.rows[0]?.[0]).toBe(first);
    expect(first).toMatchObject({ row: 0, col: 0 });
  });

  it('marks rows of column labels as header rows, a two-row header included', () => {
    const table = place([
      [cell('项目名称'), cell('农村劳动力职业技能培训补助资金')],
      [cell('一级指标', 2), cell('二级指标', 2), cell('三级指标', 2), cell('指标值', 1, 2)],
      [cell('年度指标值'), cell('中期指标值')],
      [cell('产出指标'), cell('数量指标'), cell('培训人次'), cell('≥300人次'), cell('≥900人次')],
    ]);
    expect(table.headerRows).toEqual([1, 2]);
  });

  it('does not take a row with one label, or mostly other text, for a header', () => {
    const table = place([
      [cell('指标值'), cell('≥95%')],
      [cell('一级指标'), cell('二级指标'), cell('产出指标'), cell('数量指标'), cell('培训人次')],
      // One label beside a basis that only names one.
      [cell('三级指标'), cell('指标值确定依据：《道真县2024年农村劳动力职业技能培训工作实施方案》')],
    ]);
    expect(table.headerRows).toEqual([]);
  });

  it('passes paragraphs through', () => {
    const paragraph: Block = { kind: 'paragraph', text: '1.2024年农村劳动力职业技能培训补助资金绩效目标表', source: { lineStart: 1, lineEnd: 1 } };
    expect(placeCells([paragraph])).toEqual([paragraph]);
  });
});

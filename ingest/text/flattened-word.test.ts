// Form a: Word flattened to text (the seeds). A TAB leads each cell's line, blank lines end rows,
// an unindented line continues the cell above it or, after a blank line, is a paragraph.
import { describe, expect, it } from 'vitest';
import type { Block, Table } from '../../schemas/doc.ts';
import { readFlattenedWord } from './flattened-word.ts';

const read = (lines: readonly string[]) => readFlattenedWord(lines);

function tables(blocks: readonly Block[]): Table[] {
  return blocks.filter((block): block is Table => block.kind === 'table');
}

const texts = (table: Table | undefined) => table?.rows.map((row) => row.map((cell) => cell.text));

const row = (...cells: string[]) => cells.map((cell) => `\t${cell}`);

// From fixtures/seeds/000_ad7b01c3c3fb5737.txt: a merged 一级指标 is a TAB alone.
const GRID = [
  ...row('一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'),
  '',
  ...row('产出指标', '数量指标', '开展业务次数', '≥10次', '依据实际工作开展情况'),
  '',
  ...row('', '质量指标', '保障海关工作完成率', '≥95%', '依据实际工作开展情况'),
  '',
];

describe('readFlattenedWord', () => {
  it('reads a cell per TAB-led line and a row per run of them', () => {
    const [table] = tables(read(GRID));
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '开展业务次数', '≥10次', '依据实际工作开展情况'],
      ['', '质量指标', '保障海关工作完成率', '≥95%', '依据实际工作开展情况'],
    ]);
    expect(table?.source).toEqual({ lineStart: 1, lineEnd: 17 });
    expect(table?.rows[2]?.[3]?.source).toEqual({ lineStart: 16, lineEnd: 16 });
  });

  it('continues the cell above with an unindented line right after it', () => {
    const [table] = tables(read([...row('绩效目标', '1.维护相关设备，'), '保障海关工作正常开展。', '']));
    expect(texts(table)).toEqual([['绩效目标', '1.维护相关设备，\n保障海关工作正常开展。']]);
    expect(table?.rows[0]?.[1]?.source).toEqual({ lineStart: 2, lineEnd: 3 });
  });

  it('reads an unindented line after a blank line as a paragraph that ends the table', () => {
    const blocks = read(['1.2026年度海关办公经费绩效目标表', ...GRID, '2.2026年度综合事务经费绩效目标表', ...GRID]);
    expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'table', 'paragraph', 'table']);
    expect(blocks[2]).toEqual({ kind: 'paragraph', text: '2.2026年度综合事务经费绩效目标表', source: { lineStart: 20, lineEnd: 20 } });
    expect(tables(blocks)[1]?.source.lineStart).toBe(21);
  });

  it('drops the bookmark Word leaves before a heading', () => {
    const blocks = read(['[bookmark: _Toc152839]第二部分', ...GRID]);
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: '第二部分' });
  });

  it('joins a row split in two when both halves make the table\'s usual width', () => {
    const split = [...GRID, ...row('', '时效指标', '保障综合事务工作完成时限'), '', ...row('12月底', '依据实际工作开展情况'), ''];
    const [table] = tables(read(split));
    expect(texts(table)?.at(-1)).toEqual(['', '时效指标', '保障综合事务工作完成时限', '12月底', '依据实际工作开展情况']);
    expect(table?.rows).toHaveLength(4);
  });

  it('does not join a signature row to the row after it', () => {
    // A form's foot is never half a row, even when the widths add up.
    const foot = [...GRID, ...row('经办人：李娜', '联系电话：0312-2867114'), '', ...row('', '财务审核', '2026年1月'), ''];
    const [table] = tables(read(foot));
    expect(table?.rows.slice(-2).map((cells) => cells.length)).toEqual([2, 3]);
  });

  it('leaves short rows alone when they do not add up to the usual width', () => {
    const merged = [...GRID, ...row('', '成本指标'), '', ...row('运行保障总成本', '≤60万元'), ''];
    const [table] = tables(read(merged));
    expect(table?.rows.slice(-2).map((cells) => cells.length)).toEqual([2, 2]);
  });
});

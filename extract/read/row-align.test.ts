import { describe, expect, it } from 'vitest';
import { ingestText } from '../../ingest/index.ts';
import { classify } from './classify.ts';
import { findHeaders, type GridHeader } from './header-map.ts';
import { alignRows, fitCost, type AlignedRow } from './row-align.ts';
import { streamOf, type Token } from './tokens.ts';

const cost = (field: Parameters<typeof fitCost>[0], text: string, levelShift = false) => fitCost(field, classify(text), levelShift);

interface Read {
  tokens: Token[];
  header: GridHeader;
  rows: AlignedRow[];
}

/** The real path: pasted text ingested, streamed, its one header found, its body aligned. */
function align(lines: string[], levelShift = false): Read {
  const tokens = streamOf(ingestText(lines.join('\n')).doc);
  const headers = findHeaders(tokens);
  expect(headers).toHaveLength(1);
  const header = headers[0] as GridHeader;
  return { tokens, header, rows: alignRows(tokens, header.end, tokens.length, header.columns, header.exact, levelShift) };
}

/** A row as field → text, the way a reviewer reads it. */
function cellsOf({ header, rows }: Read, index: number): Record<string, string> {
  const row = rows[index] as AlignedRow;
  return Object.fromEntries([...row.cells].map(([column, cell]) => [header.columns[column]?.field ?? '?', cell.raw.trim()]));
}

const HEADER_LINES = ['一级指标', '二级指标', '三级指标', '指标值'];

describe('fitCost', () => {
  it('prices a missing cell by how much a row loses without it', () => {
    // A row without a name or a target is hardly a row; merged level cells are blank all the time.
    expect(cost('name', '')).toBe(2);
    expect(cost('value', '')).toBe(1.2);
    expect(cost('score', '')).toBe(0.25);
    expect(cost('level1', '')).toBe(0.05);
    expect(cost('level2', '')).toBe(0.05);
  });

  it('fits each level name to its own column, and a name that is both to the level2 column', () => {
    expect(cost('level1', '产出指标')).toBe(0);
    expect(cost('level2', '数量指标')).toBe(0);
    expect(cost('level2', '服务对象满意度指标')).toBe(0);
    expect(cost('level1', '数量指标')).toBeGreaterThan(cost('level2', '数量指标'));
    expect(cost('level2', '产出指标')).toBeGreaterThan(cost('level1', '产出指标'));
    // 成本指标 and 满意度指标 may be either; the level2 column is the likelier.
    expect(cost('level2', '成本指标')).toBeLessThan(cost('level1', '成本指标'));
    expect(cost('level2', '满意度指标')).toBeLessThan(cost('level1', '满意度指标'));
  });

  it('makes a known level out of place in the name, value and basis columns, an unknown one hardly', () => {
    for (const field of ['name', 'value', 'basis'] as const) expect(cost(field, '产出指标'), field).toBeGreaterThanOrEqual(4.5);
    expect(cost('name', '政策效益指标')).toBeLessThan(cost('name', '产出指标'));
  });

  it('under levelShift takes the framework’s level1 names for level2 cells', () => {
    // Central-investment forms: 实施效果指标 in the level1 column, 产出指标 / 效益指标 under it.
    expect(cost('level2', '产出指标', true)).toBe(0);
    expect(cost('level2', '产出指标', true)).toBeLessThan(cost('level2', '产出指标'));
    expect(cost('level1', '产出指标', true)).toBeGreaterThan(cost('level2', '产出指标', true));
    expect(cost('level1', '实施效果指标', true)).toBe(0);
  });

  it('prefers words in the name column and targets in the value column', () => {
    expect(cost('name', '开展业务次数')).toBeLessThan(cost('value', '开展业务次数'));
    expect(cost('value', '≥95%')).toBe(0);
    expect(cost('value', '12月底')).toBe(0);
    expect(cost('value', '≥95%')).toBeLessThan(cost('name', '≥95%'));
    // The annual target column before the actual one, when a target could be either.
    expect(cost('value', '≥95%')).toBeLessThan(cost('actual', '≥95%'));
    // A qualitative target (显著提升) is a value, a comparator alone is not a whole one.
    expect(cost('value', '显著提升')).toBeLessThan(cost('value', '≥'));
    // 不涉及 fills a row that does not apply, its name cell first.
    expect(cost('name', '不涉及')).toBeLessThan(cost('name', '≥95%'));
    expect(cost('value', '不涉及')).toBe(0);
    // A document's title alone is a basis, not an indicator's name.
    expect(cost('basis', '《关于全面实施预算绩效管理的意见》')).toBeLessThan(cost('name', '《关于全面实施预算绩效管理的意见》'));
    expect(cost('description', '反映开展业务的次数')).toBe(0);
  });

  it('fits the narrow columns only to what they hold', () => {
    expect(cost('weight', '10')).toBe(0);
    expect(cost('score', '8.5')).toBe(0);
    expect(cost('score', '不涉及')).toBeLessThan(1);
    expect(cost('score', '群众满意度')).toBeGreaterThanOrEqual(4);
    expect(cost('comparator', '≥')).toBe(0);
    expect(cost('comparator', '群众满意度')).toBeGreaterThanOrEqual(4);
    expect(cost('unit', '人次')).toBe(0);
    expect(cost('unit', '≥95%')).toBeGreaterThanOrEqual(4);
    expect(cost('caption', '绩效指标')).toBe(0);
    expect(cost('caption', '产出指标')).toBeGreaterThanOrEqual(4);
    expect(cost('ordinal', '目标1')).toBe(0);
  });

  it('prices 涉密 in a 分值 / 得分 column like 不涉及: a withheld row writes it in every cell', () => {
    expect(cost('weight', '涉密')).toBe(cost('weight', '不涉及'));
    expect(cost('score', '涉密')).toBeLessThan(1);
  });
});

describe('alignRows', () => {
  it('reads an exact grid by position: each cell in its column, merged levels left out', () => {
    const read = align(['一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据', '产出指标\t数量指标\t开展业务次数\t≥10次\t依据实际工作开展情况', '\t时效指标\t完成时间\t12月底\t工作计划', '满意度指标\t服务对象满意度指标\t群众满意度\t≥95%\t问卷调查']);
    expect(read.rows).toHaveLength(3);
    expect(cellsOf(read, 0)).toEqual({ level1: '产出指标', level2: '数量指标', name: '开展业务次数', value: '≥10次', basis: '依据实际工作开展情况' });
    expect(cellsOf(read, 1)).toEqual({ level2: '时效指标', name: '完成时间', value: '12月底', basis: '工作计划' });
    for (const row of read.rows) {
      expect(row).toMatchObject({ junk: [], rowsMarked: true });
      expect(row.cost).toBeLessThan(1);
      // Cells point into the stream they came from.
      for (const cell of row.cells.values()) expect(read.tokens[cell.start]?.raw).toBe(cell.raw);
    }
  });

  it('reports a cell in no labelled column as junk, not as a cell', () => {
    const read = align(['一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t开展业务次数\t≥10次\t依据工作计划', '\t质量指标\t合格率\t100%', '\t时效指标\t完成时间\t12月底']);
    const first = read.rows[0] as AlignedRow;
    expect(first.junk.map((at) => read.tokens[at]?.raw)).toEqual(['依据工作计划']);
    expect(cellsOf(read, 0)).toEqual({ level1: '产出指标', level2: '数量指标', name: '开展业务次数', value: '≥10次' });
  });

  it('prices a row whose cells stand in the wrong columns dearer than one that fits', () => {
    const read = align(['一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t开展业务次数\t≥10次', '\t质量指标\t100%\t验收合格率', '\t时效指标\t完成时间\t12月底']);
    const [good, swapped] = read.rows as [AlignedRow, AlignedRow];
    expect(swapped.cost).toBeGreaterThan(good.cost * 5);
  });

  it('rebuilds rows from cells a line each, by what they say', () => {
    const read = align([...HEADER_LINES, '产出指标', '数量指标', '开展业务次数', '≥10次', '质量指标', '合格率', '100%', '满意度指标', '服务对象满意度指标', '群众满意度', '≥95%']);
    expect(read.rows).toHaveLength(3);
    expect(cellsOf(read, 0)).toEqual({ level1: '产出指标', level2: '数量指标', name: '开展业务次数', value: '≥10次' });
    // 质量指标 is a level2 under the merged 产出指标: no level1 of its own.
    expect(cellsOf(read, 1)).toEqual({ level2: '质量指标', name: '合格率', value: '100%' });
    expect(cellsOf(read, 2)).toEqual({ level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', value: '≥95%' });
    // Lines a cell each mark no rows of their own.
    expect(read.rows.every((row) => !row.rowsMarked)).toBe(true);
  });

  it('closes a guessed cut inside a name and keeps the rows the lines mark', () => {
    const read = align(['一级指标 二级指标 三级指标 指标值', '产出指标 数量指标 开展 业务次数 ≥10次', '质量指标 合格率 100%']);
    expect(read.rows).toHaveLength(2);
    expect(cellsOf(read, 0)).toEqual({ level1: '产出指标', level2: '数量指标', name: '开展 业务次数', value: '≥10次' });
    expect(read.rows.every((row) => row.rowsMarked)).toBe(true);
  });

  it('gives comparator, number and unit columns each their own piece', () => {
    const read = align(['一级指标', '二级指标', '三级指标', '计算符号', '指标值', '计量单位', '产出指标', '数量指标', '培训人次', '≥', '300', '人次', '质量指标', '培训合格率', '≥', '95', '%']);
    expect(cellsOf(read, 0)).toEqual({ level1: '产出指标', level2: '数量指标', name: '培训人次', comparator: '≥', value: '300', unit: '人次' });
    expect(cellsOf(read, 1)).toEqual({ level2: '质量指标', name: '培训合格率', comparator: '≥', value: '95', unit: '%' });
  });

  it('keeps a 不涉及 row as a row, and a restated level as the row’s name', () => {
    const read = align([...HEADER_LINES, '产出指标', '数量指标', '开展业务次数', '≥10次', '成本指标', '不涉及', '不涉及', '满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%']);
    expect(read.rows).toHaveLength(3);
    expect(cellsOf(read, 1)).toEqual({ level2: '成本指标', name: '不涉及', value: '不涉及' });
    // 服务对象满意度 right after 服务对象满意度指标 restates the level: it names the row.
    expect(cellsOf(read, 2)).toEqual({ level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', value: '≥90%' });
  });

  it('leaves a stray page number out of every cell and reports it', () => {
    const read = align([...HEADER_LINES, '产出指标', '数量指标', '开展业务次数', '≥10次', '2', '质量指标', '合格率', '100%']);
    const stray = read.tokens.findIndex((token, at) => at >= read.header.end && token.raw === '2');
    expect(read.rows).toHaveLength(2);
    expect(read.rows.flatMap((row) => row.junk)).toEqual([stray]);
    expect(cellsOf(read, 1)).toEqual({ level2: '质量指标', name: '合格率', value: '100%' });
  });

  it('with levelShift reads the framework’s level1 names under an older level1 as level2', () => {
    const lines = [...HEADER_LINES, '实施效果指标', '产出指标', '新建高标准农田面积', '≥2万亩', '效益指标', '受益农户数', '≥0.4万户'];
    const shifted = align(lines, true);
    expect(cellsOf(shifted, 0)).toMatchObject({ level1: '实施效果指标', level2: '产出指标' });
    expect(cellsOf(shifted, 1)).toEqual({ level2: '效益指标', name: '受益农户数', value: '≥0.4万户' });
    // Without it the same 效益指标 is taken for a level1: the shift is what tells them apart.
    expect(cellsOf(align(lines), 1)).toMatchObject({ level1: '效益指标' });
  });

  it('gives no rows for an empty range', () => {
    const read = align([...HEADER_LINES, '产出指标', '数量指标', '开展业务次数', '≥10次']);
    expect(alignRows(read.tokens, read.header.end, read.header.end, read.header.columns, read.header.exact)).toEqual([]);
  });

  it('rejoins a name a PDF copy wrapped over two lines after a word no phrase ends on (补充更新出版物的 / 农家书屋数量)', () => {
    const read = align([...HEADER_LINES, '产出指标', '数量指标', '补充更新出版物的', '农家书屋数量', '368个', '质量指标', '合格率', '100%']);
    expect(read.rows).toHaveLength(2);
    expect(cellsOf(read, 0)).toMatchObject({ name: '补充更新出版物的农家书屋数量', value: '368个' });
  });
  it('reads a self-evaluation row written 涉密 in every cell (cells a line each) as one row, as it does 不涉及', () => {
    const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '全年实际值', '分值', '得分'];
    for (const word of ['涉密', '不涉及']) {
      const tokens = streamOf(ingestText([...header, '产出指标', '数量指标', word, word, word, word, word, '质量指标', '合格率', '100%', '100%', '10', '10'].join('\n')).doc);
      const [found] = findHeaders(tokens);
      const rows = alignRows(tokens, (found as GridHeader).end, tokens.length, (found as GridHeader).columns, (found as GridHeader).exact);
      expect(rows, word).toHaveLength(2);
    }
  });
});

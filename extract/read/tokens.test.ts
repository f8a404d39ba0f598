import { describe, expect, it } from 'vitest';
import { ingest, ingestText } from '../../ingest/index.ts';
import type { Doc, Table } from '../../schemas/doc.ts';
import { expandRowSpans, joinedRaw, streamOf, type Token } from './tokens.ts';

const tsv = (lines: string[]) => lines.join('\n');

/** A table copied from Word or Excel: one row a line, cells between TABs. */
const TSV_GRID = tsv([
  '一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据',
  '产出指标\t数量指标\t开展业务次数\t≥10次\t依据实际工作开展情况',
  '\t时效指标\t完成时间\t12月底\t工作计划',
  '满意度指标\t服务对象满意度指标\t群众满意度\t≥95%\t问卷调查',
]);

/** The same grid copied from a PDF viewer: one cell a line, nothing marks the rows. */
const LINES_GRID = tsv(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '开展业务次数', '≥10次', '效益指标', '经济效益', '指标', '带动增收', '≥42万元']);

/** Cells separated by single spaces: every cut is a guess. */
const SPACED_GRID = tsv(['一级指标 二级指标 三级指标 指标值', '产出指标 数量指标 开展 业务次数 ≥10次', '质量指标 合格率 100%']);

const streamOfText = (text: string): Token[] => streamOf(ingestText(text).doc);

async function docOfHtml(rows: string): Promise<Doc> {
  const read = await ingest(new TextEncoder().encode(`<html><body><p>1.2026年度海关办公经费绩效目标表</p><table>${rows}</table></body></html>`));
  if (!read.ok) throw read.error;
  return read.value.doc;
}

const tableOf = (doc: Doc): Table => {
  const table = doc.blocks.find((block) => block.kind === 'table');
  if (table?.kind !== 'table') throw new Error('no table read');
  return table;
};

/** 产出指标 merged over three rows, a basis merged over two in the last column. */
const HTML_MERGED = [
  '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>指标值确定依据</td></tr>',
  '<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>开展业务次数</td><td>≥10次</td><td rowspan="2">年度工作计划</td></tr>',
  '<tr><td>质量指标</td><td>合格率</td><td>100%</td></tr>',
  '<tr><td>时效指标</td><td>完成时间</td><td>12月底</td><td>工作安排</td></tr>',
].join('');

describe('streamOf', () => {
  it('gives an exact grid one token per cell, with its row, its column and what cuts it from the one before', () => {
    const tokens = streamOfText(TSV_GRID);
    expect(tokens).toHaveLength(20);
    expect(tokens.map((token) => token.index)).toEqual(tokens.map((_, i) => i));
    // The table opens a block; each row's first cell starts a row; the rest are cells of it.
    expect(tokens.slice(0, 6).map((token) => token.before)).toEqual(['block', 'cell', 'cell', 'cell', 'cell', 'row']);
    expect(tokens.filter((token) => token.before === 'row')).toHaveLength(3);
    const value = tokens[13] as Token;
    expect(value).toMatchObject({ raw: '12月底', row: 2, col: 3, table: 1, paragraph: false, rendering: null, cutOff: false });
    expect(value.source).toEqual({ lineStart: 3, lineEnd: 3 });
    // The merged (empty) level1 cell is kept as a blank at its column, so nothing shifts left.
    expect(tokens[10]).toMatchObject({ raw: '', blank: true, col: 0, before: 'row' });
  });

  it('normalises each cell as the contract says and keys it for matching', () => {
    const tokens = streamOfText(tsv(['| 一级指标 | 二级指标 | 三级指标 | 指标值 |', '|---|---|---|---|', '| 產出指標 | 經濟效益 指標 | 带动茶农户均增收 | ≥2000元 |', '| | 质量指标 | 合格率 | 100% |']));
    const level1 = tokens.find((token) => token.raw.includes('產出'));
    expect(level1).toMatchObject({ raw: ' 產出指標 ', text: '產出指標', key: '产出指标' });
    // Whitespace between Chinese characters goes from the text; the key also simplifies.
    expect(tokens.find((token) => token.raw.includes('經濟'))).toMatchObject({ text: '經濟效益指標', key: '经济效益指标' });
    expect(tokens.find((token) => token.raw === ' ')?.blank).toBe(true);
  });

  it('numbers tables from 1 and keeps headings as paragraph tokens outside any table', () => {
    const tokens = streamOfText(
      tsv([
        '1.海关办公经费绩效目标表',
        '一级指标\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t开展业务次数\t≥10次',
        '\t时效指标\t完成时间\t12月底',
        '',
        '2.执法装备购置绩效目标表',
        '一级指标\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t购置装备数量\t≥20台',
        '\t质量指标\t验收合格率\t100%',
      ]),
    );
    const headings = tokens.filter((token) => token.paragraph);
    expect(headings.map((token) => token.text)).toEqual(['1.海关办公经费绩效目标表', '2.执法装备购置绩效目标表']);
    for (const heading of headings) expect(heading).toMatchObject({ table: null, before: 'block', col: null });
    expect(tokens.find((token) => token.raw === '≥10次')?.table).toBe(1);
    expect(tokens.find((token) => token.raw === '≥20台')?.table).toBe(2);
    // Each table's first cell opens a new block, after its heading's.
    const second = tokens.find((token) => token.table === 2) as Token;
    expect(second).toMatchObject({ raw: '一级指标', before: 'block' });
    expect(second.block).toBeGreaterThan((headings[1] as Token).block);
    expect(tokens.map((token) => token.index)).toEqual(tokens.map((_, i) => i));
  });

  it('keeps no columns where a layout collapses them, and marks only guessed cuts soft', () => {
    const lines = streamOfText(LINES_GRID);
    expect(lines.every((token) => token.col === null && token.rendering === 'plain-lines')).toBe(true);
    // No row marks at all: every cut after the first is a plain cell cut.
    expect(lines.slice(1).every((token) => token.before === 'cell')).toBe(true);

    const spaced = streamOfText(SPACED_GRID);
    const rowStarts = spaced.filter((token) => token.before === 'line').map((token) => token.raw);
    expect(rowStarts).toEqual(['产出指标', '质量指标']);
    const guessed = spaced.filter((token) => token.before === 'soft');
    expect(guessed.length).toBe(spaced.length - 3);
    expect(guessed.every((token) => token.gap === ' ')).toBe(true);
  });

  it('marks only the last cell of a table the text was cut off in', () => {
    const tokens = streamOfText(tsv(['| 一级指标 | 二级指标 | 三级指标 | 指标值 |', '| 产出指标 | 数量指标 | 开展业务次数 | ≥10次 |', '| 产出指标 | 质量指标 | 合格率 | 10']));
    expect(tokens.filter((token) => token.cutOff).map((token) => token.raw.trim())).toEqual(['10']);
    expect(tokens[tokens.length - 1]?.cutOff).toBe(true);
  });

  it('reads a web page table with merged cells by position: a blank where a merged cell covers', async () => {
    const tokens = streamOf(await docOfHtml(HTML_MERGED));
    const row = (n: number) => tokens.filter((token) => token.table === 1 && token.row === n).map((token) => [token.raw, token.col]);
    expect(row(2)).toEqual([
      ['', 0],
      ['质量指标', 1],
      ['合格率', 2],
      ['100%', 3],
      ['', 4],
    ]);
    expect(row(3)[1]).toEqual(['时效指标', 1]);
  });
});

describe('expandRowSpans', () => {
  it('fills each position a vertical merge covers with an empty cell of the merged cell’s source', async () => {
    const table = tableOf(await docOfHtml(HTML_MERGED));
    const merged = (table.rows[1] as Table['rows'][number])[0];
    const rows = expandRowSpans(table.rows);
    expect(rows.map((cells) => cells.length)).toEqual([5, 5, 5, 5]);
    const third = rows[2] as Table['rows'][number];
    expect(third.map((cell) => [cell.text, cell.col])).toEqual([
      ['', 0],
      ['质量指标', 1],
      ['合格率', 2],
      ['100%', 3],
      ['', 4],
    ]);
    // A reviewer clicking the blank is taken to the merged cell it stands for.
    expect(third[0]?.source).toEqual(merged?.source);
    // 产出指标 spans three rows, the basis two: the fourth row has a blank first, its own basis last.
    expect((rows[3] as Table['rows'][number]).map((cell) => cell.text)).toEqual(['', '时效指标', '完成时间', '12月底', '工作安排']);
  });

  it('keeps a merged cell’s width in its placeholder, so the cells after it stay in their columns', async () => {
    const table = tableOf(
      await docOfHtml(
        '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr><tr><td colspan="2" rowspan="2">产出指标</td><td>开展业务次数</td><td>≥10次</td></tr><tr><td>合格率</td><td>100%</td></tr>',
      ),
    );
    const rows = expandRowSpans(table.rows);
    expect((rows[2] as Table['rows'][number]).map((cell) => [cell.text, cell.col, cell.colSpan])).toEqual([
      ['', 0, 2],
      ['合格率', 2, 1],
      ['100%', 3, 1],
    ]);
  });

  it('leaves the rows it was given as they were', async () => {
    const table = tableOf(await docOfHtml(HTML_MERGED));
    const before = JSON.stringify(table.rows);
    expandRowSpans(table.rows);
    expect(JSON.stringify(table.rows)).toBe(before);
    expect(table.rows[2]).toHaveLength(3);
  });
});

describe('joinedRaw', () => {
  it('closes a guessed cut with the space that stood there', () => {
    const tokens = streamOfText(SPACED_GRID);
    const start = tokens.findIndex((token) => token.raw === '开展');
    expect(tokens[start + 1]?.raw).toBe('业务次数');
    expect(joinedRaw(tokens, start, start + 2)).toBe('开展 业务次数');
  });

  it('gives a wrapped cell back as one cell', () => {
    // A PDF viewer put 经济效益 / 指标 on two lines: one level name.
    const tokens = streamOfText(LINES_GRID);
    const start = tokens.findIndex((token) => token.raw === '经济效益');
    expect(joinedRaw(tokens, start, start + 2).replace(/\s/g, '')).toBe('经济效益指标');
  });

  it('gives one token’s raw text, as read, for a range of one', () => {
    const tokens = streamOfText(tsv(['| 一级指标 | 二级指标 | 三级指标 | 指标值 |', '|---|---|---|---|', '| 产出指标 | 数量指标 | 开展业务次数 | ≥10次 |', '| | 质量指标 | 合格率 | 100% |']));
    const value = tokens.findIndex((token) => token.text === '≥10次');
    // Raw, not normalised: the pipe cell's padding is still there for the caller to normalise.
    expect(joinedRaw(tokens, value, value + 1)).toBe(' ≥10次 ');
  });


});

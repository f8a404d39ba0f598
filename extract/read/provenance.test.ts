import { describe, expect, it } from 'vitest';
import { ingest, ingestText } from '../../ingest/index.ts';
import { placeCells } from '../../ingest/place-cells.ts';
import type { Cell } from '../../schemas/doc.ts';
import { validateDocument } from '../../validate/engine.ts';
import { extractWithRules } from '../rules.ts';
import { provenanceOf, spanOf } from './provenance.ts';
import type { AlignedCell } from './row-align.ts';
import { streamOf, type Token } from './tokens.ts';

const streamOfLines = (lines: string[]): Token[] => streamOf(ingestText(lines.join('\n')).doc);

/** A cell of tokens [start, end), as the row aligner gives it. */
const cellOf = (tokens: readonly Token[], start: number, end = start + 1): AlignedCell => ({ start, end, raw: tokens.slice(start, end).map((token) => token.raw).join('') });

const at = (tokens: readonly Token[], raw: string): number => {
  const index = tokens.findIndex((token) => token.raw === raw);
  expect(index, raw).toBeGreaterThanOrEqual(0);
  return index;
};

/** Copied from Excel: the name cell holds a line break, so it runs over lines 2 and 3. */
const MULTI_LINE = ['一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t"开展业务\n次数"\t≥10次', '\t质量指标\t合格率\t100%'];

describe('spanOf', () => {
  it('says nothing for a cell the row does not have', () => {
    expect(spanOf(streamOfLines(MULTI_LINE), undefined)).toBeUndefined();
  });

  it('gives a one-token cell its own lines', () => {
    const tokens = streamOfLines(MULTI_LINE);
    expect(spanOf(tokens, cellOf(tokens, at(tokens, '合格率')))).toEqual({ lineStart: 4, lineEnd: 4 });
    // A cell with a line break inside runs over both lines.
    expect(spanOf(tokens, cellOf(tokens, at(tokens, '开展业务\n次数')))).toEqual({ lineStart: 2, lineEnd: 3 });
  });

  it('stretches a cell of several tokens from its first token’s place to the last line', () => {
    const tokens = streamOfLines(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '补充更新出版物的', '农家书屋数量', '368个']);
    const start = at(tokens, '补充更新出版物的');
    expect(spanOf(tokens, cellOf(tokens, start, start + 2))).toEqual({ lineStart: 7, lineEnd: 8 });
  });

  it('ignores blank tokens: a merged cell’s placeholder does not pull the span to the merged cell', async () => {
    const html = [
      '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>',
      '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>开展业务次数</td><td>≥10次</td></tr>',
      '<tr><td>质量指标</td><td>合格率</td><td>100%</td></tr>',
    ].join('');
    const read = await ingest(new TextEncoder().encode(`<html><body><table>${html}</table></body></html>`));
    if (!read.ok) throw read.error;
    const tokens = streamOf(read.value.doc);
    const level2 = at(tokens, '质量指标');
    const placeholder = level2 - 1;
    expect(tokens[placeholder]).toMatchObject({ blank: true, row: 2 });
    // The web page's own table, row and cell: the second 质量指标 row, its first written cell.
    expect(spanOf(tokens, cellOf(tokens, placeholder, level2 + 1))).toMatchObject({ table: 1, row: 3, cell: 1 });
    expect(spanOf(tokens, cellOf(tokens, placeholder))).toBeUndefined();
  });

  it('takes the lowest OCR confidence of the cell’s tokens', () => {
    // Pasted text carries no confidence: give two real tokens the ones a scan would.
    const tokens = streamOfLines(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '补充更新出版物的', '农家书屋数量', '368个']);
    const start = at(tokens, '补充更新出版物的');
    const scanned = tokens.map((token, index) => (index === start ? { ...token, source: { ...token.source, ocr: true, confidence: 0.97 } } : index === start + 1 ? { ...token, source: { ...token.source, ocr: true, confidence: 0.62 } } : token));
    expect(spanOf(scanned, cellOf(scanned, start, start + 2))).toMatchObject({ lineStart: 7, lineEnd: 8, ocr: true, confidence: 0.62 });
  });

  it('leaves the tokens’ own sources as they were', () => {
    const tokens = streamOfLines(['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '补充更新出版物的', '农家书屋数量', '368个']);
    const start = at(tokens, '补充更新出版物的');
    spanOf(tokens, cellOf(tokens, start, start + 2));
    expect(tokens[start]?.source).toEqual({ lineStart: 7, lineEnd: 7 });
  });

  it('says nothing for a reader that kept no positions', () => {
    const tokens = streamOfLines(MULTI_LINE).map((token) => ({ ...token, source: {} }));
    expect(spanOf(tokens, cellOf(tokens, at(tokens, '合格率')))).toBeUndefined();
  });
});

describe('provenanceOf', () => {
  it('keeps the fields whose span says something and drops the rest', () => {
    const name = { lineStart: 2, lineEnd: 3 };
    const value = { lineStart: 3, lineEnd: 3 };
    expect(provenanceOf({ level1: undefined, name, value, basis: undefined })).toEqual({ name, value });
  });

  it('gives no provenance at all when no cell has a place', () => {
    expect(provenanceOf({ name: undefined, value: undefined })).toBeUndefined();
    expect(provenanceOf({})).toBeUndefined();
  });
});

describe('OCR confidence of a form’s budget amounts', () => {
  /** A cell as a scan gives it: page, box and how surely its text was read. */
  const scanned = (text: string, confidence: number, colSpan = 1): Cell => ({ text, rowSpan: 1, colSpan, source: { page: 1, bbox: [0, 0, 10, 10], ocr: true, confidence } });
  /** 财政资金 131.2 read as 1, unsure; one value unsure too. */
  const form = (fiscal: number) =>
    placeCells([
      {
        kind: 'table',
        source: { page: 1, ocr: true },
        rows: [
          [scanned('项目名称', 0.99), scanned('社区居民就业技能培训', 0.98, 3)],
          [scanned('预算数（万元）', 0.99), scanned('131.2', 0.97), scanned('其中：财政资金', 0.99), scanned('1', fiscal)],
          [scanned('一级指标', 0.99), scanned('二级指标', 0.99), scanned('三级指标', 0.99), scanned('指标值', 0.99)],
          [scanned('产出指标', 0.99), scanned('数量指标', 0.99), scanned('培训人数', 0.99), scanned('≥500人', 0.71)],
          [scanned('效益指标', 0.99), scanned('社会效益指标', 0.99), scanned('就业率', 0.99), scanned('≥60%', 0.99)],
          [scanned('满意度指标', 0.99), scanned('服务对象满意度指标', 0.99), scanned('满意度', 0.99), scanned('≥90%', 0.99)],
        ],
      },
    ]);

  it('carries each amount’s cell confidence into the project, and the value cells’ into provenance', () => {
    const [project] = extractWithRules({ blocks: form(0.62) }).document.projects;
    expect(project?.budget).toEqual({ total: 131.2, fiscal: 1, other: null });
    expect(project?.ocrConfidence).toEqual({ 'budget.total': 0.97, 'budget.fiscal': 0.62 });
    expect(project?.indicators.map((row) => row.provenance?.value?.confidence)).toEqual([0.71, 0.99, 0.99]);
  });

  it('lets the validator hold back the error a misread amount would raise', () => {
    const unsure = validateDocument(extractWithRules({ blocks: form(0.62) }).document);
    expect(unsure.filter((finding) => finding.code === 'BUDGET_SUM_MISMATCH').map((finding) => finding.severity)).toEqual(['warning']);
    expect(unsure.filter((finding) => finding.code === 'OCR_LOW_CONFIDENCE').map((finding) => [finding.loc.indicatorIndex, finding.loc.field])).toEqual([
      [null, 'budget.fiscal'],
      [0, 'value'],
    ]);
    const sure = validateDocument(extractWithRules({ blocks: form(0.99) }).document);
    expect(sure.filter((finding) => finding.code === 'BUDGET_SUM_MISMATCH').map((finding) => finding.severity)).toEqual(['error']);
  });

  it('records none for text that was not read by OCR', () => {
    const [project] = extractWithRules(ingestText('项目名称\t社区培训\n预算数（万元）\t20\t其中：财政资金\t15\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥500人').doc).document.projects;
    expect(project?.budget.total).toBe(20);
    expect(project?.ocrConfidence).toBeUndefined();
  });
});

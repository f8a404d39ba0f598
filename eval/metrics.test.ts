import { describe, expect, it } from 'vitest';
import type { Block, Cell, Doc } from '../schemas/doc.ts';
import { toleranceFor } from './baseline.ts';
import { anls, levenshtein } from './strings.ts';
import { documentTeds, tableTeds } from './teds.ts';

type Table = Extract<Block, { kind: 'table' }>;
const cell = (text: string, rowSpan = 1, colSpan = 1): Cell => ({ text, rowSpan, colSpan }) as Cell;
const table = (rows: string[][]): Table => ({ kind: 'table', rows: rows.map((row) => row.map((text) => cell(text))) }) as Table;

describe('levenshtein and ANLS', () => {
  it('counts edits by character, not by UTF-16 unit', () => {
    expect(levenshtein('完成率', '完戍率')).toBe(1);
    expect(levenshtein('𠀀a', 'a')).toBe(1);
    expect(levenshtein('', '满意度')).toBe(3);
  });

  it('scores a one-character misreading close to 1 and a different answer 0', () => {
    expect(anls('≥95%', '≥95%')).toBe(1);
    expect(anls('3957㎡', '3957m')).toBeCloseTo(0.8);
    expect(anls('开展业务次数', '满意度')).toBe(0);
    expect(anls('', '')).toBe(1);
  });
});

describe('TEDS', () => {
  const gold = table([
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出指标', '数量指标', '开展业务次数', '≥10次'],
    ['产出指标', '质量指标', '完成率', '≥95%'],
  ]);

  it('is 1 for the same grid and ignores whitespace and full-width forms', () => {
    expect(tableTeds(gold, gold)).toBe(1);
    const spaced = table([
      ['一级 指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '开展业务次数', '≥10次'],
      ['产出指标', '质量指标', '完成率', '≥95％'],
    ]);
    expect(tableTeds(spaced, gold)).toBe(1);
  });

  it('loses a little for a misread character and more for a dropped row', () => {
    const misread = table([
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '开展业务欠数', '≥10次'],
      ['产出指标', '质量指标', '完成率', '≥95%'],
    ]);
    const dropped = table([
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '开展业务次数', '≥10次'],
    ]);
    const misreadTeds = tableTeds(misread, gold);
    expect(misreadTeds).toBeGreaterThan(0.95);
    expect(misreadTeds).toBeLessThan(1);
    expect(tableTeds(dropped, gold)).toBeLessThan(misreadTeds);
    expect(tableTeds(dropped, gold)).toBeCloseTo(1 - 5 / 16);
  });

  it('charges a cell merged over a different number of rows in full', () => {
    const merged: Table = { kind: 'table', rows: [[cell('产出指标', 2), cell('数量指标')], [cell('质量指标')]] } as Table;
    const split: Table = { kind: 'table', rows: [[cell('产出指标'), cell('数量指标')], [cell('质量指标')]] } as Table;
    expect(tableTeds(merged, split)).toBeCloseTo(1 - 1 / 6);
  });

  it('scores a document by its tables, each against the reference table it is most like', () => {
    const other = table([
      ['项目名称', '某项目'],
      ['预算金额', '100万元'],
    ]);
    const reference: Doc = { blocks: [other, gold] } as Doc;
    expect(documentTeds({ blocks: [gold] } as Doc, reference)).toBe(1);
    expect(documentTeds({ blocks: [{ kind: 'paragraph', text: '无表' }] } as unknown as Doc, reference)).toBeNull();
  });
});

describe('toleranceFor', () => {
  const tolerance = { default: 0.001, TOTAL: 0.01, image: 0.06, 'image.project': 0.34 };

  it('takes the most specific key, then the scope, then the default', () => {
    expect(toleranceFor(tolerance, 'image', 'project.name')).toBe(0.34);
    expect(toleranceFor(tolerance, 'image', 'rows.f1')).toBe(0.06);
    expect(toleranceFor(tolerance, 'TOTAL', 'rows.f1')).toBe(0.01);
    expect(toleranceFor(tolerance, 'docx', 'rows.f1')).toBe(0.001);
  });

  it('falls back to the built-in default when a baseline names none', () => {
    expect(toleranceFor({}, 'docx', 'rows.f1')).toBe(0.001);
  });
});

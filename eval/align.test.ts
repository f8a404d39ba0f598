import { describe, expect, it } from 'vitest';
import type { Indicator } from '../schemas/extraction.ts';
import { alignRows, similarity } from './score.ts';

const row = (level2: string, name: string, raw: string): Indicator => ({
  level1: '产出指标',
  level2,
  name,
  description: null,
  value: { raw, kind: 'numeric', op: null, number: null, unit: null },
  basis: null,
  remark: null,
  fundingLine: null,
});

describe('alignRows', () => {
  const gold = [row('数量指标', '开展业务次数', '≥10次'), row('质量指标', '完成率', '≥95%'), row('时效指标', '完成时限', '12月底')];

  it('pairs a row with one misread character instead of losing it', () => {
    const extracted = [gold[0] as Indicator, row('质量指标', '完戍率', '≥95%'), gold[2] as Indicator];
    expect(alignRows(gold, extracted).map(([, match]) => match?.name ?? null)).toEqual(['开展业务次数', '完戍率', '完成时限']);
  });

  it('marks a dropped row missing and keeps the rest in order', () => {
    const extracted = [gold[0] as Indicator, gold[2] as Indicator];
    expect(alignRows(gold, extracted).map(([, match]) => match?.name ?? null)).toEqual(['开展业务次数', null, '完成时限']);
  });

  it('skips an invented row', () => {
    const extracted = [gold[0] as Indicator, row('成本指标', '总成本', '≤60万元'), gold[1] as Indicator, gold[2] as Indicator];
    expect(alignRows(gold, extracted).map(([, match]) => match?.name ?? null)).toEqual(['开展业务次数', '完成率', '完成时限']);
  });

  it('similarity is 1 for equal strings and high for one misread character', () => {
    expect(similarity('完成率', '完成率')).toBe(1);
    expect(similarity('开展业务次数', '开展业务欠数')).toBeGreaterThan(0.5);
    expect(similarity('开展业务次数', '满意度')).toBe(0);
  });
});

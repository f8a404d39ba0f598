import { beforeAll, describe, expect, it } from 'vitest';
import { addSeeds } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import { hasErrors } from '../validate/index.ts';
import { draftProject } from './drafter.ts';
import { statedQuantities } from './quantities.ts';

const library = new SqliteLibrary(':memory:');
beforeAll(() => addSeeds(library));

describe('statedQuantities', () => {
  it('reads the counts a purpose states, not money, dates or durations', () => {
    expect(statedQuantities('主要用于培训500人次，保障8人，购置电脑3台，预算10万元，12个月内完成').map((q) => q.raw)).toEqual(['500人次', '8人', '3台']);
    expect(statedQuantities('支付租金131.2万元，每人每月补助200元')).toEqual([]);
  });
});

describe('draftProject', () => {
  const request = { name: '2026年度口岸综合服务保障经费', budget: 50, purpose: '主要用于保障口岸查验工作，保障8人，购置查验设备3台。', year: 2026 };

  it('covers 数量, 质量, 时效, 成本, an effect and 服务对象满意度, each row with its sources and a reason', () => {
    const draft = draftProject(library, request);
    const levels = new Set(draft.project.indicators.map((row) => row.level2));
    for (const level of ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标']) expect(levels).toContain(level);
    expect(draft.project.indicators.some((row) => row.level1 === '效益指标')).toBe(true);
    for (const row of draft.project.indicators) {
      expect(row.rationale).not.toBe('');
      expect(row.basis).toMatch(/^(计划标准|历史标准)|满意度调查/);
      for (const source of row.sources) expect(library.get(source.projectId)?.project.indicators[source.row - 1]).toBeDefined();
    }
    expect(draft.similar.length).toBeGreaterThan(0);
    expect(draft.project).toMatchObject({ name: request.name, budget: { total: 50 }, purpose: request.purpose });
  });

  it('fits the values to the new project: quantities from the purpose, costs within the budget, deadlines in its year, rates at most 100%', () => {
    const draft = draftProject(library, request);
    const rows = draft.project.indicators;
    expect(rows.filter((row) => row.level2 === '数量指标').map((row) => row.value.raw)).toEqual(['8人', '3台']);
    expect(rows.find((row) => row.value.raw === '8人')?.basis).toContain('保障8人');
    const costs = rows.filter((row) => row.level2 === '成本指标' && row.value.unit === '万元');
    expect(costs.reduce((sum, row) => sum + (row.value.number ?? 0), 0)).toBeLessThanOrEqual(50);
    for (const row of rows) {
      if (row.value.unit === '%') expect(row.value.number).toBeLessThanOrEqual(100);
      if (row.value.unit === '%' && row.value.number === 100) expect(row.value.op).not.toBe('>=');
      for (const year of row.value.raw.match(/20\d\d/g) ?? []) expect(year).toBe('2026');
    }
    expect(hasErrors(draft.findings)).toBe(false);
  });

  it('moves a source’s year to the new one, and never returns a draft without its findings', () => {
    const draft = draftProject(library, { name: '2027年园区日常运转保障经费', budget: 300, year: 2027, purpose: '保障园区日常运转' });
    for (const row of draft.project.indicators) for (const year of `${row.name}${row.value.raw}`.match(/20\d\d(?=年)/g) ?? []) expect(year).toBe('2027');
    expect(Array.isArray(draft.findings)).toBe(true);
    expect(hasErrors(draft.findings)).toBe(false);
  });

  it('drafts a complete table from an empty library too, from the request alone', () => {
    const empty = new SqliteLibrary(':memory:');
    const draft = draftProject(empty, request);
    expect(draft.similar).toEqual([]);
    expect(draft.project.indicators.map((row) => row.value.raw)).toEqual(expect.arrayContaining(['8人', '3台']));
  });
});

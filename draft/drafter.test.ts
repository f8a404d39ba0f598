import { beforeAll, describe, expect, it } from 'vitest';
import { addStarterDocuments } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import type { Draft } from '../schemas/library.ts';
import { hasErrors } from '../validate/index.ts';
import { numbersIn } from './refine.ts';
import { draftProject } from './drafter.ts';
import { quantityName, statedQuantities } from './quantities.ts';
import { projectSubject } from './subject.ts';

const library = new SqliteLibrary(':memory:');
beforeAll(() => addStarterDocuments(library), 120_000);

/** Every row says where it came from, and only a precedent's row has sources and a similarity. */
async function expectTraceable(draft: Draft): Promise<void> {
  for (const row of draft.project.indicators) {
    expect(row.rationale).not.toBe('');
    if (row.origin === 'precedent' || row.origin === 'model') {
      expect(row.sources.length).toBeGreaterThan(0);
      expect(row.similarity).toBeGreaterThanOrEqual(draft.floor);
      for (const source of row.sources) expect((await library.get(source.projectId))?.project.indicators[source.row - 1]).toBeDefined();
    } else {
      expect(row.sources).toEqual([]);
      expect(row.similarity).toBeNull();
    }
    if (row.confidence === 'low') expect(row.check).toBeTruthy();
    else expect(row.check).toBeNull();
  }
}

describe('statedQuantities', () => {
  it('reads the counts a purpose states, not money, dates or durations, with 万 units', () => {
    expect(statedQuantities('主要用于培训500人次，保障8人，购置电脑3台，预算10万元，12个月内完成').map((q) => q.raw)).toEqual(['500人次', '8人', '3台']);
    expect(statedQuantities('支付租金131.2万元，每人每月补助200元')).toEqual([]);
    expect(statedQuantities('新建高标准农田1.2万亩，惠及群众3万人次').map((q) => q.raw)).toEqual(['1.2万亩', '3万人次']);
  });

  it('names a count by the whole words before it, never cut inside a word', () => {
    const [training] = statedQuantities('计划开展主体班培训1200人次');
    expect(quantityName(training!)).toBe('开展主体班培训人次数');
    const [farmland] = statedQuantities('用于新建高标准农田1.2万亩');
    expect(quantityName(farmland!)).toBe('新建高标准农田面积');
    // An item of a list is named by its own words, not the list's.
    expect(statedQuantities('治理水沟3条、林场7个').map(quantityName)).toEqual(['治理水沟条数', '林场个数']);
  });
});

describe('projectSubject', () => {
  it('keeps what a name is about, without year, place, level, code or 项目/资金', () => {
    expect(projectSubject('2023年雨露计划就学补助项目')).toBe('雨露计划就学补助');
    expect(projectSubject('县级储备粮')).toBe('储备粮');
    expect(projectSubject('51000021R000000019951-工资性支出')).toBe('工资性支出');
    expect(projectSubject('2026年度项目资金')).toBeNull();
  });
});

describe('draftProject', () => {
  const request = { name: '2026年度口岸综合服务保障经费', budget: 50, purpose: '主要用于保障口岸查验工作，保障8人，购置查验设备3台。', year: 2026 };

  it('covers 数量, 质量, 时效, 成本, an effect and 服务对象满意度, every row traceable', async () => {
    const draft = await draftProject(library, request);
    const levels = new Set(draft.project.indicators.map((row) => row.level2));
    for (const level of ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标']) expect(levels).toContain(level);
    expect(draft.project.indicators.some((row) => row.level1 === '效益指标')).toBe(true);
    expect(draft.category).toMatchObject({ name: '商务' });
    await expectTraceable(draft);
    expect(draft.project).toMatchObject({ name: request.name, budget: { total: 50 }, purpose: request.purpose });
  });

  it('fits the values to the new project: quantities from the purpose, costs within the budget, deadlines in its year, rates at most 100%', async () => {
    const draft = await draftProject(library, request);
    const rows = draft.project.indicators;
    expect(rows.filter((row) => row.level2 === '数量指标').map((row) => row.value.raw)).toEqual(['8人', '3台']);
    expect(rows.find((row) => row.value.raw === '8人')).toMatchObject({ origin: 'request', basis: expect.stringContaining('保障8人') });
    const costs = rows.filter((row) => row.level2 === '成本指标' && row.value.unit === '万元');
    expect(costs.reduce((sum, row) => sum + (row.value.number ?? 0), 0)).toBeLessThanOrEqual(50);
    for (const row of rows) {
      if (row.value.unit === '%') expect(row.value.number).toBeLessThanOrEqual(100);
      if (row.value.unit === '%' && row.value.number === 100) expect(row.value.op).not.toBe('>=');
      for (const year of row.value.raw.match(/20\d\d/g) ?? []) expect(year).toBe('2026');
    }
    expect(hasErrors(draft.findings)).toBe(false);
  });

  it('writes no year and no figure of a precedent into the basis: only the new year, budget and stated numbers', async () => {
    for (const year of [2021, 2027]) {
      const draft = await draftProject(library, { name: `${year}年蔬菜储备补贴资金`, budget: 80, year, purpose: '储备蔬菜，保障市场供应' });
      expect(draft.fallback).toBe(false);
      expect(draft.findings.filter((finding) => finding.code === 'YEAR_MISMATCH')).toEqual([]);
      for (const row of draft.project.indicators) {
        const allowed = new Set([...numbersIn(row.value.raw), String(year), '80']);
        expect(numbersIn(row.basis ?? '').filter((number) => !allowed.has(number))).toEqual([]);
        for (const found of `${row.name}${row.value.raw}`.match(/20\d\d(?=年)/g) ?? []) expect(found).toBe(String(year));
      }
    }
  });

  it('draws only on projects of its own kind: no row names another project’s subject', async () => {
    const draft = await draftProject(library, { name: '2027年蔬菜储备补贴资金', budget: 80, year: 2027 });
    expect(draft.similar.length).toBeGreaterThan(0);
    for (const hit of draft.similar) expect(hit.project.category).toBe('粮食和物资储备');
    for (const row of draft.project.indicators) expect(row.name).not.toMatch(/冻肉|猪肉|生猪|粮/);
    await expectTraceable(draft);
  });

  it('falls back on the category’s template, marked and without sources, for a sector the library lacks', async () => {
    const draft = await draftProject(library, { name: '2026年人民陪审员经费', budget: 12, year: 2026, purpose: '支付人民陪审员参审补助' });
    expect(draft.category?.name).toBe('政法与公共安全');
    expect(draft.fallback).toBe(true);
    expect(draft.similar).toEqual([]);
    expect(draft.project.indicators.length).toBeGreaterThanOrEqual(6);
    for (const row of draft.project.indicators) expect(row).toMatchObject({ origin: 'template', sources: [], similarity: null });
    expect(draft.project.indicators.filter((row) => row.confidence === 'low').length).toBeGreaterThan(0);
    expect(hasErrors(draft.findings)).toBe(false);
  });

  it('drafts a project whose budget is not known yet, leaving what depends on it for the user', async () => {
    const draft = await draftProject(library, { name: '2026年高标准农田建设项目', year: 2026, purpose: '新建高标准农田1.2万亩' });
    expect(draft.project.budget.total).toBeNull();
    const cost = draft.project.indicators.find((row) => row.level2 === '成本指标')!;
    expect(cost).toMatchObject({ value: { kind: 'empty' }, confidence: 'low', check: expect.stringContaining('预算未定') });
    expect(draft.project.indicators.find((row) => row.level2 === '数量指标')).toMatchObject({ name: '新建高标准农田面积', value: { raw: '1.2万亩', unit: '万亩' } });
    // The one error is the value left to fill in, and it is said so on its row.
    const errors = draft.findings.filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => finding.code)).toEqual(['VALUE_MISSING']);
    expect(draft.project.indicators[errors[0]!.loc.indicatorIndex!]).toBe(cost);
  });

  it('drafts a complete table from an empty library too, from the request alone', async () => {
    const empty = new SqliteLibrary(':memory:');
    const draft = await draftProject(empty, request);
    expect(draft).toMatchObject({ similar: [], fallback: true });
    expect(draft.project.indicators.map((row) => row.value.raw)).toEqual(expect.arrayContaining(['8人', '3台']));
    await expectTraceable(draft);
  });
});

describe('the year a draft is written for', () => {
  it('is the one the name states when none is asked, so its deadlines and review agree with the name', async () => {
    const draft = await draftProject(library, { name: '2031年城区公共厕所改造提升项目', budget: 120 });
    expect(draft.findings.map((finding) => finding.code)).not.toContain('YEAR_MISMATCH');
    const deadlines = draft.project.indicators.filter((row) => row.level2 === '时效指标').map((row) => row.value.raw ?? '');
    expect(deadlines.join(' ')).not.toMatch(/20(2\d|30)年/);
    expect(deadlines.some((raw) => raw.includes('2031年'))).toBe(true);
  });

  it('is the one asked, even when the name states another (the review then says so)', async () => {
    const draft = await draftProject(library, { name: '2031年城区公共厕所改造提升项目', budget: 120, year: 2030 });
    expect(draft.findings.map((finding) => finding.code)).toContain('YEAR_MISMATCH');
  });
});

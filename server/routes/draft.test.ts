// The drafting routes through app.request, on the seeded :memory: library: a project of a sector the
// library lacks comes back as the category's template (fallback), a project whose budget is not
// known yet leaves its cost value to the user with a check, and search and list take the province
// and category filters.
import { afterAll, describe, expect, it } from 'vitest';
import { Draft, SearchHit } from '../../schemas/library.ts';
import { createServer } from '../app.ts';
import { defaultConfig } from '../config.ts';

const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
const { app } = server;
afterAll(() => server.close());

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function draft(body: unknown): Promise<Draft> {
  const res = await app.request('/api/draft', json(body));
  expect(res.status).toBe(200);
  // The answer is the contract's Draft, whatever the drafter put in it.
  return Draft.parse(await res.json());
}

const costRow = (drafted: Draft) => drafted.project.indicators.find((row) => row.level2 === '成本指标');

describe('a project of a sector the library lacks', () => {
  it.each([
    { name: '2026年人民陪审员经费' },
    { name: '2026年县级水库水位观测设施建设', budget: 120 },
  ])('$name: fallback, every row the category’s template with no sources', async (request) => {
    const drafted = await draft(request);
    expect(drafted.fallback).toBe(true);
    expect(drafted.similar).toEqual([]);
    expect(drafted.category).not.toBeNull();
    expect(drafted.project.indicators.length).toBeGreaterThan(0);
    for (const row of drafted.project.indicators) {
      expect(row, row.name ?? '').toMatchObject({ origin: 'template', similarity: null, sources: [] });
      expect(row.rationale.length).toBeGreaterThan(0);
    }
    // A template is to be checked: at least some rows say what to check.
    expect(drafted.project.indicators.some((row) => row.confidence === 'low' && row.check)).toBe(true);
  });

  it('names the category and the words that decided it', async () => {
    const drafted = await draft({ name: '2026年县级水库水位观测设施建设' });
    expect(drafted.category?.name).toBe('水利');
    expect(drafted.category?.reason).toContain('水库');
  });
});

describe('a project whose budget is not known yet', () => {
  const request = { name: '2026年度口岸综合服务保障经费', purpose: '保障8人，购置查验设备3台', year: 2026 };

  it('is drafted: the cost value is left empty with a check saying the budget is not set', async () => {
    const drafted = await draft(request);
    expect(drafted.project.budget.total).toBeNull();
    const cost = costRow(drafted);
    expect(cost).toBeDefined();
    expect(cost!.value.raw).toBe('');
    expect(cost!.confidence).toBe('low');
    expect(cost!.check).toMatch(/^预算未定：/);
    // The purpose's quantities are used all the same.
    expect(drafted.project.indicators.map((row) => row.value.raw)).toEqual(expect.arrayContaining(['8人', '3台']));
  });

  it('with the budget, the cost row has a value', async () => {
    const drafted = await draft({ ...request, budget: 50 });
    expect(drafted.project.budget.total).toBe(50);
    expect(costRow(drafted)?.value.raw).not.toBe('');
    expect(costRow(drafted)?.check ?? '').not.toMatch(/^预算未定/);
  });

  it('still refuses a budget that is not a positive number', async () => {
    for (const budget of ['很多', 0, -5, 1e308]) {
      const res = await app.request('/api/draft', json({ name: '某项目', budget }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('province and category filters', () => {
  const hitsOf = async (query: string) => {
    const res = await app.request(`/api/library/search?${query}`);
    expect(res.status).toBe(200);
    return SearchHit.array().parse((await res.json()).hits);
  };

  it('search takes province and category, and every hit’s similarity is absolute (0..1)', async () => {
    // 办公经费: hits in more than one province and category (经费 alone is too common a word to find any).
    const q = `q=${encodeURIComponent('办公经费')}&limit=100`;
    const all = await hitsOf(q);
    expect(all.length).toBeGreaterThan(0);
    for (const hit of all) {
      expect(hit.similarity).toBeGreaterThanOrEqual(0);
      expect(hit.similarity).toBeLessThanOrEqual(1);
    }

    const province = all.find((hit) => hit.project.province)!.project.province!;
    const inProvince = await hitsOf(`${q}&province=${encodeURIComponent(province)}`);
    expect(inProvince.length).toBeGreaterThan(0);
    expect(inProvince.every((hit) => hit.project.province === province)).toBe(true);
    expect(inProvince.length).toBeLessThan(all.length);

    const category = all.find((hit) => hit.project.category)!.project.category!;
    const inCategory = await hitsOf(`${q}&category=${encodeURIComponent(category)}`);
    expect(inCategory.length).toBeGreaterThan(0);
    expect(inCategory.every((hit) => hit.project.category === category)).toBe(true);
    expect(inCategory.length).toBeLessThan(all.length);

    expect(await hitsOf(`${q}&category=${encodeURIComponent('没有这个类别')}`)).toEqual([]);
  });

  it('the project list takes them too', async () => {
    await server.ready;
    const counts = (await server.library.categoryCounts()).find((entry) => entry.category !== null)!;
    const listed = (await (await app.request(`/api/library/projects?limit=1000&category=${encodeURIComponent(counts.category!)}`)).json()).projects as { category: string | null; province: string | null }[];
    expect(listed).toHaveLength(counts.projects);
    expect(listed.every((project) => project.category === counts.category)).toBe(true);

    const province = (await server.library.list()).find((project) => project.province)!.province!;
    const inProvince = (await (await app.request(`/api/library/projects?limit=1000&province=${encodeURIComponent(province)}`)).json()).projects as { province: string | null }[];
    expect(inProvince.length).toBeGreaterThan(0);
    expect(inProvince.every((project) => project.province === province)).toBe(true);
  });

  it('documents the filters in the OpenAPI document', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    const names = (path: string) => (doc.paths[path].get.parameters as { name: string }[]).map((parameter) => parameter.name);
    expect(names('/api/library/search')).toEqual(expect.arrayContaining(['province', 'category']));
    expect(names('/api/library/projects')).toEqual(expect.arrayContaining(['province', 'category']));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addStarterDocuments } from './seed.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import { classifyProject } from './category.ts';

describe('classifyProject', () => {
  it('reads a sector from the name first, and says which words decided it', () => {
    expect(classifyProject({ name: '2026年县级水库水位观测设施建设' })).toMatchObject({ category: { name: '水利' }, reason: expect.stringContaining('水库') });
    expect(classifyProject({ name: '2023年雨露计划就学补助项目' })?.category.name).toBe('教育');
    expect(classifyProject({ name: '國家基本公共衛生服務' })?.category.name).toBe('卫生健康');
  });

  it('puts a sector before the kind of spending it shares a name with', () => {
    expect(classifyProject({ name: '大青山乡养殖场基础设施建设项目' })?.category.name).toBe('农业农村');
    expect(classifyProject({ name: '2025年机关食堂经费' })?.category.name).toBe('行政运行');
  });

  it('knows nothing when no category’s words are there', () => {
    expect(classifyProject({ name: '委托业务项目' })).toBeNull();
  });

  it('agrees with the categories people gave the seeds’ and real forms’ projects (fixtures/draft/categories.json)', async () => {
    const labels = (JSON.parse(readFileSync(new URL('../fixtures/draft/categories.json', import.meta.url), 'utf8')) as { projects: { file: string; name: string | null; category: string; alternative: string | null }[] }).projects;
    const library = new SqliteLibrary(':memory:');
    await addStarterDocuments(library);
    const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, '');
    let compared = 0;
    let exact = 0;
    let allowed = 0;
    for await (const entry of library.all()) {
      const label = labels.find((candidate) => squeeze(candidate.name) === squeeze(entry.project.name) && candidate.file.replace('.gold.json', '.txt') === entry.filename);
      if (!label) continue;
      compared++;
      if (entry.category === label.category) exact++;
      if (entry.category === label.category || entry.category === label.alternative) allowed++;
    }
    expect(compared).toBeGreaterThan(80);
    expect(exact / compared).toBeGreaterThanOrEqual(0.8);
    expect(allowed / compared).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

// SQLite and PostgreSQL give the same library and the same drafts: the starter library (the seeds
// and the real forms) built in each, then every one of its projects drafted from the others (as the
// draft evaluation does) and searched for, and the answers compared whole. PostgreSQL is a real
// server started for this file (test/support/postgres.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftProject } from '../draft/drafter.ts';
import type { Draft, LibraryProject, SearchHit } from '../schemas/library.ts';
import { postgresForTests } from '../test/support/postgres.ts';
import { PostgresLibrary } from './postgres-store.ts';
import type { SearchIndex } from './search.ts';
import { addStarterDocuments } from './seed.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';
import { words } from './words.ts';

const postgres = postgresForTests();
let sqlite: SqliteLibrary;
let postgresLibrary: PostgresLibrary;
const projects: LibraryProject[] = [];

beforeAll(async () => {
  sqlite = new SqliteLibrary(':memory:');
  postgresLibrary = new PostgresLibrary(await postgres.newDatabase());
  const [inSqlite, inPostgres] = await Promise.all([addStarterDocuments(sqlite), addStarterDocuments(postgresLibrary)]);
  expect(inPostgres).toBe(inSqlite);
  for await (const project of sqlite.all()) projects.push(project);
}, 300_000);

afterAll(async () => {
  await sqlite?.close();
  await postgresLibrary?.close();
});

/** The same question to both stores. */
async function both<T>(ask: (library: LibraryStore) => Promise<T>): Promise<[T, T]> {
  return [await ask(sqlite), await ask(postgresLibrary)];
}

async function allOf(library: LibraryStore): Promise<LibraryProject[]> {
  const out: LibraryProject[] = [];
  for await (const project of library.all()) out.push(project);
  return out;
}

describe('the starter library in SQLite and in PostgreSQL', () => {
  it('holds the same documents, projects (ids, filing, JSON) and words', async () => {
    expect(projects.length).toBeGreaterThan(80);
    const [counts, postgresCounts] = await both((library) => library.counts());
    expect(postgresCounts).toEqual(counts);
    expect(await allOf(postgresLibrary)).toEqual(projects);
    const [categories, postgresCategories] = await both((library) => library.categoryCounts());
    expect(postgresCategories).toEqual(categories);
    const [list, postgresList] = await both((library) => library.list({ limit: 1000 }));
    expect(postgresList).toEqual(list);
    // Every word of every project, with the number of projects that hold it: FTS5's vocabulary.
    const vocabulary = [...new Set(projects.flatMap(({ project }) => words([project.name ?? '', project.purpose ?? '', ...project.goals, ...project.indicators.map((row) => row.name ?? '')].join(' '))))];
    const [documents, postgresDocuments] = await both((library) => library.wordDocuments(vocabulary));
    expect(postgresDocuments).toEqual(documents);
    expect(await postgresLibrary.projectCount()).toBe(await sqlite.projectCount());
  });

  it('scores candidates by the same BM25, to the last bit', async () => {
    const index = (library: LibraryStore) => Reflect.get(library, 'index') as SearchIndex;
    for (const { project } of projects) {
      const terms = [...new Set(words(project.name ?? ''))].slice(0, 12);
      if (terms.length === 0) continue;
      const [ranked, postgresRanked] = await both((library) => index(library).candidates(terms, {}, [], 100));
      expect(postgresRanked).toEqual(ranked);
    }
  });

  it('finds the same hits, in the same order, for every project’s name and text, with filters and exclusions', async () => {
    for (const { id, documentId, project, province } of projects) {
      const name = project.name ?? '';
      const about = [project.purpose ?? '', ...project.goals].join(' ');
      const excludeIds = projects.filter((other) => other.documentId === documentId).map((other) => other.id);
      const asks: [string, (library: LibraryStore) => Promise<SearchHit[]>][] = [
        ['name', (library) => library.search(name, { limit: 100 })],
        ['name and text, own document left out', (library) => library.search({ name, about }, { limit: 60, excludeIds })],
        ['in its province', (library) => library.search(name, { province: province ?? undefined })],
      ];
      for (const [what, ask] of asks) {
        const [hits, postgresHits] = await both(ask);
        expect({ id, what, hits: postgresHits }).toEqual({ id, what, hits });
      }
    }
  });

  it('drafts the same table for every project, from the others and from the whole library, and for sectors the library lacks', async () => {
    let drafted = 0;
    let fromPrecedents = 0;
    for (const { id, documentId, project, year } of projects) {
      if (!project.name) continue;
      const excludeIds = projects.filter((other) => other.documentId === documentId).map((other) => other.id);
      const request = { name: project.name, budget: project.budget.total ?? undefined, purpose: project.purpose ?? undefined, year: year ?? 2026 };
      // From the others alone (most fall back on the template: the starter library is small), and
      // from the whole library (the project itself and its neighbours are precedents).
      for (const options of [{ excludeIds }, {}]) {
        const [draft, postgresDraft] = await both((library) => draftProject(library, request, options));
        expect({ id, options, draft: postgresDraft }).toEqual({ id, options, draft });
        drafted++;
        if (!draft.fallback) fromPrecedents++;
      }
    }
    expect(drafted).toBeGreaterThan(160);
    // The comparison covers the floor and the ranking of precedents, not only the templates.
    expect(fromPrecedents).toBeGreaterThan(drafted / 2);
    const requests = [
      { name: '2026年人民陪审员经费', budget: 12, year: 2026, purpose: '支付人民陪审员参审补助' },
      { name: '2026年县级水库水位观测设施建设', budget: 80, year: 2026, purpose: '新建水位观测站3处，配套监测设备6台' },
      { name: '2027年蔬菜储备补贴资金', budget: 80, year: 2027 },
      { name: '2026年度口岸综合服务保障经费', budget: 50, purpose: '主要用于保障口岸查验工作，保障8人，购置查验设备3台。', year: 2026 },
    ];
    for (const request of requests) {
      const [draft, postgresDraft]: [Draft, Draft] = await both((library) => draftProject(library, request));
      expect(postgresDraft).toEqual(draft);
    }
  });
});

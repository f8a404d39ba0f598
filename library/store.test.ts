// What every library store does (store.ts), tested on each: SQLite in a file, and PostgreSQL in a
// database of a real server started for this file (test/support/postgres.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { postgresForTests } from '../test/support/postgres.ts';
import { PostgresLibrary } from './postgres-store.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import type { LibraryStore } from './store.ts';

const seed = (name: string) => {
  const extraction = extractText(readFileSync(new URL(`../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8'));
  return { ...extraction, source: { ...extraction.source, filename: `${name}.txt` } };
};
const seed000 = seed('000_ad7b01c3c3fb5737');
const seed004 = seed('004_584bff0bac0b6d6f');

/** The same projects as another file (another hash): the Word and the PDF of one disclosure. */
const otherFile = (extraction: Extraction): Extraction => ({ ...extraction, source: { ...extraction.source, sha256: 'f'.repeat(64), filename: 'copy.pdf', format: 'pdf' } });

const postgres = postgresForTests();
const folder = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

/** A store under test: a new empty library, and the same one opened again. */
interface Kind {
  name: string;
  /** where a new empty library lives */
  place(): Promise<string>;
  open(place: string): LibraryStore;
}

const KINDS: Kind[] = [
  { name: 'SQLite', place: async () => join(folder, `library-${++files}.sqlite`), open: (place) => new SqliteLibrary(place) },
  { name: 'PostgreSQL', place: () => postgres.newDatabase(), open: (place) => new PostgresLibrary(place) },
];

async function allOf<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(KINDS)('the $name library', (kind) => {
  const opened: LibraryStore[] = [];
  afterEach(async () => {
    for (const library of opened.splice(0)) await library.close();
  });
  const open = (place: string) => {
    const library = kind.open(place);
    opened.push(library);
    return library;
  };
  const fresh = async () => open(await kind.place());

  it('keeps a document’s projects and reads them back after reopening', async () => {
    const place = await kind.place();
    const library = open(place);
    expect(await library.add(seed000)).toMatchObject({ documentId: 1, added: 12, skipped: [], duplicateOfDocument: null });
    await library.close();
    opened.splice(opened.indexOf(library), 1);
    const again = open(place);
    expect(await again.counts()).toEqual({ documents: 1, projects: 12, indicators: 74 });
    expect(await again.projectCount()).toBe(12);
    const [first] = await again.list({ limit: 1 });
    expect(first).toMatchObject({ id: 1, documentId: 1, name: '2026年度海关办公经费', year: 2026, region: '保定', budget: 60, indicators: 6 });
    const project = await again.get(first!.id);
    expect(project).toMatchObject({ filename: '000_ad7b01c3c3fb5737.txt', project: { name: '2026年度海关办公经费' } });
    expect(project?.project.indicators[0]).toMatchObject({ level2: '数量指标', name: '开展业务次数' });
    // Provenance points into a file the library does not keep.
    expect(project?.project.indicators[0]?.provenance).toBeUndefined();
    expect(await again.get(999)).toBeNull();
    expect((await again.getMany([3, 999, 1])).map((entry) => entry.id)).toEqual([3, 1]);
    expect((await allOf(again.all())).map((entry) => entry.id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('does not add the same file twice, nor the same projects from another file', async () => {
    const library = await fresh();
    await library.add(seed000);
    expect(await library.add(seed000)).toMatchObject({ added: 0, documentId: null, duplicateOfDocument: 1 });
    const copy = await library.add(otherFile(seed000));
    expect(copy).toMatchObject({ added: 0, documentId: null, duplicateOfDocument: null });
    expect(copy.skipped).toHaveLength(12);
    expect(copy.skipped.every((entry) => entry.reason === 'duplicate')).toBe(true);
    expect(await library.counts()).toEqual({ documents: 1, projects: 12, indicators: 74 });
    // The next document takes the next id, as if the refused one had never been.
    expect(await library.add(seed004)).toMatchObject({ documentId: 2, added: 7 });
  });

  it('filters the list by year, unit, region and category, pages it, and removes projects and documents', async () => {
    const library = await fresh();
    await library.add(seed000);
    await library.add(seed004);
    expect(await library.list({ year: 2026 })).toHaveLength(12);
    expect(await library.list({ region: '保定' })).toHaveLength(12);
    expect(await library.list({ unit: '白沟新城国际贸易' })).toHaveLength(12);
    expect(await library.list({ unit: '白沟新城国际贸易', exactUnit: true })).toHaveLength(0);
    expect((await library.list({ category: '商务' })).every((project) => project.category === '商务')).toBe(true);
    expect((await library.list({ limit: 3, offset: 2 })).map((project) => project.id)).toEqual([3, 4, 5]);
    const [one, two] = await library.list({ limit: 2 });
    expect(await library.remove([one!.id, two!.id, 999_999])).toBe(2);
    expect(await library.counts()).toMatchObject({ projects: 17 });
    expect(await library.projectCount()).toBe(17);
    expect(await library.remove([one!.id])).toBe(0);
    expect(await library.removeDocument(2)).toBe(7);
    expect(await library.counts()).toEqual({ documents: 1, projects: 10, indicators: 74 - one!.indicators - two!.indicators });
    // A document left with no project goes too.
    expect(await library.remove((await library.list()).map((project) => project.id))).toBe(10);
    expect(await library.counts()).toEqual({ documents: 0, projects: 0, indicators: 0 });
    expect(await library.search('海关办公经费')).toEqual([]);
  });

  it('finds similar projects by their words, with an absolute similarity and the words that matched', async () => {
    const library = await fresh();
    await library.add(seed000);
    await library.add(seed004);
    const hits = await library.search('海关办公经费');
    expect(hits[0]!.project.name).toBe('2026年度海关办公经费');
    expect(hits[0]!.similarity).toBe(1);
    expect(hits[0]!.matchedTerms).toEqual(['海关', '办公']);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity);
    // Absolute: a project that shares one word with a long name is far, whatever else the library holds.
    const far = await library.search('箱包');
    expect(far.length).toBeGreaterThan(0);
    expect(far.every((hit) => hit.similarity < 0.6)).toBe(true);
    // Years, amounts and the words every project writes find nothing.
    expect(await library.search('2026年度项目资金200万元')).toEqual([]);
    // Filters and exclusions apply to search too.
    expect((await library.search('海关办公经费', { year: 2025 })).every((hit) => hit.project.year === 2025)).toBe(true);
    expect((await library.search('海关办公经费', { category: '商务' })).every((hit) => hit.project.category === '商务')).toBe(true);
    expect((await library.search('海关办公经费', { excludeIds: [hits[0]!.project.id] })).some((hit) => hit.project.id === hits[0]!.project.id)).toBe(false);
    expect(await library.search({ name: '海关办公', about: '保障海关业务开展，购置办公设备' }, { limit: 2 })).toHaveLength(2);
    expect(await library.search('！？')).toEqual([]);
  });

  it('files each project under its province and category, and counts them and their words', async () => {
    const library = await fresh();
    await library.add(seed000);
    await library.add(seed004, { region: '唐山', province: '河北' });
    const [office] = await library.list({ limit: 1 });
    expect(office).toMatchObject({ name: '2026年度海关办公经费', region: '保定', province: '河北', category: '商务' });
    expect((await library.list({ region: '唐山' })).length).toBe(7);
    const counts = await library.categoryCounts();
    expect(counts.reduce((sum, entry) => sum + entry.projects, 0)).toBe(19);
    expect(counts.find((entry) => entry.category === '商务')?.projects).toBeGreaterThan(0);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!.projects).toBeLessThanOrEqual(counts[i - 1]!.projects);
    const words = await library.wordDocuments(['箱包', '海关', '不存在的词', '海关']);
    expect([...words.keys()]).toEqual(['箱包', '海关', '不存在的词']);
    expect(words.get('箱包')).toBeGreaterThan(0);
    expect(words.get('不存在的词')).toBe(0);
  });
});

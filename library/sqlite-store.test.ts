import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { SqliteLibrary } from './sqlite-store.ts';

const seed = (name: string) => {
  const extraction = extractText(readFileSync(new URL(`../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8'));
  return { ...extraction, source: { ...extraction.source, filename: `${name}.txt` } };
};
const seed000 = seed('000_ad7b01c3c3fb5737');
const seed004 = seed('004_584bff0bac0b6d6f');

/** The same projects as another file (another hash): the Word and the PDF of one disclosure. */
const otherFile = (extraction: Extraction): Extraction => ({ ...extraction, source: { ...extraction.source, sha256: 'f'.repeat(64), filename: 'copy.pdf', format: 'pdf' } });

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tempPath = () => {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-library-'));
  folders.push(folder);
  return join(folder, 'library.sqlite');
};

describe('SqliteLibrary', () => {
  it('keeps a document’s projects, in WAL mode, and reads them back after reopening', () => {
    const path = tempPath();
    const library = new SqliteLibrary(path);
    const added = library.add(seed000);
    expect(added).toMatchObject({ added: 12, skipped: [], duplicateOfDocument: null });
    library.close();
    const again = new SqliteLibrary(path);
    expect(again.counts()).toEqual({ documents: 1, projects: 12, indicators: 74 });
    const [first] = again.list({ limit: 1 });
    expect(first).toMatchObject({ name: '2026年度海关办公经费', year: 2026, region: '保定', budget: 60, indicators: 6 });
    expect(again.get(first!.id)?.project.indicators[0]).toMatchObject({ level2: '数量指标', name: '开展业务次数' });
    again.close();
    expect(new Database(path).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('does not add the same file twice, nor the same projects from another file', () => {
    const library = new SqliteLibrary(':memory:');
    library.add(seed000);
    expect(library.add(seed000)).toMatchObject({ added: 0, duplicateOfDocument: 1 });
    const copy = library.add(otherFile(seed000));
    expect(copy.added).toBe(0);
    expect(copy.skipped).toHaveLength(12);
    expect(copy.skipped.every((entry) => entry.reason === 'duplicate')).toBe(true);
    expect(library.counts()).toEqual({ documents: 1, projects: 12, indicators: 74 });
  });

  it('filters the list by year, unit and region, and removes projects and documents', () => {
    const library = new SqliteLibrary(':memory:');
    library.add(seed000);
    library.add(seed004);
    expect(library.list({ year: 2026 }).length).toBe(12);
    expect(library.list({ region: '保定' }).length).toBe(12);
    expect(library.list({ unit: '白沟新城国际贸易' }).length).toBe(12);
    const [one, two] = library.list({ limit: 2 });
    expect(library.remove([one!.id, two!.id, 999_999])).toBe(2);
    expect(library.counts().projects).toBe(17);
    expect(library.removeDocument(2)).toBe(7);
    expect(library.counts()).toEqual({ documents: 1, projects: 10, indicators: 74 - one!.indicators - two!.indicators });
  });

  it('finds similar projects by BM25 over character trigrams, with scores and the terms that matched', () => {
    const library = new SqliteLibrary(':memory:');
    library.add(seed000);
    library.add(seed004);
    const hits = library.search('海关办公经费');
    expect(hits[0]!.project.name).toBe('2026年度海关办公经费');
    expect(hits[0]!.similarity).toBe(1);
    expect(hits[0]!.matchedTerms).toEqual(expect.arrayContaining(['海关办', '办公经']));
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    // One- and two-character terms, which no trigram holds, are found as substrings.
    expect(library.search('租金').length + library.search('海关').length).toBeGreaterThan(0);
    expect(library.search('海关')[0]!.matchedTerms).toEqual(['海关']);
    // Filters and exclusions apply to search too.
    expect(library.search('海关办公经费', { year: 2025 }).every((hit) => hit.project.year === 2025)).toBe(true);
    expect(library.search('海关办公经费', { excludeIds: [hits[0]!.project.id] }).some((hit) => hit.project.id === hits[0]!.project.id)).toBe(false);
    expect(library.search('！？')).toEqual([]);
  });
});

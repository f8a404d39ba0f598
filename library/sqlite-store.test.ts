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

  it('finds similar projects by their words, with an absolute similarity and the words that matched', () => {
    const library = new SqliteLibrary(':memory:');
    library.add(seed000);
    library.add(seed004);
    const hits = library.search('海关办公经费');
    expect(hits[0]!.project.name).toBe('2026年度海关办公经费');
    expect(hits[0]!.similarity).toBe(1);
    expect(hits[0]!.matchedTerms).toEqual(['海关', '办公']);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.similarity).toBeLessThanOrEqual(hits[i - 1]!.similarity);
    // Absolute: a project that shares one word with a long name is far, whatever else the library holds.
    const far = library.search('箱包');
    expect(far.length).toBeGreaterThan(0);
    expect(far.every((hit) => hit.similarity < 0.6)).toBe(true);
    // Years, amounts and the words every project writes find nothing.
    expect(library.search('2026年度项目资金200万元')).toEqual([]);
    // Filters and exclusions apply to search too.
    expect(library.search('海关办公经费', { year: 2025 }).every((hit) => hit.project.year === 2025)).toBe(true);
    expect(library.search('海关办公经费', { category: '商务' }).every((hit) => hit.project.category === '商务')).toBe(true);
    expect(library.search('海关办公经费', { excludeIds: [hits[0]!.project.id] }).some((hit) => hit.project.id === hits[0]!.project.id)).toBe(false);
    expect(library.search('！？')).toEqual([]);
  });

  it('files each project under its province and category, and counts them', () => {
    const library = new SqliteLibrary(':memory:');
    library.add(seed000);
    const [office] = library.list({ limit: 1 });
    expect(office).toMatchObject({ name: '2026年度海关办公经费', region: '保定', province: '河北', category: '商务' });
    const counts = library.categoryCounts();
    expect(counts.reduce((sum, entry) => sum + entry.projects, 0)).toBe(12);
    expect(counts.find((entry) => entry.category === '商务')?.projects).toBeGreaterThan(0);
    expect(library.wordDocuments(['箱包', '不存在的词']).get('不存在的词')).toBe(0);
  });

  it('brings a library of the older character index up to date when opened, losing nothing', () => {
    const path = tempPath();
    const old = new Database(path);
    old.exec(`
      CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, filename TEXT, format TEXT NOT NULL, added_at TEXT NOT NULL, project_count INTEGER NOT NULL, indicator_count INTEGER NOT NULL);
      CREATE TABLE projects (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT, code TEXT, unit_code TEXT, unit_name TEXT, year INTEGER, region TEXT, budget REAL, indicator_count INTEGER NOT NULL, dedupe_key TEXT NOT NULL, data TEXT NOT NULL);
      CREATE VIRTUAL TABLE project_text USING fts5(name, purpose, goals, indicators, tokenize = 'trigram');
      CREATE VIRTUAL TABLE project_terms USING fts5vocab(project_text, 'row');
    `);
    const project = seed000.document.projects[0]!;
    old.prepare("INSERT INTO documents VALUES (1, 'abc', 'old.txt', 'text', '2025-01-01', 1, ?)").run(project.indicators.length);
    old.prepare("INSERT INTO projects VALUES (1, 1, 0, ?, NULL, NULL, '保定市白沟新城国际贸易服务中心', 2026, '保定', 60, ?, 'k', ?)").run(project.name, project.indicators.length, JSON.stringify(project));
    old.prepare("INSERT INTO project_text (rowid, name, purpose, goals, indicators) VALUES (1, ?, '', '', '')").run(project.name);
    old.close();

    const library = new SqliteLibrary(path);
    expect(library.counts()).toEqual({ documents: 1, projects: 1, indicators: project.indicators.length });
    expect(library.get(1)).toMatchObject({ province: '河北', category: '商务', project: { name: project.name } });
    expect(library.search('海关办公经费')[0]).toMatchObject({ similarity: 1, project: { id: 1 } });
    library.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'project_text'").get()).toBeUndefined();
    db.close();
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import { searchableWords } from './text.ts';
import { joinWords } from './search.ts';

const seed = (name: string) => {
  const extraction = extractText(readFileSync(new URL(`../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8'));
  return { ...extraction, source: { ...extraction.source, filename: `${name}.txt` } };
};
const seed000 = seed('000_ad7b01c3c3fb5737');

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tempPath = () => {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-library-'));
  folders.push(folder);
  return join(folder, 'library.sqlite');
};

// What every store does is tested on both in store.test.ts; here, what is SQLite's own.
describe('SqliteLibrary', () => {
  it('keeps its file in WAL mode', async () => {
    const path = tempPath();
    const library = new SqliteLibrary(path);
    expect(await library.add(seed000)).toMatchObject({ added: 12 });
    await library.close();
    expect(new Database(path).pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('brings a library of the older character index up to date when opened, losing nothing', async () => {
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
    expect(await library.counts()).toEqual({ documents: 1, projects: 1, indicators: project.indicators.length });
    expect(await library.get(1)).toMatchObject({ province: '河北', category: '商务', project: { name: project.name } });
    expect((await library.search('海关办公经费'))[0]).toMatchObject({ similarity: 1, project: { id: 1 } });
    await library.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'project_text'").get()).toBeUndefined();
    db.close();
  });

  it('cuts again the words a library of an older words.ts stored (place names kept), and reads a missing region', async () => {
    const path = tempPath();
    const library = new SqliteLibrary(path);
    const added = seed('001_8a93ebbb46b509da');
    await library.add(added);
    await library.close();
    // As an older version left it: a place name among the words, no region, user_version 2.
    const old = new Database(path);
    old.exec("UPDATE project_words SET name = '承德 ' || name WHERE rowid = 1; UPDATE projects SET region = NULL, province = NULL WHERE id = 1");
    old.pragma('user_version = 2');
    old.close();

    const reopened = new SqliteLibrary(path);
    const project = (await reopened.get(1))!;
    await reopened.close();
    const db = new Database(path, { readonly: true });
    const stored = db.prepare<[], { name: string }>('SELECT name FROM project_words WHERE rowid = 1').get()!;
    expect(stored.name).toBe(joinWords(searchableWords(project.project).name));
    expect(stored.name.split(' ')).not.toContain('承德');
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
    expect(project.region).not.toBeNull();
  });
});

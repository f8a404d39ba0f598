// The library in one SQLite file (better-sqlite3): WAL, one transaction per added document, and
// an FTS5 full-text index of each project's words (library/words.ts, cut by jieba before they are
// stored, so FTS5's unicode61 tokenizer only splits on the spaces between them). BM25 finds the
// candidates; an absolute similarity (similarity.ts) orders them and says how close they are, in
// search.ts, shared with the PostgreSQL store. better-sqlite3 is synchronous: the methods answer
// promises already settled, the interface's shape (store.ts). Writes
// take the lock at once and wait for other processes' writes (busy_timeout); disk-full, busy and
// read-only leave as LibraryError. A library written by an older version is brought up to date when
// opened (its projects re-indexed from their stored JSON; nothing is lost).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Project, type Extraction } from '../schemas/extraction.ts';
import type { LibraryProject, LibraryProjectSummary, SearchFilters, SearchHit } from '../schemas/library.ts';
import { budgetYear } from '../validate/years.ts';
import { writing } from './errors.ts';
import { filingOf, PAGE, projectOf, storedJson, SUMMARY_COLUMNS, summaryOf, type ProjectRow } from './rows.ts';
import { FIELD_WEIGHTS, joinWords, searchProjects, splitWords, type Candidate, type SearchIndex, type SearchOptions } from './search.ts';
import type { ProjectWords } from './similarity.ts';
import type { AddOptions, AddResult, CategoryCount, LibraryCounts, LibraryStore, SearchQuery } from './store.ts';
import { dedupeKey } from './text.ts';
import { WORDS_VERSION } from './words.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  filename TEXT,
  format TEXT NOT NULL,
  added_at TEXT NOT NULL,
  -- counts written with the rows, in the same transaction: a reader can check a document is whole
  project_count INTEGER NOT NULL,
  indicator_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT,
  code TEXT,
  unit_code TEXT,
  unit_name TEXT,
  year INTEGER,
  region TEXT,
  province TEXT,
  category TEXT,
  budget REAL,
  indicator_count INTEGER NOT NULL,
  dedupe_key TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_document ON projects(document_id);
CREATE INDEX IF NOT EXISTS projects_year ON projects(year);
CREATE INDEX IF NOT EXISTS projects_dedupe ON projects(dedupe_key);
CREATE INDEX IF NOT EXISTS projects_unit ON projects(unit_name);
CREATE INDEX IF NOT EXISTS projects_category ON projects(category);
CREATE VIRTUAL TABLE IF NOT EXISTS project_words USING fts5(name, purpose, goals, indicators, tokenize = 'unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS project_word_docs USING fts5vocab(project_words, 'row');
`;

/**
 * PRAGMA user_version of the schema above and of its words: 0 is a library of the trigram index
 * without categories, 2 one of words cut before WORDS_VERSION 2 (place names kept).
 */
const SCHEMA_VERSION = 1 + WORDS_VERSION;

/** A term quoted for an FTS5 query. */
const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

export interface SqliteLibraryOptions {
  /** ceiling on the file's size in pages (PRAGMA max_page_count): a quota, and how tests fill the disk */
  maxPageCount?: number;
  /** how long a write waits for another process's write to end before LIBRARY_BUSY */
  busyTimeoutMs?: number;
}

function openDatabase(path: string, options: SqliteLibraryOptions): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // First, so that even switching to WAL and creating the tables wait for other processes opening
    // the same new file.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses no committed transaction on a crash of the process (only on power loss).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
    if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) db.transaction(() => upgrade(db)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates the tables, or brings a library of an older version up to them: the columns added, the
 * old character index dropped, and every project's words (cut by words.ts as it is now) and its
 * filing worked out again from its JSON; a region or province stored stays, one missing is read.
 */
function upgrade(db: Database.Database): void {
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('projects')").all() as { name: string }[]).map((column) => column.name));
  if (columns.size > 0) {
    for (const column of ['province', 'category']) if (!columns.has(column)) db.exec(`ALTER TABLE projects ADD COLUMN ${column} TEXT`);
    db.exec('DROP TABLE IF EXISTS project_terms; DROP TABLE IF EXISTS project_text;');
  }
  db.exec(SCHEMA);
  // Words cut by an older words.ts are cut again, as the queries now are.
  db.exec('DELETE FROM project_words');
  const update = db.prepare('UPDATE projects SET region = ?, province = ?, category = ? WHERE id = ?');
  const insertWords = db.prepare('INSERT INTO project_words (rowid, name, purpose, goals, indicators) VALUES (?, ?, ?, ?, ?)');
  const rows = db.prepare<[], { id: number; region: string | null; province: string | null; unit_name: string | null; data: string }>('SELECT id, region, province, unit_name, data FROM projects').all();
  for (const row of rows) {
    const project = Project.parse(JSON.parse(row.data));
    const index = filingOf(project, row.unit_name, row.region, row.province);
    update.run(index.region, index.province, index.category, row.id);
    insertWords.run(row.id, ...wordColumns(index.words));
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

const wordColumns = (words: ProjectWords): [string, string, string, string] => [joinWords(words.name), joinWords(words.purpose), joinWords(words.goals), joinWords(words.indicators)];

export class SqliteLibrary implements LibraryStore {
  private readonly db: Database.Database;
  /** how many projects hold each term, as the vocabulary said when last asked; forgotten on every change */
  private readonly termDocs = new Map<string, number>();
  /** how many projects there are, as last counted; forgotten with termDocs (a count is a scan of the table) */
  private projectTotal: number | null = null;

  constructor(
    readonly path: string,
    options: SqliteLibraryOptions = {},
  ) {
    this.db = writing(() => openDatabase(path, options));
  }

  async add(extraction: Extraction, options: AddOptions = {}): Promise<AddResult> {
    return writing(() => this.addNow(extraction, options));
  }

  private addNow(extraction: Extraction, options: AddOptions): AddResult {
    const { document } = extraction;
    const findDocument = this.db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE sha256 = ?');
    const insertDocument = this.db.prepare('INSERT INTO documents (sha256, filename, format, added_at, project_count, indicator_count) VALUES (?, ?, ?, ?, 0, 0)');
    const findKey = this.db.prepare<[string, number], { id: number }>('SELECT id FROM projects WHERE dedupe_key = ? AND document_id != ? LIMIT 1');
    const insertProject = this.db.prepare(
      'INSERT INTO projects (document_id, position, name, code, unit_code, unit_name, year, region, province, category, budget, indicator_count, dedupe_key, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertWords = this.db.prepare('INSERT INTO project_words (rowid, name, purpose, goals, indicators) VALUES (?, ?, ?, ?, ?)');
    const setCounts = this.db.prepare('UPDATE documents SET project_count = ?, indicator_count = ? WHERE id = ?');
    const deleteDocument = this.db.prepare('DELETE FROM documents WHERE id = ?');

    this.termDocs.clear();
    this.projectTotal = null;
    const run = this.db.transaction((): AddResult => {
      // Inside the transaction: another process adding the same file at the same moment finds it here
      // rather than failing on the unique hash.
      const existing = findDocument.get(extraction.source.sha256);
      if (existing) return { documentId: null, added: 0, skipped: [], duplicateOfDocument: existing.id };
      const documentId = Number(insertDocument.run(extraction.source.sha256, extraction.source.filename, extraction.source.format, new Date().toISOString()).lastInsertRowid);
      const skipped: AddResult['skipped'] = [];
      let added = 0;
      let indicators = 0;
      document.projects.forEach((project, position) => {
        if (project.indicators.length === 0) {
          skipped.push({ name: project.name, reason: 'no-indicators' });
          return;
        }
        const year = budgetYear(project, document.year);
        // Another document already holds this project (the Word and the PDF of one disclosure).
        // Within one document two tables may share a name: both are kept.
        const key = dedupeKey(project, year);
        if (findKey.get(key, documentId)) {
          skipped.push({ name: project.name, reason: 'duplicate' });
          return;
        }
        const unit = project.unit ?? document.unit;
        const filing = filingOf(project, unit?.name, options.region, options.province);
        const id = Number(
          insertProject.run(
            documentId, position, project.name, project.code, unit?.code ?? null, unit?.name ?? null, year, filing.region, filing.province, filing.category,
            project.budget.total, project.indicators.length, key, storedJson(project, unit),
          ).lastInsertRowid,
        );
        insertWords.run(id, ...wordColumns(filing.words));
        added++;
        indicators += project.indicators.length;
      });
      if (added === 0) {
        deleteDocument.run(documentId);
        return { documentId: null, added, skipped, duplicateOfDocument: null };
      }
      setCounts.run(added, indicators, documentId);
      return { documentId, added, skipped, duplicateOfDocument: null };
    });
    // IMMEDIATE takes the write lock first, waiting out other writers (busy_timeout); a deferred
    // transaction that read first could fail at once when another writer got in between.
    return run.immediate();
  }

  async list(filters: SearchFilters & { limit?: number; offset?: number; exactUnit?: boolean } = {}): Promise<LibraryProjectSummary[]> {
    const { where, values } = filterSql(filters);
    const rows = this.db
      .prepare<unknown[], ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p ${where ? `WHERE ${where}` : ''} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...values, filters.limit ?? -1, filters.offset ?? 0);
    return rows.map(summaryOf);
  }

  async get(id: number): Promise<LibraryProject | null> {
    return this.projects([id])[0] ?? null;
  }

  async getMany(ids: readonly number[]): Promise<LibraryProject[]> {
    return this.projects(ids);
  }

  private projects(ids: readonly number[]): LibraryProject[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare<number[], ProjectRow>(`SELECT p.*, d.filename FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids);
    const byId = new Map(rows.map((row) => [row.id, projectOf(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async remove(projectIds: readonly number[]): Promise<number> {
    return this.removeNow(projectIds);
  }

  private removeNow(projectIds: readonly number[]): number {
    const removeText = this.db.prepare('DELETE FROM project_words WHERE rowid = ?');
    const removeProject = this.db.prepare('DELETE FROM projects WHERE id = ? RETURNING document_id, indicator_count');
    const shrink = this.db.prepare('UPDATE documents SET project_count = project_count - 1, indicator_count = indicator_count - ? WHERE id = ?');
    const dropEmpty = this.db.prepare('DELETE FROM documents WHERE project_count <= 0');
    this.termDocs.clear();
    this.projectTotal = null;
    const run = this.db.transaction(() => {
      let removed = 0;
      for (const id of projectIds) {
        const row = removeProject.get(id) as { document_id: number; indicator_count: number } | undefined;
        if (!row) continue;
        removeText.run(id);
        shrink.run(row.indicator_count, row.document_id);
        removed++;
      }
      dropEmpty.run();
      return removed;
    });
    return writing(() => run.immediate());
  }

  async removeDocument(documentId: number): Promise<number> {
    const ids = this.db.prepare<[number], { id: number }>('SELECT id FROM projects WHERE document_id = ?').all(documentId).map((row) => row.id);
    return this.removeNow(ids);
  }

  /** A page at a time by id: no statement stays open between pages, so other calls may come in between. */
  async *all(): AsyncIterableIterator<LibraryProject> {
    const page = this.db.prepare<[number, number], ProjectRow>('SELECT p.*, d.filename FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id > ? ORDER BY p.id LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      for (const row of rows) yield projectOf(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async wordDocuments(words: readonly string[]): Promise<Map<string, number>> {
    return this.wordDocumentsNow(words);
  }

  private wordDocumentsNow(words: readonly string[]): Map<string, number> {
    const docs = this.db.prepare<[string], { doc: number }>('SELECT doc FROM project_word_docs WHERE term = ?');
    return new Map(
      [...new Set(words)].map((word) => {
        let count = this.termDocs.get(word);
        if (count === undefined) {
          count = docs.get(word)?.doc ?? 0;
          this.termDocs.set(word, count);
        }
        return [word, count];
      }),
    );
  }

  /** Counted once between this process's changes (a count is a scan of the table); another process's additions only shift it a little. */
  async projectCount(): Promise<number> {
    return this.projectCountNow();
  }

  private projectCountNow(): number {
    this.projectTotal ??= this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects').get()?.n ?? 0;
    return this.projectTotal;
  }

  async categoryCounts(): Promise<CategoryCount[]> {
    return this.db.prepare<[], CategoryCount>('SELECT category, count(*) AS projects FROM projects GROUP BY category ORDER BY projects DESC, category').all();
  }

  async counts(): Promise<LibraryCounts> {
    return this.db.prepare<[], LibraryCounts>('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM projects) AS projects, (SELECT coalesce(sum(indicator_count), 0) FROM projects) AS indicators').get()!;
  }

  async search(query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
    return searchProjects(this.index, query, options);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** The search's view of this file: FTS5 for the candidates and the words, the projects table for the rest. */
  private readonly index: SearchIndex = {
    projectCount: async () => this.projectCountNow(),
    wordDocuments: async (words) => this.wordDocumentsNow(words),
    projectWords: async (ids) => {
      const own = this.db.prepare<[number], WordsRow>('SELECT rowid AS id, name, purpose, goals, indicators FROM project_words WHERE rowid = ?');
      return new Map(ids.flatMap((id) => {
        const row = own.get(id);
        return row ? [[id, wordsOf(row)] as const] : [];
      }));
    },
    candidates: async (terms, filters, excludeIds, limit) => this.candidates(terms, filters, excludeIds, limit),
    summaries: async (ids) => {
      const summary = this.db.prepare<[number], ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p WHERE id = ?`);
      return new Map(ids.flatMap((id) => {
        const row = summary.get(id);
        return row ? [[id, summaryOf(row)] as const] : [];
      }));
    },
  };

  /** FTS5's BM25 over the terms, in the order given (which is the order its score sums them in). */
  private candidates(terms: readonly string[], filters: SearchFilters, exclude: readonly number[], limit: number): Candidate[] {
    const { where, values } = filterSql(filters);
    const excluding = exclude.length > 0 ? `project_words.rowid NOT IN (${exclude.map(() => '?').join(',')})` : '';
    const extra = [where, excluding].filter(Boolean).join(' AND ');
    // The projects table is joined only to filter by its columns.
    const join = where ? 'JOIN projects p ON p.id = project_words.rowid' : '';
    const weights = [FIELD_WEIGHTS.name, FIELD_WEIGHTS.purpose, FIELD_WEIGHTS.goals, FIELD_WEIGHTS.indicators];
    const rows = this.db
      .prepare<unknown[], WordsRow & { score: number }>(
        `SELECT project_words.rowid AS id, -bm25(project_words, ${weights.join(', ')}) AS score, project_words.name, project_words.purpose, project_words.goals, project_words.indicators
         FROM project_words ${join} WHERE project_words MATCH ? ${extra ? `AND ${extra}` : ''} ORDER BY score DESC, project_words.rowid LIMIT ?`,
      )
      .all(terms.map(quoted).join(' OR '), ...values, ...exclude, limit);
    return rows.map((row) => ({ id: row.id, score: row.score, words: wordsOf(row) }));
  }
}

interface WordsRow {
  id: number;
  name: string;
  purpose: string;
  goals: string;
  indicators: string;
}

const wordsOf = (row: WordsRow): ProjectWords => ({ name: splitWords(row.name), purpose: splitWords(row.purpose), goals: splitWords(row.goals), indicators: splitWords(row.indicators) });

function filterSql(filters: SearchFilters & { exactUnit?: boolean }): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (filters.year !== undefined) {
    clauses.push('p.year = ?');
    values.push(filters.year);
  }
  if (filters.unit) {
    clauses.push(filters.exactUnit ? 'p.unit_name = ?' : 'p.unit_name LIKE ?');
    values.push(filters.exactUnit ? filters.unit : `%${filters.unit}%`);
  }
  if (filters.region) {
    clauses.push('p.region = ?');
    values.push(filters.region);
  }
  if (filters.province) {
    clauses.push('p.province = ?');
    values.push(filters.province);
  }
  if (filters.category) {
    clauses.push('p.category = ?');
    values.push(filters.category);
  }
  return { where: clauses.join(' AND '), values };
}

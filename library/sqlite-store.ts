// The library in one SQLite file (better-sqlite3): WAL, one transaction per added document, and
// an FTS5 full-text index with the trigram tokenizer for Chinese search (BM25). Terms shorter than
// a trigram (one or two characters) fall back to a substring scan. Writes take the lock at once and
// wait for other processes' writes (busy_timeout); disk-full, busy and read-only leave as LibraryError.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Project, type Extraction } from '../schemas/extraction.ts';
import type { LibraryProject, LibraryProjectSummary, SearchFilters, SearchHit } from '../schemas/library.ts';
import { budgetYear } from '../validate/years.ts';
import { writing } from './errors.ts';
import type { AddResult, LibraryCounts, LibraryStore } from './store.ts';
import { dedupeKey, regionOf, searchableText, shortTerms, trigrams } from './text.ts';

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
  budget REAL,
  indicator_count INTEGER NOT NULL,
  dedupe_key TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_document ON projects(document_id);
CREATE INDEX IF NOT EXISTS projects_year ON projects(year);
CREATE INDEX IF NOT EXISTS projects_dedupe ON projects(dedupe_key);
CREATE INDEX IF NOT EXISTS projects_unit ON projects(unit_name);
CREATE VIRTUAL TABLE IF NOT EXISTS project_text USING fts5(name, purpose, goals, indicators, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS project_terms USING fts5vocab(project_text, 'row');
`;

/** BM25 column weights: a project's name says most about what it is, its indicators next. */
const WEIGHTS = [4, 1, 1, 1.5];
/** Query terms kept, the rarest first: common trigrams (工作经, 年度绩) only slow the search. */
const MAX_TERMS = 16;
/** A term in more than this share of the library says little about a project… */
const MAX_TERM_SHARE = 0.2;
/** …and is left out of the query when at least this many rarer terms are left. */
const MIN_RARE_TERMS = 3;

/** A project's columns but its JSON: enough for a list line. */
const SUMMARY_COLUMNS = 'p.id, p.document_id, p.name, p.code, p.unit_code, p.unit_name, p.year, p.region, p.budget, p.indicator_count';

interface ProjectRow {
  id: number;
  document_id: number;
  name: string | null;
  code: string | null;
  unit_code: string | null;
  unit_name: string | null;
  year: number | null;
  region: string | null;
  budget: number | null;
  indicator_count: number;
  /** the project as JSON; only where the whole project is read */
  data?: string;
  filename?: string | null;
}

function summaryOf(row: ProjectRow): LibraryProjectSummary {
  return {
    id: row.id,
    documentId: row.document_id,
    name: row.name,
    code: row.code,
    unit: row.unit_name === null ? null : { code: row.unit_code, name: row.unit_name },
    year: row.year,
    region: row.region,
    budget: row.budget,
    indicators: row.indicator_count,
  };
}

function projectOf(row: ProjectRow): LibraryProject {
  return { id: row.id, documentId: row.document_id, year: row.year, region: row.region, filename: row.filename ?? null, project: Project.parse(JSON.parse(row.data ?? 'null')) };
}

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
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export class SqliteLibrary implements LibraryStore {
  private readonly db: Database.Database;
  /** how many projects hold each term, as the vocabulary said when last asked; forgotten on every change */
  private readonly termDocs = new Map<string, number>();

  constructor(
    readonly path: string,
    options: SqliteLibraryOptions = {},
  ) {
    this.db = writing(() => openDatabase(path, options));
  }

  add(extraction: Extraction, options: { region?: string | null } = {}): AddResult {
    return writing(() => this.addNow(extraction, options));
  }

  private addNow(extraction: Extraction, options: { region?: string | null }): AddResult {
    const { document } = extraction;
    const findDocument = this.db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE sha256 = ?');
    const insertDocument = this.db.prepare('INSERT INTO documents (sha256, filename, format, added_at, project_count, indicator_count) VALUES (?, ?, ?, ?, 0, 0)');
    const findKey = this.db.prepare<[string, number], { id: number }>('SELECT id FROM projects WHERE dedupe_key = ? AND document_id != ? LIMIT 1');
    const insertProject = this.db.prepare(
      'INSERT INTO projects (document_id, position, name, code, unit_code, unit_name, year, region, budget, indicator_count, dedupe_key, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertText = this.db.prepare('INSERT INTO project_text (rowid, name, purpose, goals, indicators) VALUES (?, ?, ?, ?, ?)');
    const setCounts = this.db.prepare('UPDATE documents SET project_count = ?, indicator_count = ? WHERE id = ?');
    const deleteDocument = this.db.prepare('DELETE FROM documents WHERE id = ?');

    this.termDocs.clear();
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
        const region = options.region ?? regionOf(unit?.name) ?? regionOf(project.name);
        // Provenance points into a file the library does not keep.
        const stored = { ...project, indicators: project.indicators.map(({ provenance: _provenance, ...indicator }) => indicator) };
        const id = Number(
          insertProject.run(documentId, position, project.name, project.code, unit?.code ?? null, unit?.name ?? null, year, region, project.budget.total, project.indicators.length, key, JSON.stringify({ ...stored, unit })).lastInsertRowid,
        );
        const text = searchableText(project);
        insertText.run(id, text.name, text.purpose, text.goals, text.indicators);
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

  list(filters: SearchFilters & { limit?: number; offset?: number; exactUnit?: boolean } = {}): LibraryProjectSummary[] {
    const { where, values } = this.filterSql(filters);
    const rows = this.db
      .prepare<unknown[], ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p ${where ? `WHERE ${where}` : ''} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...values, filters.limit ?? -1, filters.offset ?? 0);
    return rows.map(summaryOf);
  }

  get(id: number): LibraryProject | null {
    return this.getMany([id])[0] ?? null;
  }

  getMany(ids: readonly number[]): LibraryProject[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare<number[], ProjectRow>(`SELECT p.*, d.filename FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids);
    const byId = new Map(rows.map((row) => [row.id, projectOf(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  remove(projectIds: readonly number[]): number {
    const removeText = this.db.prepare('DELETE FROM project_text WHERE rowid = ?');
    const removeProject = this.db.prepare('DELETE FROM projects WHERE id = ? RETURNING document_id, indicator_count');
    const shrink = this.db.prepare('UPDATE documents SET project_count = project_count - 1, indicator_count = indicator_count - ? WHERE id = ?');
    const dropEmpty = this.db.prepare('DELETE FROM documents WHERE project_count <= 0');
    this.termDocs.clear();
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

  removeDocument(documentId: number): number {
    const ids = this.db.prepare<[number], { id: number }>('SELECT id FROM projects WHERE document_id = ?').all(documentId).map((row) => row.id);
    return this.remove(ids);
  }

  *all(): IterableIterator<LibraryProject> {
    const rows = this.db.prepare<[], ProjectRow>('SELECT p.*, d.filename FROM projects p JOIN documents d ON d.id = p.document_id ORDER BY p.id').iterate();
    for (const row of rows) yield projectOf(row);
  }

  counts(): LibraryCounts {
    return this.db.prepare<[], LibraryCounts>('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM projects) AS projects, (SELECT coalesce(sum(indicator_count), 0) FROM projects) AS indicators').get()!;
  }

  search(text: string, options: SearchFilters & { limit?: number; excludeIds?: readonly number[] } = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const terms = this.queryTerms(text, options.excludeIds ?? []);
    const short = shortTerms(text);
    const { where, values } = this.filterSql(options);
    const exclude = options.excludeIds ?? [];
    const excluding = exclude.length > 0 ? `project_text.rowid NOT IN (${exclude.map(() => '?').join(',')})` : '';
    const extra = [where, excluding].filter(Boolean).join(' AND ');
    // The projects table is joined only to filter by its columns.
    const join = where ? 'JOIN projects p ON p.id = project_text.rowid' : '';
    // Ranked by ids and scores alone: the projects' rows (their JSON above all) are read for the
    // few that make the list, not for every match.
    let ranked: { id: number; score: number }[];
    if (terms.length > 0) {
      ranked = this.db
        .prepare<unknown[], { id: number; score: number }>(
          `SELECT project_text.rowid AS id, -bm25(project_text, ${WEIGHTS.join(', ')}) AS score FROM project_text ${join}
           WHERE project_text MATCH ? ${extra ? `AND ${extra}` : ''} ORDER BY score DESC LIMIT ?`,
        )
        .all(terms.map(quoted).join(' OR '), ...values, ...exclude, limit);
    } else if (short.length > 0) {
      // One- and two-character terms: no trigram holds them; look for them as substrings.
      const like = short.map(() => '(project_text.name LIKE ? OR project_text.purpose LIKE ? OR project_text.goals LIKE ? OR project_text.indicators LIKE ?)').join(' OR ');
      ranked = this.db
        .prepare<unknown[], { id: number; score: number }>(
          `SELECT project_text.rowid AS id, 1.0 AS score FROM project_text ${join} WHERE (${like}) ${extra ? `AND ${extra}` : ''} ORDER BY project_text.rowid DESC LIMIT ?`,
        )
        .all(...short.flatMap((term) => Array(4).fill(`%${term}%`)), ...values, ...exclude, limit);
    } else {
      return [];
    }
    const summaries = this.db.prepare<[number], ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p WHERE id = ?`);
    const rows = ranked.flatMap(({ id, score }) => {
      const row = summaries.get(id);
      return row ? [{ ...row, score }] : [];
    });
    const best = rows[0]?.score ?? 1;
    const texts = this.db.prepare<[number], { name: string; purpose: string; goals: string; indicators: string }>('SELECT name, purpose, goals, indicators FROM project_text WHERE rowid = ?');
    return rows.map((row) => {
      const own = texts.get(row.id);
      const haystack = own ? `${own.name} ${own.purpose} ${own.goals} ${own.indicators}`.toLowerCase() : '';
      const asked = terms.length > 0 ? terms : short;
      return {
        project: summaryOf(row),
        score: Math.round(row.score * 1000) / 1000,
        similarity: best > 0 ? Math.max(0, Math.min(1, Math.round((row.score / best) * 1000) / 1000)) : 0,
        matchedTerms: asked.filter((term) => haystack.includes(term.toLowerCase())),
      };
    });
  }

  close(): void {
    this.db.close();
  }

  /**
   * The query's trigrams that can tell projects apart: the rarest ones present in the library, at
   * most MAX_TERMS, leaving out those in more than MAX_TERM_SHARE of projects.
   */
  private queryTerms(text: string, excludeIds: readonly number[]): string[] {
    const candidates = trigrams(text);
    if (candidates.length === 0) return [];
    const total = (this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects').get()?.n ?? 0) || 1;
    const frequency = (term: string) => {
      let docs = this.termDocs.get(term);
      if (docs === undefined) {
        docs = this.db.prepare<[string], { doc: number }>('SELECT doc FROM project_terms WHERE term = ?').get(term)?.doc ?? 0;
        this.termDocs.set(term, docs);
      }
      return docs;
    };
    // Projects left out of the search do not count towards a term's frequency: a term only they
    // hold would find nothing.
    const textOf = this.db.prepare<[number], { all: string }>("SELECT name || ' ' || purpose || ' ' || goals || ' ' || indicators AS \"all\" FROM project_text WHERE rowid = ?");
    const excluded = excludeIds.map((id) => textOf.get(id)?.all.toLowerCase() ?? '');
    const known = candidates
      .map((term) => ({ term, docs: frequency(term) - excluded.filter((own) => own.includes(term)).length }))
      .filter(({ docs }) => docs > 0);
    // Common terms only when rarer ones are too few to find anything.
    const rare = known.filter(({ docs }) => docs / total <= MAX_TERM_SHARE);
    return (rare.length >= MIN_RARE_TERMS ? rare : known)
      .sort((a, b) => a.docs - b.docs)
      .slice(0, MAX_TERMS)
      .map(({ term }) => term);
  }

  private filterSql(filters: SearchFilters & { exactUnit?: boolean }): { where: string; values: unknown[] } {
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
    return { where: clauses.join(' AND '), values };
  }
}

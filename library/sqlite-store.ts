// The library in one SQLite file (better-sqlite3): WAL, one transaction per added document, and
// an FTS5 full-text index of each project's words (library/words.ts, cut by jieba before they are
// stored, so FTS5's unicode61 tokenizer only splits on the spaces between them). BM25 finds the
// candidates; an absolute similarity (similarity.ts) orders them and says how close they are. Writes
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
import type { AddOptions, AddResult, CategoryCount, LibraryCounts, LibraryStore, SearchQuery } from './store.ts';
import { classifyProject } from './category.ts';
import { absoluteSimilarity, inverseFrequency, weighQuery, type ProjectWords, type QueryWord } from './similarity.ts';
import { dedupeKey, provinceOf, regionOf, searchableWords } from './text.ts';
import { words } from './words.ts';

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

/** PRAGMA user_version of the schema above; 0 is a library of the trigram index without categories. */
const SCHEMA_VERSION = 2;

/** BM25 column weights: a project's name says most about what it is, its indicators next. */
const WEIGHTS = [4, 1, 1, 1.5];
/** Query words kept, the rarest first: a word in most projects finds everything and tells nothing. */
const MAX_TERMS = 12;
/** A word in more than this share of projects tells little about which are candidates… */
const MAX_TERM_SHARE = 0.1;
/** …and is left out of the candidates' query when at least this many rarer words are left. */
const MIN_RARE_TERMS = 2;
/** Candidates BM25 hands on to be ordered by similarity. */
const CANDIDATES = 100;

/** A project's columns but its JSON: enough for a list line. */
const SUMMARY_COLUMNS = 'p.id, p.document_id, p.name, p.code, p.unit_code, p.unit_name, p.year, p.region, p.province, p.category, p.budget, p.indicator_count';

interface ProjectRow {
  id: number;
  document_id: number;
  name: string | null;
  code: string | null;
  unit_code: string | null;
  unit_name: string | null;
  year: number | null;
  region: string | null;
  province: string | null;
  category: string | null;
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
    province: row.province,
    category: row.category,
    budget: row.budget,
    indicators: row.indicator_count,
  };
}

function projectOf(row: ProjectRow): LibraryProject {
  return { id: row.id, documentId: row.document_id, year: row.year, region: row.region, province: row.province, category: row.category, filename: row.filename ?? null, project: Project.parse(JSON.parse(row.data ?? 'null')) };
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
    if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) db.transaction(() => upgrade(db)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A project's filing facts and words, as stored beside its JSON. */
function indexOf(project: Project, unitName: string | null | undefined, givenRegion: string | null | undefined, givenProvince: string | null | undefined) {
  const region = givenRegion ?? regionOf(unitName) ?? regionOf(project.name);
  const province = givenProvince ?? provinceOf(region) ?? provinceOf(unitName);
  const category = classifyProject({ name: project.name, purpose: project.purpose, goals: project.goals, indicators: project.indicators.map((row) => row.name) })?.category.name ?? null;
  return { region, province, category, words: searchableWords(project) };
}

/**
 * Creates the tables, or brings a library of an older version up to them: the columns added, the
 * old character index dropped and every project's words and category worked out from its JSON.
 */
function upgrade(db: Database.Database): void {
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('projects')").all() as { name: string }[]).map((column) => column.name));
  if (columns.size > 0) {
    for (const column of ['province', 'category']) if (!columns.has(column)) db.exec(`ALTER TABLE projects ADD COLUMN ${column} TEXT`);
    db.exec('DROP TABLE IF EXISTS project_terms; DROP TABLE IF EXISTS project_text;');
  }
  db.exec(SCHEMA);
  const update = db.prepare('UPDATE projects SET province = ?, category = ? WHERE id = ?');
  const insertWords = db.prepare('INSERT INTO project_words (rowid, name, purpose, goals, indicators) VALUES (?, ?, ?, ?, ?)');
  const rows = db.prepare<[], { id: number; region: string | null; unit_name: string | null; data: string }>('SELECT id, region, unit_name, data FROM projects WHERE id NOT IN (SELECT rowid FROM project_words)').all();
  for (const row of rows) {
    const project = Project.parse(JSON.parse(row.data));
    const index = indexOf(project, row.unit_name, row.region, null);
    update.run(index.province, index.category, row.id);
    insertWords.run(row.id, ...wordColumns(index.words));
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

const wordColumns = (words: ProjectWords): [string, string, string, string] => [words.name.join(' '), words.purpose.join(' '), words.goals.join(' '), words.indicators.join(' ')];

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

  add(extraction: Extraction, options: AddOptions = {}): AddResult {
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
        const index = indexOf(project, unit?.name, options.region, options.province);
        // Provenance points into a file the library does not keep.
        const stored = { ...project, indicators: project.indicators.map(({ provenance: _provenance, ...indicator }) => indicator) };
        const id = Number(
          insertProject.run(
            documentId, position, project.name, project.code, unit?.code ?? null, unit?.name ?? null, year, index.region, index.province, index.category,
            project.budget.total, project.indicators.length, key, JSON.stringify({ ...stored, unit }),
          ).lastInsertRowid,
        );
        insertWords.run(id, ...wordColumns(index.words));
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

  removeDocument(documentId: number): number {
    const ids = this.db.prepare<[number], { id: number }>('SELECT id FROM projects WHERE document_id = ?').all(documentId).map((row) => row.id);
    return this.remove(ids);
  }

  *all(): IterableIterator<LibraryProject> {
    const rows = this.db.prepare<[], ProjectRow>('SELECT p.*, d.filename FROM projects p JOIN documents d ON d.id = p.document_id ORDER BY p.id').iterate();
    for (const row of rows) yield projectOf(row);
  }

  wordDocuments(words: readonly string[]): Map<string, number> {
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
  projectCount(): number {
    this.projectTotal ??= this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects').get()?.n ?? 0;
    return this.projectTotal;
  }

  categoryCounts(): CategoryCount[] {
    return this.db.prepare<[], CategoryCount>('SELECT category, count(*) AS projects FROM projects GROUP BY category ORDER BY projects DESC, category').all();
  }

  counts(): LibraryCounts {
    return this.db.prepare<[], LibraryCounts>('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM projects) AS projects, (SELECT coalesce(sum(indicator_count), 0) FROM projects) AS indicators').get()!;
  }

  search(query: SearchQuery, options: SearchFilters & { limit?: number; excludeIds?: readonly number[] } = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const asked = typeof query === 'string' ? { name: query, about: '' } : { name: query.name, about: query.about ?? '' };
    const exclude = options.excludeIds ?? [];
    const weighed = this.weighQuery(words(asked.name), words(asked.about), exclude);
    // Only words some project holds can find one; the rarest say most. Words in a large share of the
    // library find candidates only when too few rarer ones are left (they still count in the similarity).
    const known = weighed.filter(({ docs }) => docs > 0).sort((a, b) => a.docs - b.docs);
    const rare = known.filter(({ docs }) => docs <= MAX_TERM_SHARE * this.projectCount());
    const terms = (rare.length >= MIN_RARE_TERMS ? rare : known).slice(0, MAX_TERMS).map(({ word }) => word);
    if (terms.length === 0) return [];
    const { where, values } = this.filterSql(options);
    const excluding = exclude.length > 0 ? `project_words.rowid NOT IN (${exclude.map(() => '?').join(',')})` : '';
    const extra = [where, excluding].filter(Boolean).join(' AND ');
    // The projects table is joined only to filter by its columns.
    const join = where ? 'JOIN projects p ON p.id = project_words.rowid' : '';
    const ranked = this.db
      .prepare<unknown[], { id: number; score: number; name: string; purpose: string; goals: string; indicators: string }>(
        `SELECT project_words.rowid AS id, -bm25(project_words, ${WEIGHTS.join(', ')}) AS score, project_words.name, project_words.purpose, project_words.goals, project_words.indicators
         FROM project_words ${join} WHERE project_words MATCH ? ${extra ? `AND ${extra}` : ''} ORDER BY score DESC LIMIT ?`,
      )
      .all(terms.map(quoted).join(' OR '), ...values, ...exclude, Math.max(limit, CANDIDATES));
    const queryWords = weighed.map(({ word, weight }) => ({ word, weight }));
    const split = (text: string) => (text ? text.split(' ') : []);
    // The candidates' name words, weighed by rarity as the query's are.
    const total = this.projectCount();
    const nameWords = this.wordDocuments(ranked.flatMap((row) => split(row.name)));
    const weightOf = (word: string) => inverseFrequency(nameWords.get(word) ?? 0, total);
    const best = ranked
      .map((row) => ({ row, ...absoluteSimilarity(queryWords, { name: split(row.name), purpose: split(row.purpose), goals: split(row.goals), indicators: split(row.indicators) }, weightOf) }))
      .sort((a, b) => b.similarity - a.similarity || b.row.score - a.row.score)
      .slice(0, limit);
    // The projects' rows (their JSON above all) are read for the few that make the list, not for every match.
    const summaries = this.db.prepare<[number], ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p WHERE id = ?`);
    return best.flatMap(({ row, similarity, matched }) => {
      const summary = summaries.get(row.id);
      return summary ? [{ project: summaryOf(summary), score: Math.round(row.score * 1000) / 1000, similarity, matchedTerms: matched }] : [];
    });
  }

  close(): void {
    this.db.close();
  }

  /**
   * The query's words with their weights (similarity.ts) and how many projects hold each. Projects
   * left out of the search do not count towards a word's frequency: a word only they hold finds nothing.
   */
  private weighQuery(nameWords: string[], otherWords: string[], excludeIds: readonly number[]): (QueryWord & { docs: number })[] {
    const total = this.projectCount();
    const own = this.db.prepare<[number], { all: string }>("SELECT name || ' ' || purpose || ' ' || goals || ' ' || indicators AS \"all\" FROM project_words WHERE rowid = ?");
    const excluded = excludeIds.map((id) => new Set((own.get(id)?.all ?? '').split(' ')));
    const known = this.wordDocuments([...nameWords, ...otherWords]);
    const docs = (word: string) => (known.get(word) ?? 0) - excluded.filter((set) => set.has(word)).length;
    const remaining = Math.max(0, total - excludeIds.length);
    return weighQuery(nameWords, otherWords, docs, remaining).map((entry) => ({ ...entry, docs: docs(entry.word) }));
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
}

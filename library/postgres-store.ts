// The library in PostgreSQL (node-postgres), for a province's shared server: the same interface and
// the same answers as the SQLite store. Its schema comes from numbered migrations (migrate.ts) run
// when it is opened. In place of FTS5, each project's words (cut by jieba in TypeScript, words.ts,
// as for SQLite) are kept in a term table with their counts per field, beside each word's number of
// projects and the library's totals, and the candidates' score is FTS5's BM25 written out in SQL:
// the same formula over the same numbers in the same order, so the same bits. The search around it
// is shared (search.ts). Writers take one advisory lock per transaction, as SQLite's writers take
// its file lock: a document goes in whole or not at all, duplicates are found without races, and
// ids are numbered as SQLite numbers its rows.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { Project, type Extraction } from '../schemas/extraction.ts';
import type { LibraryProject, LibraryProjectSummary, SearchFilters, SearchHit } from '../schemas/library.ts';
import { budgetYear } from '../validate/years.ts';
import { asLibraryError } from './errors.ts';
import { migratePool } from './migrate.ts';
import { filingOf, PAGE, projectOf, storedJson, SUMMARY_COLUMNS, summaryOf, wordCount, type ProjectRow } from './rows.ts';
import { BM25, FIELD_WEIGHTS, joinWords, searchProjects, splitWords, type Candidate, type SearchIndex, type SearchOptions } from './search.ts';
import type { ProjectWords } from './similarity.ts';
import type { AddOptions, AddResult, CategoryCount, LibraryCounts, LibraryStore, SearchQuery } from './store.ts';
import { dedupeKey } from './text.ts';
import { WORDS_VERSION } from './words.ts';

export interface PostgresLibraryOptions {
  /** connections the store holds at most */
  maxConnections?: number;
  /** how long a write waits for another writer before LIBRARY_BUSY */
  busyTimeoutMs?: number;
}

/** The advisory lock every writing transaction takes first (any number that is the library's own). */
export const WRITER_LOCK = 0x6a6978_6961_6f;

/** Columns of a project's words, in the order of the fields. */
const WORD_COLUMNS = 'name_words, purpose_words, goals_words, indicator_words';

/** The filters as SQL over projects `p`, with numbered parameters after the first `offset`. */
function filterSql(filters: SearchFilters & { exactUnit?: boolean }, offset: number): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${offset + values.length}`;
  };
  if (filters.year !== undefined) clauses.push(`p.year = ${parameter(filters.year)}`);
  // SQLite's LIKE: no escape character, ASCII letters in either case.
  if (filters.unit) clauses.push(filters.exactUnit ? `p.unit_name = ${parameter(filters.unit)}` : `p.unit_name ILIKE ${parameter(`%${filters.unit}%`)} ESCAPE ''`);
  if (filters.region) clauses.push(`p.region = ${parameter(filters.region)}`);
  if (filters.province) clauses.push(`p.province = ${parameter(filters.province)}`);
  if (filters.category) clauses.push(`p.category = ${parameter(filters.category)}`);
  return { where: clauses.join(' AND '), values };
}

interface WordsRow {
  id: number;
  name_words: string;
  purpose_words: string;
  goals_words: string;
  indicator_words: string;
}

const wordsOf = (row: WordsRow): ProjectWords => ({ name: splitWords(row.name_words), purpose: splitWords(row.purpose_words), goals: splitWords(row.goals_words), indicators: splitWords(row.indicator_words) });

/** Each word's count in each field, in the order the words first appear. */
function termCounts(words: ProjectWords): { word: string; counts: [number, number, number, number] }[] {
  const terms = new Map<string, [number, number, number, number]>();
  (['name', 'purpose', 'goals', 'indicators'] as const).forEach((field, column) => {
    for (const word of words[field]) {
      const counts = terms.get(word) ?? [0, 0, 0, 0];
      counts[column]!++;
      terms.set(word, counts);
    }
  });
  return [...terms].map(([word, counts]) => ({ word, counts }));
}

/** Writes the term rows of these projects; gives how many of them hold each word. */
async function insertTerms(client: PoolClient, projects: readonly { id: number; words: ProjectWords; length: number }[]): Promise<Map<string, number>> {
  const terms = projects.flatMap(({ id, words, length }) => termCounts(words).map((term) => ({ ...term, id, length })));
  const holding = new Map<string, number>();
  if (terms.length === 0) return holding;
  await client.query(
    `INSERT INTO project_terms (word, project_id, name_count, purpose_count, goals_count, indicator_count, project_words)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])`,
    [terms.map((term) => term.word), terms.map((term) => term.id), ...[0, 1, 2, 3].map((field) => terms.map((term) => term.counts[field])), terms.map((term) => term.length)],
  );
  for (const { word } of terms) holding.set(word, (holding.get(word) ?? 0) + 1);
  return holding;
}

/**
 * FTS5's bm25() (sqlite3.c, fts5Bm25Function and fts5Bm25GetData) in SQL, over the `count` terms $1
 * in their order, with the field weights $2–$5: each term's IDF ln((N − n + 0.5) / (n + 0.5)), at
 * least 1e-6, times f·(k1 + 1) / (f + k1·(1 − b + b·D / avgdl)), f the weighted count of the term in
 * the project and D its length, summed over the terms in the query's order from 0, as FTS5 sums
 * them (a term the project lacks adds 0, which changes no sum). Every operation is a float8 one in
 * C's order, so the score equals SQLite's to the last bit.
 *
 * The order of the sum is the order the rows come in: the terms one after the other in the query's
 * order (rarity is kept in that order, and each term's rows are a LATERAL subquery fenced by OFFSET
 * 0, so the planner can neither merge the terms into one scan nor hash-join them, as it did on a
 * small library), each term's rows read by the term table's key alone (an index-only scan); a hash
 * aggregate adds each project's parts as they come. One sum per project, not one per term filtered
 * by term, which had cost as much again as reading the rows (9 terms in 20,000 projects: 37 ms, was
 * 42–46). library/parity.test.ts holds the scores to SQLite's, bit for bit, with filters too.
 * `filters` and `excluding` (over `pt` and `p`) use the parameters after $6.
 */
function candidatesSql(count: number, filters: string, excluding: string): string {
  const float = (name: keyof typeof BM25) => `${BM25[name]}::float8`;
  const f = 'pt.name_count * $2::float8 + pt.purpose_count * $3::float8 + pt.goals_count * $4::float8 + pt.indicator_count * $5::float8';
  const part = `rarity.idf * (((${f}) * (${float('k1')} + 1.0::float8)) / ((${f}) + ${float('k1')} * ((1::float8 - ${float('b')}) + (${float('b')} * pt.project_words::float8) / totals.avgdl)))`;
  return `
    WITH totals AS MATERIALIZED (SELECT projects, words::float8 / projects::float8 AS avgdl FROM library_totals),
    rarity AS MATERIALIZED (
      SELECT q.word, q.ord, CASE WHEN raw.idf <= 0 THEN ${float('minIdf')} ELSE raw.idf END AS idf
      FROM unnest($1::text[]) WITH ORDINALITY AS q (word, ord) JOIN term_documents t ON t.word = q.word CROSS JOIN totals
      CROSS JOIN LATERAL (SELECT ln(((totals.projects - t.documents)::float8 + 0.5::float8) / (t.documents::float8 + 0.5::float8)) AS idf) raw
      ORDER BY q.ord
    ),
    parts AS (
      SELECT term.id, sum(term.part) AS score
      FROM rarity CROSS JOIN totals
      CROSS JOIN LATERAL (
        SELECT pt.project_id AS id, ${part} AS part
        FROM project_terms pt ${filters ? 'JOIN projects p ON p.id = pt.project_id' : ''}
        WHERE pt.word = rarity.word ${[filters, excluding].filter(Boolean).map((condition) => `AND ${condition}`).join(' ')}
        OFFSET 0
      ) term
      GROUP BY term.id
    ),
    scored AS (SELECT id, score FROM parts ORDER BY score DESC, id LIMIT $6)
    SELECT scored.id, scored.score, ${WORD_COLUMNS.split(', ').map((column) => `p.${column}`).join(', ')}
    FROM scored JOIN projects p ON p.id = scored.id
    ORDER BY scored.score DESC, scored.id`;
}

export class PostgresLibrary implements LibraryStore {
  /** The pool once the driver is loaded and the schema migrated; every method waits for it. */
  private readonly ready: Promise<Pool>;

  constructor(
    readonly url: string,
    private readonly options: PostgresLibraryOptions = {},
  ) {
    this.ready = this.connect();
    // Said by the first call that needs the pool, not as an unhandled rejection.
    this.ready.catch(() => {});
  }

  private async connect(): Promise<Pool> {
    // The driver is loaded only for a PostgreSQL library.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: this.url, max: this.options.maxConnections ?? 10 });
    // An idle connection the server drops is replaced by the pool; the next query says what failed.
    pool.on('error', () => {});
    try {
      await migratePool(pool);
      await this.recutStaleWords(pool);
      return pool;
    } catch (error) {
      await pool.end().catch(() => {});
      throw asLibraryError(error);
    }
  }

  /**
   * A library whose words an older words.ts cut (library_totals.words_version) has every project's
   * words and filing worked out again from its JSON, as the queries are now cut, in one transaction
   * under the writer lock: the first opener does it, the others find it done, and it vacuums the
   * tables after. A region or province stored stays; one missing is read.
   */
  private async recutStaleWords(pool: Pool): Promise<void> {
    const stale = async (client: PoolClient) => ((await client.query<{ words_version: number }>('SELECT words_version FROM library_totals')).rows[0]?.words_version ?? WORDS_VERSION) < WORDS_VERSION;
    const probe = await pool.connect();
    try {
      if (!(await stale(probe))) return;
    } finally {
      probe.release();
    }
    const recut = await this.writingOn(pool, async (client) => {
      if (!(await stale(client))) return false;
      await client.query('DELETE FROM project_terms');
      await client.query('DELETE FROM term_documents');
      for (let after = 0; ; ) {
        const rows = (
          await client.query<{ id: number; unit_name: string | null; region: string | null; province: string | null; data: string }>(
            'SELECT id, unit_name, region, province, data FROM projects WHERE id > $1 ORDER BY id LIMIT $2',
            [after, PAGE],
          )
        ).rows;
        if (rows.length === 0) break;
        const recut = rows.map((row) => {
          const filing = filingOf(Project.parse(JSON.parse(row.data)), row.unit_name, row.region, row.province);
          return { id: row.id, filing, length: wordCount(filing.words) };
        });
        await client.query(
          `UPDATE projects p SET region = u.region, province = u.province, category = u.category, name_words = u.name_words, purpose_words = u.purpose_words,
             goals_words = u.goals_words, indicator_words = u.indicator_words, word_count = u.word_count
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
             AS u (id, region, province, category, name_words, purpose_words, goals_words, indicator_words, word_count)
           WHERE p.id = u.id`,
          [
            recut.map((entry) => entry.id), recut.map((entry) => entry.filing.region), recut.map((entry) => entry.filing.province), recut.map((entry) => entry.filing.category),
            ...(['name', 'purpose', 'goals', 'indicators'] as const).map((field) => recut.map((entry) => joinWords(entry.filing.words[field]))), recut.map((entry) => entry.length),
          ],
        );
        await insertTerms(client, recut.map((entry) => ({ id: entry.id, words: entry.filing.words, length: entry.length })));
        after = rows[rows.length - 1]!.id;
      }
      await client.query('INSERT INTO term_documents (word, documents) SELECT word, count(*)::int FROM project_terms GROUP BY word');
      await client.query('UPDATE library_totals SET words = (SELECT coalesce(sum(word_count), 0) FROM projects), words_version = $1', [WORDS_VERSION]);
      return true;
    });
    // Every row was written again: without a vacuum the searches' index-only scans visit the old
    // rows too until autovacuum comes (p95 73–122 ms against 31 at 100,000 projects).
    if (recut) await pool.query('VACUUM (ANALYZE) project_terms, term_documents, projects');
  }

  private async query<Row extends QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
    const pool = await this.ready;
    try {
      return (await pool.query<Row>(sql, values)).rows;
    } catch (error) {
      throw asLibraryError(error);
    }
  }

  /** A writing transaction: the writer lock first (waiting up to busyTimeoutMs), then the work, all or nothing. */
  private async writing<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.writingOn(await this.ready, work);
  }

  private async writingOn<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw asLibraryError(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.options.busyTimeoutMs ?? 5000))}`);
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw asLibraryError(error);
    } finally {
      // A connection that could not even roll back is dropped, not handed to the next caller.
      client.release(broken);
    }
  }

  async add(extraction: Extraction, options: AddOptions = {}): Promise<AddResult> {
    const { document } = extraction;
    // The words and filing worked out before the writer lock is taken: other writers wait only for the rows.
    const prepared = document.projects.map((project, position) => {
      if (project.indicators.length === 0) return { project, position, row: null };
      const year = budgetYear(project, document.year);
      const unit = project.unit ?? document.unit;
      const filing = filingOf(project, unit?.name, options.region, options.province);
      return { project, position, row: { year, unit, key: dedupeKey(project, year), filing, length: wordCount(filing.words) } };
    });
    return this.writing(async (client) => {
      const existing = await client.query<{ id: number }>('SELECT id FROM documents WHERE sha256 = $1', [extraction.source.sha256]);
      if (existing.rows[0]) return { documentId: null, added: 0, skipped: [], duplicateOfDocument: existing.rows[0].id };
      // Another document already holds a project (the Word and the PDF of one disclosure); within
      // one document two tables may share a name: both are kept.
      const keys = prepared.flatMap(({ row }) => (row ? [row.key] : []));
      const held = new Set((await client.query<{ dedupe_key: string }>('SELECT DISTINCT dedupe_key FROM projects WHERE dedupe_key = ANY($1::text[])', [keys])).rows.map((row) => row.dedupe_key));
      const skipped: AddResult['skipped'] = [];
      const kept: { project: Project; position: number; row: NonNullable<(typeof prepared)[number]['row']> }[] = [];
      for (const { project, position, row } of prepared) {
        if (!row) skipped.push({ name: project.name, reason: 'no-indicators' });
        else if (held.has(row.key)) skipped.push({ name: project.name, reason: 'duplicate' });
        else kept.push({ project, position, row });
      }
      if (kept.length === 0) return { documentId: null, added: 0, skipped, duplicateOfDocument: null };

      const indicators = kept.reduce((sum, { project }) => sum + project.indicators.length, 0);
      const words = kept.reduce((sum, { row }) => sum + row.length, 0);
      const inserted = await client.query<{ id: number }>(
        'INSERT INTO documents (id, sha256, filename, format, project_count, indicator_count) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM documents), $1, $2, $3, $4, $5) RETURNING id',
        [extraction.source.sha256, extraction.source.filename, extraction.source.format, kept.length, indicators],
      );
      const documentId = inserted.rows[0]!.id;
      const last = (await client.query<{ id: number }>('SELECT coalesce(max(id), 0) AS id FROM projects')).rows[0]!.id;
      const ids = kept.map((_, index) => last + 1 + index);
      const column = <T>(value: (entry: (typeof kept)[number]) => T) => kept.map(value);
      await client.query(
        `INSERT INTO projects (id, document_id, position, name, code, unit_code, unit_name, year, region, province, category, budget, indicator_count, dedupe_key, data, ${WORD_COLUMNS}, word_count)
         SELECT id, $2, position, name, code, unit_code, unit_name, year, region, province, category, budget, indicator_count, dedupe_key, data, name_words, purpose_words, goals_words, indicator_words, word_count
         FROM unnest($1::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::int[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::int[])
           AS p (id, position, name, code, unit_code, unit_name, year, region, province, category, budget, indicator_count, dedupe_key, data, name_words, purpose_words, goals_words, indicator_words, word_count)`,
        [
          ids, documentId, column((entry) => entry.position), column((entry) => entry.project.name), column((entry) => entry.project.code), column((entry) => entry.row.unit?.code ?? null),
          column((entry) => entry.row.unit?.name ?? null), column((entry) => entry.row.year), column((entry) => entry.row.filing.region), column((entry) => entry.row.filing.province),
          column((entry) => entry.row.filing.category), column((entry) => entry.project.budget.total), column((entry) => entry.project.indicators.length), column((entry) => entry.row.key),
          column((entry) => storedJson(entry.project, entry.row.unit)), column((entry) => joinWords(entry.row.filing.words.name)), column((entry) => joinWords(entry.row.filing.words.purpose)),
          column((entry) => joinWords(entry.row.filing.words.goals)), column((entry) => joinWords(entry.row.filing.words.indicators)), column((entry) => entry.row.length),
        ],
      );
      // Each project's words with their counts per field, and how many of these projects hold each word.
      const terms = await insertTerms(client, kept.map(({ row }, index) => ({ id: ids[index]!, words: row.filing.words, length: row.length })));
      if (terms.size > 0) {
        await client.query(
          'INSERT INTO term_documents (word, documents) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (word) DO UPDATE SET documents = term_documents.documents + EXCLUDED.documents',
          [[...terms.keys()], [...terms.values()]],
        );
      }
      await client.query('UPDATE library_totals SET projects = projects + $1, words = words + $2', [kept.length, words]);
      return { documentId, added: kept.length, skipped, duplicateOfDocument: null };
    });
  }

  async list(filters: SearchFilters & { limit?: number; offset?: number; exactUnit?: boolean } = {}): Promise<LibraryProjectSummary[]> {
    const { where, values } = filterSql(filters, 2);
    const rows = await this.query<ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p ${where ? `WHERE ${where}` : ''} ORDER BY id LIMIT $1 OFFSET $2`, [
      filters.limit ?? null,
      filters.offset ?? 0,
      ...values,
    ]);
    return rows.map(summaryOf);
  }

  async get(id: number): Promise<LibraryProject | null> {
    return (await this.getMany([id]))[0] ?? null;
  }

  async getMany(ids: readonly number[]): Promise<LibraryProject[]> {
    if (ids.length === 0) return [];
    const rows = await this.query<ProjectRow>(`SELECT ${SUMMARY_COLUMNS}, p.data, d.filename FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id = ANY($1::int[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id, projectOf(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async remove(projectIds: readonly number[]): Promise<number> {
    return this.writing(async (client) => {
      const ids = [...new Set(projectIds)];
      // The words' counts first: the project's terms go with it.
      await client.query(
        `WITH gone AS (SELECT word, count(*)::int AS n FROM project_terms WHERE project_id = ANY($1::int[]) GROUP BY word),
         lowered AS (UPDATE term_documents t SET documents = t.documents - gone.n FROM gone WHERE t.word = gone.word RETURNING t.word, t.documents)
         DELETE FROM term_documents WHERE word IN (SELECT word FROM lowered WHERE documents <= 0)`,
        [ids],
      );
      const removed = await client.query<{ document_id: number; indicator_count: number; word_count: number }>(
        'DELETE FROM projects WHERE id = ANY($1::int[]) RETURNING document_id, indicator_count, word_count',
        [ids],
      );
      if (removed.rows.length === 0) return 0;
      await client.query(
        `WITH gone AS (SELECT document_id, count(*)::int AS projects, sum(indicator_count)::int AS indicators FROM unnest($1::int[], $2::int[]) AS g (document_id, indicator_count) GROUP BY document_id)
         UPDATE documents d SET project_count = d.project_count - gone.projects, indicator_count = d.indicator_count - gone.indicators FROM gone WHERE d.id = gone.document_id`,
        [removed.rows.map((row) => row.document_id), removed.rows.map((row) => row.indicator_count)],
      );
      await client.query('DELETE FROM documents WHERE project_count <= 0');
      await client.query('UPDATE library_totals SET projects = projects - $1, words = words - $2', [removed.rows.length, removed.rows.reduce((sum, row) => sum + row.word_count, 0)]);
      return removed.rows.length;
    });
  }

  async removeDocument(documentId: number): Promise<number> {
    const rows = await this.query<{ id: number }>('SELECT id FROM projects WHERE document_id = $1', [documentId]);
    return this.remove(rows.map((row) => row.id));
  }

  async *all(): AsyncIterableIterator<LibraryProject> {
    let after = 0;
    for (;;) {
      const rows = await this.query<ProjectRow>(`SELECT ${SUMMARY_COLUMNS}, p.data, d.filename FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id > $1 ORDER BY p.id LIMIT $2`, [after, PAGE]);
      for (const row of rows) yield projectOf(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async counts(): Promise<LibraryCounts> {
    const [row] = await this.query<LibraryCounts>(
      'SELECT (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM projects)::int AS projects, (SELECT coalesce(sum(indicator_count), 0) FROM projects)::int AS indicators',
    );
    return row!;
  }

  /** Kept with every change, in the same transaction: exact, and one row to read. */
  async projectCount(): Promise<number> {
    const [row] = await this.query<{ projects: number }>('SELECT projects FROM library_totals');
    return row?.projects ?? 0;
  }

  async categoryCounts(): Promise<CategoryCount[]> {
    // SQLite's order: NULL first, then by code point (its BINARY collation).
    return this.query<CategoryCount>('SELECT category, count(*)::int AS projects FROM projects GROUP BY category ORDER BY projects DESC, category COLLATE "C" NULLS FIRST');
  }

  async wordDocuments(words: readonly string[]): Promise<Map<string, number>> {
    const distinct = [...new Set(words)];
    if (distinct.length === 0) return new Map();
    const rows = await this.query<{ word: string; documents: number }>('SELECT word, documents FROM term_documents WHERE word = ANY($1::text[])', [distinct]);
    const found = new Map(rows.map((row) => [row.word, row.documents]));
    return new Map(distinct.map((word) => [word, found.get(word) ?? 0]));
  }

  async search(query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
    return searchProjects(this.index, query, options);
  }

  async close(): Promise<void> {
    const pool = await this.ready.catch(() => null);
    await pool?.end();
  }

  /** The search's view of the database: the term table for the candidates, the projects for the rest. */
  private readonly index: SearchIndex = {
    projectCount: () => this.projectCount(),
    wordDocuments: (words) => this.wordDocuments(words),
    projectWords: async (ids) => {
      if (ids.length === 0) return new Map();
      const rows = await this.query<WordsRow>(`SELECT id, ${WORD_COLUMNS} FROM projects WHERE id = ANY($1::int[])`, [ids]);
      return new Map(rows.map((row) => [row.id, wordsOf(row)]));
    },
    candidates: (terms, filters, excludeIds, limit) => this.candidates(terms, filters, excludeIds, limit),
    summaries: async (ids) => {
      if (ids.length === 0) return new Map();
      const rows = await this.query<ProjectRow>(`SELECT ${SUMMARY_COLUMNS} FROM projects p WHERE p.id = ANY($1::int[])`, [ids]);
      return new Map(rows.map((row) => [row.id, summaryOf(row)]));
    },
  };

  private async candidates(terms: readonly string[], filters: SearchFilters, exclude: readonly number[], limit: number): Promise<Candidate[]> {
    const { where, values } = filterSql(filters, 6);
    const excluding = exclude.length > 0 ? `pt.project_id <> ALL($${7 + values.length}::int[])` : '';
    const weights = [FIELD_WEIGHTS.name, FIELD_WEIGHTS.purpose, FIELD_WEIGHTS.goals, FIELD_WEIGHTS.indicators];
    const rows = await this.query<WordsRow & { score: number }>(candidatesSql(terms.length, where, excluding), [terms, ...weights, limit, ...values, ...(exclude.length > 0 ? [exclude] : [])]);
    return rows.map((row) => ({ id: row.id, score: row.score, words: wordsOf(row) }));
  }
}

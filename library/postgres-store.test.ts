// What is PostgreSQL's own: its schema migrated once however many open it at once, writers in
// several processes sharing one database, a writer held up, a database out of reach, and the CLI,
// the server and the API on DATABASE_URL. A real server started for this file
// (test/support/postgres.ts); the interface's own tests run on it in store.test.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JixiaoError, openLibrary as openFromApi } from '../api/index.ts';
import { runDraft } from '../cli/draft-command.ts';
import { runLibrary } from '../cli/library-command.ts';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { createServer } from '../server/app.ts';
import { defaultConfig } from '../server/config.ts';
import { postgresForTests } from '../test/support/postgres.ts';
import { LibraryError } from './errors.ts';
import { MIGRATIONS_FOLDER, MIGRATIONS_TABLE } from './migrate.ts';
import { libraryLocation, openLibrary, shownLocation } from './open.ts';
import { PostgresLibrary, WRITER_LOCK } from './postgres-store.ts';
import type { LibraryStore } from './store.ts';
import { runCaptured } from '../test/support/captured.ts';
import { rejected, runConcurrentWriters } from '../test/support/concurrent-writers.ts';

const postgres = postgresForTests();
const seedPath = (name: string) => new URL(`../fixtures/seeds/${name}.txt`, import.meta.url).pathname;

/** Seed 003 (27 projects) under a hash and names of its own. */
function variant(label: string): Extraction {
  const base = extractText(readFileSync(seedPath('003_ebdfb260618a708a'), 'utf8'));
  return {
    ...base,
    source: { ...base.source, sha256: createHash('sha256').update(label).digest('hex') },
    document: { ...base.document, projects: base.document.projects.map((project) => ({ ...project, name: `${project.name}·${label}`, code: project.code && `${project.code}-${label}` })) },
  };
}

const opened: LibraryStore[] = [];
afterEach(async () => {
  for (const library of opened.splice(0)) await library.close();
});
const keep = <T extends LibraryStore>(library: T): T => {
  opened.push(library);
  return library;
};

/** Runs SQL on a database directly, as another program would. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const run = runCaptured;

describe('the PostgreSQL library’s schema', () => {
  it('is migrated once, by node-pg-migrate, however many open a new database at the same moment', async () => {
    const url = await postgres.newDatabase();
    const libraries = Array.from({ length: 4 }, () => keep(new PostgresLibrary(url)));
    expect(await Promise.all(libraries.map((library) => library.counts()))).toEqual(Array(4).fill({ documents: 0, projects: 0, indicators: 0 }));
    const ran = await withClient(url, async (client) => (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map((row) => row.name));
    // Every migration of the folder, each once, in order.
    const files = readdirSync(MIGRATIONS_FOLDER).filter((file) => file.endsWith('.sql')).sort().map((file) => file.replace(/\.sql$/, ''));
    expect(ran).toEqual(files);
    expect(ran[0]).toBe('0001_library');
    // Opened again: nothing left to run, the data as it was.
    await libraries[0]!.add(variant('kept'));
    const again = keep(new PostgresLibrary(url));
    expect((await again.counts()).projects).toBe(27);
  });
});

describe('a library whose words an older words.ts cut', () => {
  it('has every project’s words, terms and counts worked out again when opened, once, whoever opens it', async () => {
    const url = await postgres.newDatabase();
    await keep(new PostgresLibrary(url)).add(variant('old'));
    const expected = await withClient(url, async (client) => ({
      names: (await client.query('SELECT id, name_words FROM projects ORDER BY id')).rows,
      terms: (await client.query('SELECT count(*)::int AS n FROM project_terms')).rows[0].n as number,
      totals: (await client.query('SELECT projects, words FROM library_totals')).rows[0],
    }));
    // As version 1 left it: a place name among the words and terms of the first project.
    await withClient(url, async (client) => {
      await client.query("UPDATE projects SET name_words = '承德 ' || name_words, word_count = word_count + 1, region = NULL WHERE id = 1");
      await client.query("INSERT INTO project_terms VALUES ('承德', 1, 1, 0, 0, 0, 1)");
      await client.query("INSERT INTO term_documents VALUES ('承德', 1)");
      await client.query('UPDATE library_totals SET words = words + 1, words_version = 1');
    });
    const libraries = Array.from({ length: 3 }, () => keep(new PostgresLibrary(url)));
    await Promise.all(libraries.map((library) => library.counts()));
    await withClient(url, async (client) => {
      expect((await client.query('SELECT id, name_words FROM projects ORDER BY id')).rows).toEqual(expected.names);
      expect((await client.query('SELECT count(*)::int AS n FROM project_terms')).rows[0].n).toBe(expected.terms);
      expect((await client.query("SELECT * FROM term_documents WHERE word = '承德'")).rows).toEqual([]);
      // Each word's count of projects is its rows' again.
      const counted = await client.query('SELECT count(*)::int AS n FROM term_documents t WHERE documents <> (SELECT count(*) FROM project_terms p WHERE p.word = t.word)');
      expect(counted.rows[0].n).toBe(0);
      expect((await client.query('SELECT projects, words, words_version FROM library_totals')).rows[0]).toEqual({ ...expected.totals, words_version: 2 });
      expect((await client.query('SELECT region FROM projects WHERE id = 1')).rows[0].region).not.toBeNull();
    });
  });
});

describe('writers in several processes on one database', () => {
  it('all get their documents in, each whole, and a file all of them add is kept once', { timeout: 180_000 }, async () => {
    const url = await postgres.newDatabase();
    // The schema first, so that the writers meet over the data and not only over the migration.
    await keep(new PostgresLibrary(url)).counts();
    const writers = 3;
    const each = 4;
    const shared = await runConcurrentWriters(url, writers, each);
    expect(shared.map((result) => result.code)).toEqual(Array(writers).fill(0));
    expect(shared.filter((result) => result.added === 27)).toHaveLength(1);
    const keptAs = shared.find((result) => result.added === 27)!.documentId;
    expect(shared.filter((result) => result.added === 0).map((result) => result.duplicateOfDocument)).toEqual(Array(writers - 1).fill(keptAs));

    // Every document whole: its counts match its rows, and the words' counts match the term table.
    await withClient(url, async (client) => {
      const documents = (await client.query<{ id: number; project_count: number; projects: number; indicator_count: number; indicators: number }>(
        'SELECT d.id, d.project_count, count(p.id)::int AS projects, d.indicator_count, coalesce(sum(p.indicator_count), 0)::int AS indicators FROM documents d LEFT JOIN projects p ON p.document_id = d.id GROUP BY d.id ORDER BY d.id',
      )).rows;
      expect(documents).toHaveLength(writers * each + 1);
      for (const document of documents) expect(document).toMatchObject({ project_count: 27, projects: 27, indicators: document.indicator_count });
      const words = await client.query('SELECT t.word FROM term_documents t LEFT JOIN (SELECT word, count(*)::int AS n FROM project_terms GROUP BY word) c ON c.word = t.word WHERE c.n IS DISTINCT FROM t.documents');
      expect(words.rows).toEqual([]);
      const totals = (await client.query('SELECT l.projects = (SELECT count(*) FROM projects) AND l.words = (SELECT coalesce(sum(word_count), 0) FROM projects) AS right FROM library_totals l')).rows[0];
      expect(totals).toEqual({ right: true });
    });
  });
});

describe('a writer held up, and a database out of reach', () => {
  it('answers LIBRARY_BUSY once the wait for another writer runs out, having written nothing, and writes once it is gone', async () => {
    const url = await postgres.newDatabase();
    const library = keep(new PostgresLibrary(url, { busyTimeoutMs: 200 }));
    await library.counts();
    await withClient(url, async (other) => {
      // Another writer in the middle of its transaction.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      const error = await rejected(() => library.add(variant('while-locked')));
      expect(error).toBeInstanceOf(LibraryError);
      expect((error as LibraryError).code).toBe('LIBRARY_BUSY');
      await other.query('ROLLBACK');
    });
    expect((await library.counts()).projects).toBe(0);
    expect((await library.add(variant('after-the-lock'))).added).toBe(27);
  });

  it('is LIBRARY_UNAVAILABLE, with no driver’s stack, when nothing answers at the URL or the database is missing', async () => {
    const nowhere = 'postgres://jixiao:secret@127.0.0.1:1/library';
    const library = keep(new PostgresLibrary(nowhere));
    expect(((await rejected(() => library.counts())) as LibraryError).code).toBe('LIBRARY_UNAVAILABLE');
    const missing = (await postgres.newDatabase()).replace(/\/[^/]+$/, '/no_such_database');
    expect(((await rejected(() => keep(new PostgresLibrary(missing)).list())) as LibraryError).code).toBe('LIBRARY_UNAVAILABLE');
    // The API says it as a JixiaoError when the library is opened.
    const error = await rejected(() => openFromApi(nowhere));
    expect(error).toBeInstanceOf(JixiaoError);
    expect((error as JixiaoError).code).toBe('LIBRARY_UNAVAILABLE');
    // Its password is never printed.
    expect(shownLocation(nowhere)).toBe('postgres://jixiao:***@127.0.0.1:1/library');
  });
});

describe('DATABASE_URL', () => {
  it('selects PostgreSQL where the library is opened, before JIXIAO_LIBRARY; --library names either', () => {
    const url = 'postgres://u:p@db.example:5432/library';
    expect(libraryLocation(undefined, { DATABASE_URL: url, JIXIAO_LIBRARY: '/tmp/x.sqlite' })).toBe(url);
    expect(libraryLocation('/tmp/given.sqlite', { DATABASE_URL: url })).toBe('/tmp/given.sqlite');
    expect(libraryLocation(url, {})).toBe(url);
    expect(libraryLocation(undefined, { DATABASE_URL: '', JIXIAO_LIBRARY: ':memory:' })).toBe(':memory:');
    expect(openLibrary(':memory:').constructor.name).toBe('SqliteLibrary');
  });

  it('serves the CLI, the server and the API from one database', { timeout: 180_000 }, async () => {
    const url = await postgres.newDatabase();
    const added = await run(runLibrary, ['add', seedPath('000_ad7b01c3c3fb5737'), seedPath('004_584bff0bac0b6d6f'), '--library', url]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('library: 2 documents, 19 projects');
    const search = await run(runLibrary, ['search', '海关办公经费', '--limit', '1', '--library', url]);
    expect(search.out).toContain('2026年度海关办公经费');
    const exported = await run(runLibrary, ['export', '--library', url]);
    expect(exported.out.trim().split('\n')).toHaveLength(19);

    // The CLI's draft reads DATABASE_URL; the library holds projects already, so it is not seeded.
    vi.stubEnv('DATABASE_URL', url);
    try {
      const drafted = await run(runDraft, ['--name', '2027年度海关办公经费', '--budget', '60', '--json']);
      expect(drafted.err).toBe('');
      const draft = JSON.parse(drafted.out) as { fallback: boolean; similar: { project: { name: string } }[] };
      expect(draft.fallback).toBe(false);
      expect(draft.similar[0]!.project.name).toBe('2026年度海关办公经费');
    } finally {
      vi.unstubAllEnvs();
    }

    const server = createServer(defaultConfig({ DATABASE_URL: url }));
    try {
      await server.ready;
      const response = await server.app.request('/api/library/search?q=' + encodeURIComponent('海关办公经费'));
      expect((await response.json()).library).toMatchObject({ documents: 2, projects: 19 });
    } finally {
      await server.close();
    }

    const fromApi = keep(await openFromApi(url));
    expect((await fromApi.counts()).projects).toBe(19);
  });
});

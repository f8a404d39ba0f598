// The library when writing goes wrong: a full disk leaves the change out and everything before it
// readable; writers in several processes at once all get their documents in, each whole; a writer
// held up too long, or a file that cannot be written, is told so with a code.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { SqliteError } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { asLibraryError, LibraryError } from './errors.ts';
import { addStarterDocuments } from './seed.ts';
import { SqliteLibrary } from './sqlite-store.ts';
import { rejected, runConcurrentWriters } from '../test/support/concurrent-writers.ts';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-durability-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Seed 003 (27 projects) under a hash and names of its own. */
function variant(label: string): Extraction {
  const base = extractText(readFileSync(new URL('../fixtures/seeds/003_ebdfb260618a708a.txt', import.meta.url), 'utf8'));
  return {
    ...base,
    source: { ...base.source, sha256: createHash('sha256').update(label).digest('hex') },
    document: { ...base.document, projects: base.document.projects.map((project) => ({ ...project, name: `${project.name}·${label}`, code: project.code && `${project.code}-${label}` })) },
  };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function allOf<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Integrity, and each document's counts matching its rows and its search text. */
function wholeDocuments(path: string): { id: number; projects: number }[] {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const documents = db.prepare('SELECT id, project_count AS projects, indicator_count AS indicators FROM documents ORDER BY id').all() as { id: number; projects: number; indicators: number }[];
    for (const document of documents) {
      const rows = db.prepare('SELECT count(*) AS projects, coalesce(sum(indicator_count), 0) AS indicators FROM projects WHERE document_id = ?').get(document.id);
      expect({ id: document.id, ...(rows as object) }).toEqual(document);
    }
    const projects = (db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n;
    expect((db.prepare('SELECT count(*) AS n FROM project_words').get() as { n: number }).n).toBe(projects);
    return documents.map(({ id, projects: count }) => ({ id, projects: count }));
  } finally {
    db.close();
  }
}

describe('a full disk', () => {
  it('refuses the document with LIBRARY_FULL, writes nothing of it, and keeps every earlier project readable', async () => {
    const path = join(folder, 'full.sqlite');
    const seeded = new SqliteLibrary(path);
    await addStarterDocuments(seeded);
    const before = { counts: await seeded.counts(), projects: await allOf(seeded.all()) };
    await seeded.close();

    // The file may grow by a few pages only: far less than 27 projects with their search text.
    const pages = (() => {
      const db = new Database(path, { readonly: true });
      const count = db.pragma('page_count', { simple: true }) as number;
      db.close();
      return count;
    })();
    const capped = new SqliteLibrary(path, { maxPageCount: pages + 4 });
    const error = await rejected(() => capped.add(variant('too-big')));
    expect(error).toBeInstanceOf(LibraryError);
    expect((error as LibraryError).code).toBe('LIBRARY_FULL');
    expect(await capped.counts()).toEqual(before.counts);
    expect(await capped.search('too-big')).toEqual([]);
    expect((await capped.list()).filter((project) => project.name?.includes('too-big'))).toEqual([]);
    expect(await allOf(capped.all())).toEqual(before.projects);
    // A smaller change still fits, and the library goes on taking changes.
    expect(await capped.remove([before.projects[0]!.id])).toBe(1);
    await capped.close();

    wholeDocuments(path);
    const freed = new SqliteLibrary(path);
    expect((await freed.add(variant('after-space-freed'))).added).toBe(27);
    expect((await freed.counts()).projects).toBe(before.counts.projects - 1 + 27);
    await freed.close();
    wholeDocuments(path);
  });
});

describe('writers in several processes at once', () => {
  it('all get their documents in, each whole, and a file all of them add is kept once', { timeout: 120_000 }, async () => {
    const path = join(folder, 'concurrent.sqlite');
    const writers = 4;
    const each = 6;
    const shared = await runConcurrentWriters(path, writers, each);
    expect(shared.map((result) => result.code)).toEqual(Array(writers).fill(0));
    expect(shared.filter((result) => result.added === 27)).toHaveLength(1);
    const keptAs = shared.find((result) => result.added === 27)!.documentId;
    expect(shared.filter((result) => result.added === 0).map((result) => result.duplicateOfDocument)).toEqual(Array(writers - 1).fill(keptAs));

    const documents = wholeDocuments(path);
    expect(documents).toHaveLength(writers * each + 1);
    expect(documents.every((document) => document.projects === 27)).toBe(true);
  });
});

describe('a writer held up, and a file that cannot be written', () => {
  it('answers LIBRARY_BUSY once the wait runs out, having written nothing, and writes once the lock is gone', async () => {
    const path = join(folder, 'busy.sqlite');
    const library = new SqliteLibrary(path, { busyTimeoutMs: 100 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const error = await rejected(() => library.add(variant('while-locked')));
    expect((error as LibraryError).code).toBe('LIBRARY_BUSY');
    other.exec('ROLLBACK');
    other.close();
    expect((await library.counts()).projects).toBe(0);
    expect((await library.add(variant('after-the-lock'))).added).toBe(27);
    await library.close();
  });

  it('translates SQLite’s, PostgreSQL’s, the file system’s and the network’s conditions into codes, and leaves bugs as they are', () => {
    const cases: [unknown, string][] = [
      [new SqliteError('database or disk is full', 'SQLITE_FULL'), 'LIBRARY_FULL'],
      [new SqliteError('database is locked', 'SQLITE_BUSY_SNAPSHOT'), 'LIBRARY_BUSY'],
      [new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_DBMOVED'), 'LIBRARY_READONLY'],
      [new SqliteError('unable to open database file', 'SQLITE_CANTOPEN'), 'LIBRARY_UNAVAILABLE'],
      [Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 'LIBRARY_FULL'],
      [Object.assign(new Error('read-only file system'), { code: 'EROFS' }), 'LIBRARY_READONLY'],
      // PostgreSQL's SQLSTATEs (node-postgres's DatabaseError: code and severity), and the network's.
      [Object.assign(new Error('could not extend file'), { code: '53100', severity: 'ERROR' }), 'LIBRARY_FULL'],
      [Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03', severity: 'ERROR' }), 'LIBRARY_BUSY'],
      [Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' }), 'LIBRARY_BUSY'],
      [Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006', severity: 'ERROR' }), 'LIBRARY_READONLY'],
      [Object.assign(new Error('password authentication failed'), { code: '28P01', severity: 'FATAL' }), 'LIBRARY_UNAVAILABLE'],
      [Object.assign(new Error('database "x" does not exist'), { code: '3D000', severity: 'FATAL' }), 'LIBRARY_UNAVAILABLE'],
      [Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' }), 'LIBRARY_UNAVAILABLE'],
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'LIBRARY_UNAVAILABLE'],
    ];
    for (const [error, code] of cases) expect((asLibraryError(error) as LibraryError).code).toBe(code);
    const bug = new SqliteError('no such table: nothing', 'SQLITE_ERROR');
    expect(asLibraryError(bug)).toBe(bug);
    const sqlBug = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601', severity: 'ERROR' });
    expect(asLibraryError(sqlBug)).toBe(sqlBug);
    const typeError = new TypeError('x is undefined');
    expect(asLibraryError(typeError)).toBe(typeError);
  });

  it('a library path that is no SQLite file is LIBRARY_UNAVAILABLE, not a driver’s stack', () => {
    const path = join(folder, 'not-a-library.sqlite');
    rmSync(path, { force: true });
    writeFileSync(path, 'this is a text file, not a database, and long enough to have a header.'.repeat(4));
    const error = thrown(() => new SqliteLibrary(path));
    expect((error as LibraryError).code).toBe('LIBRARY_UNAVAILABLE');
  });
});

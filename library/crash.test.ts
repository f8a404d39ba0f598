// kill -9 in the middle of `library add`: the library stays readable, and every document in it is
// whole (the counts written with it match its rows), none half-written.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteLibrary } from './sqlite-store.ts';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-crash-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const writer = new URL('../test/support/library-writer.ts', import.meta.url).pathname;

/** Starts the writer, lets it write for `millis` after its first document, then kills it with SIGKILL. */
async function killWhileWriting(path: string, millis: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer stopped by itself (${code})`)));
  });
  await new Promise((resolve) => setTimeout(resolve, millis));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function checkWhole(path: string): { documents: number } {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const documents = db.prepare('SELECT id, project_count, indicator_count FROM documents').all() as { id: number; project_count: number; indicator_count: number }[];
    for (const document of documents) {
      const rows = db.prepare('SELECT count(*) AS projects, coalesce(sum(indicator_count), 0) AS indicators FROM projects WHERE document_id = ?').get(document.id) as { projects: number; indicators: number };
      expect({ id: document.id, ...rows }).toEqual({ id: document.id, projects: document.project_count, indicators: document.indicator_count });
      // Each of seed 003's documents is whole: all 27 projects, or it is not there at all.
      expect(document.project_count).toBe(27);
    }
    const text = db.prepare('SELECT count(*) AS n FROM project_words').get() as { n: number };
    expect(text.n).toBe(documents.length * 27);
    return { documents: documents.length };
  } finally {
    db.close();
  }
}

describe('a library killed during `library add`', () => {
  it('is readable afterwards, with every document all there or not there', { timeout: 90_000 }, async () => {
    const path = join(folder, 'library.sqlite');
    let documents = 0;
    for (const millis of [40, 130, 260]) {
      await killWhileWriting(path, millis);
      ({ documents } = checkWhole(path));
      // And it is still a library one can write to.
      const library = new SqliteLibrary(path);
      expect((await library.counts()).documents).toBe(documents);
      await library.close();
    }
    expect(documents).toBeGreaterThan(1);
  });
});

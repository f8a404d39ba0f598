// jixiao library and jixiao draft, run in-process against a library in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LibraryError } from '../library/errors.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import { runDraft } from './draft-command.ts';
import { runLibrary } from './library-command.ts';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const library = join(folder, 'library.sqlite');
const seed = (name: string) => new URL(`../fixtures/seeds/${name}.txt`, import.meta.url).pathname;

async function run(command: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await command(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('jixiao library', () => {
  it('adds documents once, lists, searches, exports and removes', async () => {
    const added = await run(runLibrary, ['add', seed('000_ad7b01c3c3fb5737'), seed('004_584bff0bac0b6d6f'), '--library', library]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('added 12 project(s)');
    expect(added.out).toContain('library: 2 documents, 19 projects');
    const again = await run(runLibrary, ['add', seed('000_ad7b01c3c3fb5737'), '--library', library]);
    expect(again.out).toContain('already in the library');
    const list = await run(runLibrary, ['list', '--year', '2025', '--json', '--library', library]);
    expect(JSON.parse(list.out)).toHaveLength(7);
    const search = await run(runLibrary, ['search', '海关办公经费', '--limit', '1', '--library', library]);
    expect(search.out).toContain('2026年度海关办公经费');
    expect(search.out).toContain('matched:');
    const exported = await run(runLibrary, ['export', '--library', library]);
    expect(exported.out.trim().split('\n')).toHaveLength(19);
    const removed = await run(runLibrary, ['remove', '1', '--library', library]);
    expect(removed.out).toContain('removed 1 project(s)');
    expect((await run(runLibrary, ['remove', 'x', '--library', library])).code).toBe(2);
    expect((await run(runLibrary, ['add', join(folder, 'missing.docx'), '--library', library])).err).toContain('cannot read');
    expect((await run(runLibrary, ['nothing'])).code).toBe(2);
  });
});

describe('jixiao library when the library cannot take a change', () => {
  it('says LIBRARY_FULL with the file it met it on, keeps what was added before, and exits 3', async () => {
    const path = join(folder, 'filling.sqlite');
    const real = SqliteLibrary.prototype.add;
    let calls = 0;
    const add = vi.spyOn(SqliteLibrary.prototype, 'add').mockImplementation(function (this: SqliteLibrary, ...args) {
      if (++calls === 2) throw new LibraryError('LIBRARY_FULL', 'the library’s disk (or its size limit) is full; nothing of this change was written');
      return real.apply(this, args);
    });
    try {
      const result = await run(runLibrary, ['add', seed('000_ad7b01c3c3fb5737'), seed('004_584bff0bac0b6d6f'), seed('001_8a93ebbb46b509da'), '--library', path]);
      expect(result.code).toBe(3);
      expect(result.err).toMatch(/004_584bff0bac0b6d6f\.txt: LIBRARY_FULL: /);
      expect(result.err).not.toMatch(/\n\s+at /);
    } finally {
      add.mockRestore();
    }
    const list = await run(runLibrary, ['list', '--json', '--library', path]);
    expect(JSON.parse(list.out)).toHaveLength(12);
  });

  it('says LIBRARY_UNAVAILABLE when the library path is no SQLite file', async () => {
    const path = join(folder, 'notes.txt');
    writeFileSync(path, 'not a database; '.repeat(20));
    const result = await run(runLibrary, ['list', '--library', path]);
    expect(result.code).toBe(3);
    expect(result.err).toContain('LIBRARY_UNAVAILABLE');
  });
});

describe('jixiao draft', () => {
  it('drafts from an empty library seeded with the fixtures, as a report or JSON', async () => {
    const fresh = join(folder, 'fresh.sqlite');
    const report = await run(runDraft, ['--name', '2026年度口岸综合服务保障经费', '--budget', '50', '--purpose', '保障8人', '--year', '2026', '--library', fresh]);
    expect(report.code).toBe(0);
    expect(report.out).toContain('保障人数：8人');
    expect(report.out).toContain('来源：');
    const json = await run(runDraft, ['--name', '某项目', '--budget', '20', '--json', '--library', fresh]);
    expect(JSON.parse(json.out).project.budget.total).toBe(20);
    const bad = await run(runDraft, ['--budget', 'many', '--library', fresh]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('name');
  });
});

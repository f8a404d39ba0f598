// jixiao library and jixiao draft, run in-process against a library in a temporary folder.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LibraryError } from '../library/errors.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import { runDraft } from './draft-command.ts';
import { runLibrary } from './library-command.ts';
import { runCaptured } from '../test/support/captured.ts';

const folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const library = join(folder, 'library.sqlite');
const seed = (name: string) => new URL(`../fixtures/seeds/${name}.txt`, import.meta.url).pathname;

const run = runCaptured;

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
    expect((await run(runLibrary, ['remove', '99999', '--library', library])).code).toBe(3);
    expect((await run(runLibrary, ['search', 'qqqqzzzz', '--library', library])).code).toBe(3);
    expect((await run(runLibrary, ['remove', 'x', '--library', library])).code).toBe(1);
    const missing = await run(runLibrary, ['add', join(folder, 'missing.docx'), '--library', library]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到该文件（FILE_NOT_FOUND）');
    expect((await run(runLibrary, ['nothing'])).code).toBe(1);
    expect((await run(runLibrary, ['--help'])).code).toBe(0);
  });
});

describe('jixiao library when the library cannot take a change', () => {
  it('says LIBRARY_FULL with the file it met it on, keeps what was added before, and exits 2', async () => {
    const path = join(folder, 'filling.sqlite');
    const real = SqliteLibrary.prototype.add;
    let calls = 0;
    const add = vi.spyOn(SqliteLibrary.prototype, 'add').mockImplementation(function (this: SqliteLibrary, ...args) {
      if (++calls === 2) throw new LibraryError('LIBRARY_FULL', 'the library’s disk (or its size limit) is full; nothing of this change was written');
      return real.apply(this, args);
    });
    try {
      const result = await run(runLibrary, ['add', seed('000_ad7b01c3c3fb5737'), seed('004_584bff0bac0b6d6f'), seed('001_8a93ebbb46b509da'), '--library', path]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/004_584bff0bac0b6d6f\.txt: 项目库所在磁盘已满.*（LIBRARY_FULL）/);
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
    expect(result.code).toBe(2);
    expect(result.err).toContain('LIBRARY_UNAVAILABLE');
  });
});

describe('jixiao draft', () => {
  it('drafts from an empty library seeded with the fixtures, as a report or JSON', { timeout: 120_000 }, async () => {
    const fresh = join(folder, 'fresh.sqlite');
    const report = await run(runDraft, ['--name', '2026年度口岸综合服务保障经费', '--budget', '50', '--purpose', '保障8人', '--year', '2026', '--library', fresh]);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(/保障人数\s+8人\s+本项目资金用途/);
    expect(report.out).toMatch(/^类别：/m);
    const json = await run(runDraft, ['--name', '某项目', '--budget', '20', '--json', '--library', fresh]);
    expect(JSON.parse(json.out).project.budget.total).toBe(20);
    const bad = await run(runDraft, ['--budget', 'many', '--library', fresh]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('name');
    expect(bad.err).toContain('--budget 应为大于 0 的金额');
    for (const budget of ['0', '-5', 'NaN', '']) expect((await run(runDraft, ['--name', '某项目', `--budget=${budget}`, '--library', fresh])).code).toBe(1);
    const open = await run(runDraft, ['--name', '某项目', '--json', '--library', fresh]);
    expect(JSON.parse(open.out).project.budget.total).toBeNull();
    expect((await run(runDraft, ['--name', '某项目', '--library', fresh])).out).toContain('（预算未定）');
    const written = await run(runDraft, ['--name', '某项目', '--budget', '1,200万元', '--json', '--library', fresh]);
    expect(JSON.parse(written.out).project.budget.total).toBe(1200);
  });
});

describe('jixiao library import', () => {
  // Two seed disclosures, one in a sub-folder, a file no reader takes, and a hidden file left out.
  const dir = join(folder, 'import');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(dir, '.cache'), { recursive: true });
  copyFileSync(seed('000_ad7b01c3c3fb5737'), join(dir, '000.txt'));
  copyFileSync(seed('004_584bff0bac0b6d6f'), join(dir, 'sub', '004.txt'));
  let state = 7;
  writeFileSync(join(dir, 'x.pdf'), Uint8Array.from({ length: 4096 }, () => ((state = (state * 1103515245 + 12345) & 0x7fffffff), (state >> 16) & 255)));
  writeFileSync(join(dir, '.cache', 'notes.txt'), 'not a document');
  // A note beside the documents that quotes a table: read as text it would become a project.
  writeFileSync(join(dir, '000.source.json'), JSON.stringify({ notes: readFileSync(seed('000_ad7b01c3c3fb5737'), 'utf8').slice(0, 3000) }));
  const path = join(folder, 'imported.sqlite');

  it('adds every file it can read, lists the one it cannot, and says what the library holds per category', { timeout: 120_000 }, async () => {
    const result = await run(runLibrary, ['import', dir, '--province', '河北', '--library', path]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('read 2 of 3 file(s): added 2 document(s), 19 project(s)');
    expect(result.out).toContain('library: 2 documents, 19 projects');
    // Progress on stderr, file by file, then the failure with its reason.
    expect(result.err).toContain(`[1/3] ${join(dir, '000.txt')}`);
    expect(result.err).toContain(`[2/3] ${join(dir, 'sub', '004.txt')}`);
    expect(result.err).toContain(`[3/3] ${join(dir, 'x.pdf')}`);
    expect(result.err).toMatch(/could not read 1 of 3 file\(s\):\n {2}\S*x\.pdf: 不支持的文件格式.*（UNSUPPORTED_FORMAT）：/);
    expect(result.err + result.out).not.toContain('notes.txt');
    expect(result.err).toContain('1 file(s) left out, not documents by their names (.json)');

    const library = new SqliteLibrary(path);
    try {
      const categories = await library.categoryCounts();
      expect(categories.reduce((sum, entry) => sum + entry.projects, 0)).toBe(19);
      expect(result.out).toContain('by category:');
      for (const { category, projects } of categories) expect(result.out).toMatch(new RegExp(`^ {2}${category ?? '未分类'}\\u3000*\\s+${projects}$`, 'm'));
      // --province applies to every file.
      expect((await library.list()).every((project) => project.province === '河北')).toBe(true);
    } finally {
      await library.close();
    }
  });

  it('counts a second import of the same folder as files already in the library', { timeout: 120_000 }, async () => {
    const again = await run(runLibrary, ['import', dir, '--library', path]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('read 2 of 3 file(s): added 0 document(s), 0 project(s); skipped 2 file(s) already in the library');
    expect(again.out).toContain('library: 2 documents, 19 projects');
  });

  it('shows projects of no category as 未分类', { timeout: 60_000 }, async () => {
    const counts = vi.spyOn(SqliteLibrary.prototype, 'categoryCounts').mockResolvedValue([
      { category: '水利', projects: 3 },
      { category: null, projects: 2 },
    ]);
    try {
      const result = await run(runLibrary, ['import', dir, '--library', path]);
      expect(result.out).toMatch(/^ {2}水利\u3000\s+3$/m);
      expect(result.out).toMatch(/^ {2}未分类\s+2$/m);
    } finally {
      counts.mockRestore();
    }
  });

  it('exits 2 with a clear line when no file could be read or the folder is missing, 3 when it holds no document', { timeout: 60_000 }, async () => {
    const bad = join(folder, 'unreadable');
    mkdirSync(bad);
    writeFileSync(join(bad, 'x.pdf'), Buffer.from([0, 255, 1, 254, 2, 253, 3, 252].flatMap((byte) => Array(64).fill(byte))));
    const none = await run(runLibrary, ['import', bad, '--library', path]);
    expect(none.code).toBe(2);
    expect(none.err).toContain(`jixiao library import: ${bad} 下的 1 个文件都未能读取，没有加入任何项目`);
    const empty = join(folder, 'empty');
    mkdirSync(empty);
    const nothing = await run(runLibrary, ['import', empty, '--library', path]);
    expect(nothing.code).toBe(3);
    expect(nothing.err).toContain('文件夹里没有文档（按扩展名判断）（NO_DOCUMENTS）');
    const missing = await run(runLibrary, ['import', join(folder, 'missing'), '--library', path]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the folder');
    expect((await run(runLibrary, ['import', '--library', path])).code).toBe(1);
  });
});

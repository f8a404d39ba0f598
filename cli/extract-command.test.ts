// `jixiao extract`: what was not read is said on stderr, in Chinese, one line a warning, with its
// code beside it; the JSON on stdout; the exit codes of cli/exit.ts. The command runs in-process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extract } from '../pipeline/index.ts';
import { Extraction, type Warning } from '../schemas/extraction.ts';
import { chineseOf, runExtract, shortened, UNREAD_CODES, unreadLines } from './extract-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-extract-'));
const seed = fileURLToPath(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url));

/** A grid header over lines no reader can turn into rows. */
const GARBAGE = '一级指标\t二级指标\t三级指标\t指标值\n@@##$$ %% !!!\nqwerty zxcv\n~~~ ??? ;;;\n';

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runExtract(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

const file = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const warning = (code: string, message: string, text?: string): Warning => ({ code, message, loc: {}, ...(text === undefined ? {} : { text }) });

describe('unreadLines', () => {
  it('says each not-read warning in Chinese beside its code, the unread text shortened on the same line', () => {
    const lines = unreadLines({
      warnings: [
        warning('UNPARSED_TABLE', '表格像指标表但未能读出项目（第3行起）: table 1 looks like an indicator table but no project could be read from it', '一级指标\t二级指标\n  @@##  \n\nqwerty'),
        warning('ROW_UNALIGNED', '第7行未能对齐到表格的列: row 7 does not fit the columns', '产出指标 数量指标 ' + '很长的一行'.repeat(30)),
        warning('NO_INDICATORS', '项目“测试项目”没有读出绩效指标: no indicator rows were read for this project'),
        warning('NO_TABLES_FOUND', '未找到绩效目标表: no performance target table was found'),
      ],
    });
    expect(lines).toEqual([
      '表格像指标表但未能读出项目（第3行起）（UNPARSED_TABLE） 未读出：「一级指标 二级指标 / @@## / qwerty」',
      `第7行未能对齐到表格的列（ROW_UNALIGNED） 未读出：「${('产出指标 数量指标 ' + '很长的一行'.repeat(30)).slice(0, 60)}…」`,
      '项目“测试项目”没有读出绩效指标（NO_INDICATORS）',
      '未找到绩效目标表（NO_TABLES_FOUND）',
    ]);
    for (const line of lines) expect(line).not.toMatch(/\n/);
  });

  it('leaves out the other warnings (EMPTY_INPUT, LOW_OCR_CONFIDENCE …)', () => {
    expect(unreadLines({ warnings: [warning('EMPTY_INPUT', '输入为空: the input holds no text'), warning('LOW_OCR_CONFIDENCE', '置信度低: low confidence')] })).toEqual([]);
    expect(UNREAD_CODES).toEqual(['NO_TABLES_FOUND', 'UNPARSED_TABLE', 'NO_INDICATORS', 'ROW_UNALIGNED']);
  });

  it('falls back to its own Chinese when a message has none, and keeps terminal escapes out', () => {
    expect(chineseOf(warning('UNPARSED_TABLE', 'a table could not be read'))).toBe('有一段文字像指标表，但未能读出任何指标行');
    expect(chineseOf(warning('NO_TABLES_FOUND', '未找到\n绩效目标表'))).toBe('未找到 绩效目标表');
    expect(shortened('指标\u001b[2J值\u0007\r\n下一行')).toBe('指标 [2J值 / 下一行');
    expect(shortened('  \n\t\n')).toBe('');
    expect(shortened('一二三四五', 3)).toBe('一二三…');
  });
});

describe('jixiao extract FILE', { timeout: 60_000 }, () => {
  it('a table that cannot be read: the JSON on stdout, each not-read warning on stderr, exit 3 (nothing found)', async () => {
    const path = file('garbage.txt', GARBAGE);
    const result = await run([path]);
    expect(result.status).toBe(3);
    const read = await extract({ bytes: new TextEncoder().encode(GARBAGE), filename: 'garbage.txt' });
    if (!read.ok) throw new Error('the garbage should be read as text');
    expect(result.stdout).toBe(JSON.stringify(read.extraction) + '\n');
    const extraction = Extraction.parse(JSON.parse(result.stdout));
    expect(extraction.document.projects.flatMap((project) => project.indicators)).toEqual([]);

    const said = extraction.warnings.filter((w) => UNREAD_CODES.includes(w.code));
    // Whatever the extractor calls it (UNPARSED_TABLE today), nothing read is never silent.
    expect(said.length).toBeGreaterThan(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual(unreadLines(extraction));
    expect(lines.map((line) => /（([A-Z_]+)）/.exec(line)?.[1])).toEqual(said.map((w) => w.code));
    for (const line of lines) expect(line).toMatch(/^[\u4e00-\u9fff].*（[A-Z_]+）/);
  });

  it('a document with no table at all: NO_TABLES_FOUND on stderr, exit 3', async () => {
    const result = await run([file('prose.txt', '本单位2026年工作总结。\n全年完成各项任务。\n')]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).document.projects).toEqual([]);
    expect(result.stderr).toMatch(/^未找到绩效目标表.*（NO_TABLES_FOUND）/m);
  });

  it('a table that is read: stderr says only what the extraction says was not read (nothing, for this seed today)', async () => {
    const result = await run([seed]);
    expect(result.status).toBe(0);
    const extraction = Extraction.parse(JSON.parse(result.stdout));
    expect(extraction.document.projects.length).toBeGreaterThan(0);
    expect(result.stderr).toBe(unreadLines(extraction).map((line) => line + '\n').join(''));
    expect(result.stderr).not.toMatch(/NO_TABLES_FOUND|UNPARSED_TABLE/);
  });

  it('exit codes: 1 for bad usage, 2 with one line for a missing file, 3 with one line for an empty one; --help 0', async () => {
    const usage = await run([]);
    expect(usage.status).toBe(1);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^jixiao extract: 命令用法有误（USAGE）/);
    expect((await run(['--bogus', seed])).status).toBe(1);
    const missing = await run([join(dir, 'nope.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^jixiao extract: 找不到该文件（FILE_NOT_FOUND）：.*ENOENT\n$/);
    for (const empty of [new Uint8Array(), ' \n\t\n']) {
      const result = await run([file('empty.txt', empty)]);
      expect(result.status).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^jixiao extract: 输入为空[^\n]*（EMPTY_INPUT）[^\n]*\n$/);
    }
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: jixiao extract/);
  });
});

describe('jixiao extract --engine llm with a model that cannot be reached', () => {
  it('fails with one line and no JSON; --engine auto keeps the rules’ reading', async () => {
    // Port 9 (discard) has no listener here: every request is refused at once.
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    vi.stubEnv('OPENAI_API_KEY', 'test');
    vi.stubEnv('LLM_MAX_RETRIES', '0');
    try {
      const llm = await run(['--engine', 'llm', seed]);
      expect(llm.status).not.toBe(0);
      expect(llm.stdout).toBe('');
      expect(llm.stderr.trim().split('\n')).toHaveLength(1);
      expect(llm.status).toBe(2);
      expect(llm.stderr).toMatch(/^jixiao extract: 大模型没有应答.*（LLM_UNAVAILABLE）：the model answered none of the \d+ section\(s\)/);
      const auto = await run(['--engine', 'auto', seed]);
      expect(auto.status).toBe(0);
      expect(Extraction.parse(JSON.parse(auto.stdout)).document.projects.length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

// `jixiao validate` end to end: reports, JSON, folders, config files and exit codes. The command
// runs in-process (its output captured); one test goes through bin/jixiao.js for the wiring.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import { ValidationResult } from '../schemas/findings.ts';
import { runValidate } from './validate-command.ts';

const seeds = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));
const seed000 = join(seeds, '000_ad7b01c3c3fb5737.txt');
const seed002 = join(seeds, '002_b681af093c63d6a7.txt');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-validate-'));

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runValidate(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('jixiao validate FILE', { timeout: 60_000 }, () => {
  it('prints findings grouped by project, in Chinese and English, and exits 4 on an error-level finding', async () => {
    const result = await run([seed002]);
    expect(result.status).toBe(4);
    expect(result.stdout).toContain('9 个项目 projects');
    expect(result.stdout).toMatch(/\[3\] 2022年冻肉储备补贴专项资金[^\n]*\n {2}警告 warning {2}TITLE_NAME_MISMATCH\n {4}表格标题“3、2022年度蔬菜储备补贴专项资金绩效目标表”[^\n]*\n {4}The heading /);
    expect(result.stdout).toContain('错误 error  COST_EXCEEDS_BUDGET');
  });

  it('exits 0 when there are warnings and hints only', async () => {
    const result = await run([seed000]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('错误 0，');
  });

  it('--json prints the findings and the counts in the ValidationResult shape', async () => {
    const body = ValidationResult.parse(JSON.parse((await run([seed002, '--json'])).stdout));
    expect(body.file).toBe(seed002);
    expect(body.findings).toHaveLength(body.summary.counts.total);
    expect(body.summary.byRule.TITLE_NAME_MISMATCH).toBe(1);
    expect(body.summary.byProject).toHaveLength(9);
  });

  it('--summary prints counts per rule and per project, projects with errors first', async () => {
    const result = await run([seed002, '--summary']);
    expect(result.stdout).toContain('按规则 by rule:');
    expect(result.stdout).toMatch(/TITLE_NAME_MISMATCH +1 {2}表格标题与项目名称不是同一个项目 \/ /);
    // #4: ≤30万元 on a 15.5万元 budget (error), 及时 and 明显 (warnings), four hints.
    expect(result.stdout).toMatch(/\n +1 +2 +4 {2}#4 2022年度弥补人员工资\n/);
    expect(result.stdout.indexOf('#4 2022年度弥补人员工资')).toBeLessThan(result.stdout.indexOf('#3 2022年冻肉储备补贴专项资金'));
  });

  it('reads an extraction JSON as such, and --config switches rules off', async () => {
    const extractionPath = join(dir, 'extraction.json');
    writeFileSync(extractionPath, JSON.stringify(extractText(readFileSync(seed002, 'utf8'))));
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ disabled: ['COST_EXCEEDS_BUDGET', 'VALUE_MISSING'] }));
    const fromJson = JSON.parse((await run([extractionPath, '--json'])).stdout);
    expect(fromJson.findings).toEqual(JSON.parse((await run([seed002, '--json'])).stdout).findings);
    const relaxed = await run([extractionPath, '--json', '--config', configPath]);
    expect(relaxed.status).toBe(0);
    expect(JSON.parse(relaxed.stdout).summary.byRule.COST_EXCEEDS_BUDGET).toBeUndefined();
  });

  it('refuses a bad config and a bad command line with exit 1, a missing file with 2; nothing to review is 3; --help 0', async () => {
    const configPath = join(dir, 'bad-config.json');
    writeFileSync(configPath, JSON.stringify({ minIndicators: 'five' }));
    const badConfig = await run([seed000, '--config', configPath]);
    expect(badConfig.status).toBe(1);
    expect(badConfig.stderr).toContain('minIndicators');
    writeFileSync(configPath, JSON.stringify({ disabled: ['UNIT_MISING'] }));
    expect((await run([seed000, '--config', configPath])).status).toBe(1);
    const missing = await run([join(dir, 'missing.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/找不到该文件（FILE_NOT_FOUND）/);
    expect((await run([])).status).toBe(1);
    expect((await run([seed000, '--fast'])).status).toBe(1);
    const prosePath = join(dir, 'prose.txt');
    writeFileSync(prosePath, '本单位2026年工作总结。\n全年完成各项任务。\n');
    const prose = await run([prosePath]);
    expect(prose.status).toBe(3);
    expect(prose.stderr).toMatch(/未找到绩效目标表.*（NO_TABLES_FOUND）/);
    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: jixiao validate/);
  });
});

describe('jixiao validate DIR', { timeout: 60_000 }, () => {
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  copyFileSync(seed000, join(folder, 'a.txt'));
  copyFileSync(seed002, join(folder, 'b.txt'));
  copyFileSync(join(seeds, '002_b681af093c63d6a7.gold.json'), join(folder, 'b.gold.json'));

  it('--summary counts per rule and per project and file, skipping JSON that is no extraction', async () => {
    const result = await run([folder, '--summary', '--json']);
    expect(result.status).toBe(4);
    const body = JSON.parse(result.stdout);
    expect(body.files.map((file: { file: string }) => file.file)).toEqual(['a.txt', 'b.txt']);
    expect(body.files[0].findings).toBeUndefined();
    expect(body.summary.projects).toBe(21);
    expect(body.summary.byProject.filter((project: { file: string }) => project.file === 'b.txt')).toHaveLength(9);
    const text = (await run([folder, '--summary'])).stdout;
    expect(text).not.toContain('[1] ');
    expect(text).toMatch(/TITLE_NAME_MISMATCH +1 /);
    expect(text).toContain('b.txt #4 2022年度弥补人员工资');
  });

  it('without --summary prints each file’s report before the counts', async () => {
    const text = (await run([folder])).stdout;
    expect(text.indexOf('a.txt: 12 个项目 projects')).toBeLessThan(text.indexOf('b.txt: 9 个项目 projects'));
    expect(text.indexOf('b.txt: 9 个项目 projects')).toBeLessThan(text.indexOf('按规则 by rule:'));
  });
});

describe('bin/jixiao.js validate', () => {
  it('reads standard input and sets the exit code', { timeout: 60_000 }, () => {
    const bin = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'validate', '-', '--json'], { input: readFileSync(seed002), encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: null, summary: { projects: 9 } });
  });
});

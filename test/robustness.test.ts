// Bad input ends in exit 2 or an empty result with warnings: never a crash or a hang.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract, extractText } from '../pipeline/index.ts';
import { Extraction } from '../schemas/extraction.ts';

const bin = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));

function runCli(args: string[], input?: string | Buffer) {
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

describe('bad input', () => {
  it('a zero-byte file is refused with EMPTY_INPUT', async () => {
    const result = await extract({ bytes: new Uint8Array() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('EMPTY_INPUT');
  });

  it('whitespace-only input is refused with EMPTY_INPUT, as a file and as pasted text alike', async () => {
    const result = await extract({ bytes: new TextEncoder().encode(' \n\t\n') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('EMPTY_INPUT');
    expect(() => extractText(' \n\t\n')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => extractText('')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });

  it('binary bytes are refused with UNSUPPORTED_FORMAT', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const result = await extract({ bytes });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('20 MB of random text ends in an empty result with a warning', async () => {
    const alphabet = '的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要\t\n 0123456789%≥≤项目指标';
    const random = randomBytes(20 * 1024 * 1024);
    let text = '';
    const chunk: string[] = [];
    for (let i = 0; i < random.length / 3; i++) chunk.push(alphabet[(random[i] ?? 0) % alphabet.length] ?? ' ');
    text = chunk.join('');
    const result = await extract({ bytes: new TextEncoder().encode(text) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(() => Extraction.parse(result.extraction)).not.toThrow();
    expect(result.extraction.warnings.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('jixiao extract (CLI)', () => {
  it('prints the contract JSON for a file, indented with --pretty', () => {
    const file = join(dir, 'table.txt');
    writeFileSync(file, '1.测试项目绩效目标表\n\t项目名称\n\t测试项目\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t培训人数\n\t≥10人\n');
    const run = runCli(['extract', file, '--pretty']);
    expect(run.status).toBe(0);
    const output = Extraction.parse(JSON.parse(run.stdout));
    expect(output.source.filename).toBe('table.txt');
    expect(output.document.projects[0]?.indicators[0]?.value).toEqual({ raw: '≥10人', kind: 'numeric', op: '>=', number: 10, unit: '人' });
    expect(run.stdout).toContain('\n  "schemaVersion"');
  });

  it('reads standard input with -', () => {
    const run = runCli(['extract', '-'], '\t项目名称\n\t标准输入项目\n');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).document.projects[0].name).toBe('标准输入项目');
  });

  it('exits 2 with one line naming the problem for binary input and a missing file', () => {
    const binary = runCli(['extract', '-'], Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)));
    expect(binary.status).toBe(2);
    expect(binary.stderr.trim().split('\n')).toHaveLength(1);
    expect(binary.stderr).toContain('UNSUPPORTED_FORMAT');
    const missing = runCli(['extract', join(dir, 'nope.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });
});

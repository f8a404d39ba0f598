// The bin as a script meets it: --help and --version exit 0 with the text on stdout, for the command
// and each subcommand; no command and an unknown one are usage errors (exit 1).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('jixiao --help, --version and usage errors', () => {
  it('--version prints the package version', () => {
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });

  for (const command of [[], ['extract'], ['validate'], ['library'], ['draft'], ['eval'], ['gold'], ['serve']]) {
    it(`jixiao ${[...command, '--help'].join(' ')} exits 0 with its usage`, () => {
      const result = run(...command, '--help');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^usage: jixiao ${command[0] ?? '<command>'}`));
      expect(result.stderr).toBe('');
    });
  }

  it('no command, or an unknown one, is a usage error (exit 1) said in Chinese with its code', () => {
    expect(run().status).toBe(1);
    const unknown = run('extrakt');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^jixiao: 命令用法有误（USAGE）：未知命令 'extrakt'/);
  });
});

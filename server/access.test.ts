// What counts as loopback, and the start refused where anyone on the network could change the
// library: HOST beyond loopback without JIXIAO_TOKEN stops `npm start` with a message naming it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { accessProblem, isLoopbackHost } from './access.ts';
import { readConfig } from './config.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'jixiao-access-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('loopback', () => {
  it('is 127.0.0.0/8, ::1 (and IPv4-mapped 127/8) and localhost, and nothing else', () => {
    const loopback = ['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST', 'localhost.'];
    const beyond = ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', '128.0.0.1', '126.255.255.255', '::2', '::ffff:10.0.0.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io', 'my-host', ''];
    expect(loopback.filter((host) => !isLoopbackHost(host))).toEqual([]);
    expect(beyond.filter((host) => isLoopbackHost(host))).toEqual([]);
  });
});

describe('settings that would open the library to the network', () => {
  it('are refused by readConfig, naming JIXIAO_TOKEN and HOST', () => {
    const open = readConfig({ HOST: '0.0.0.0' });
    expect(open.ok).toBe(false);
    if (!open.ok) {
      expect(open.problems).toHaveLength(1);
      expect(open.problems[0]).toMatch(/^JIXIAO_TOKEN: HOST is 0\.0\.0\.0, not a loopback address/);
    }
    expect(readConfig({ HOST: '0.0.0.0', JIXIAO_TOKEN: 'abcdefghijklmnop0123' }).ok).toBe(true);
    expect(readConfig({ HOST: '::1' }).ok).toBe(true);
    expect(readConfig({ HOST: 'localhost', JIXIAO_TOKEN: '' }).ok).toBe(true);
    const short = readConfig({ HOST: '0.0.0.0', JIXIAO_TOKEN: 'short' });
    expect(!short.ok && short.problems[0]).toMatch(/^JIXIAO_TOKEN:/);
    expect(accessProblem({ HOST: '192.168.1.5', JIXIAO_TOKEN: undefined })).toContain('JIXIAO_TOKEN');
  });

  it('reads CORS_ORIGINS as a list of origins, and refuses one with a path', () => {
    const read = readConfig({ CORS_ORIGINS: 'https://budget.example.gov.cn, http://localhost:5173' });
    expect(read.ok && read.config.CORS_ORIGINS).toEqual(['https://budget.example.gov.cn', 'http://localhost:5173']);
    expect(readConfig({}).ok && (readConfig({}) as { config: { CORS_ORIGINS: string[] } }).config.CORS_ORIGINS).toEqual([]);
    const bad = readConfig({ CORS_ORIGINS: 'https://budget.example.gov.cn/app' });
    expect(!bad.ok && bad.problems[0]).toMatch(/^CORS_ORIGINS/);
  });
});

/** Runs `npm start`'s entry with these settings until it exits or says it listens. */
function start(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  // None of the settings of the environment the tests run in: only these.
  const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { PATH: process.env.PATH ?? '', PORT: '0', JIXIAO_LIBRARY: ':memory:', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening')) child.kill('SIGTERM');
    });
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('npm start', () => {
  it('refuses a HOST beyond loopback without JIXIAO_TOKEN: exit 2, the setting named, nothing listening', { timeout: 60_000 }, async () => {
    const refused = await start({ HOST: '0.0.0.0' });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('JIXIAO_TOKEN');
    expect(refused.err).toContain('HOST is 0.0.0.0');
    expect(refused.out).not.toContain('listening');
    expect(refused.err).not.toMatch(/\n\s+at /);
  });

  it('starts on loopback without a token', { timeout: 60_000 }, async () => {
    const started = await start({ HOST: '127.0.0.1' });
    expect(started.out).toContain('jixiao listening on http://127.0.0.1:');
  });

  it('stops with the library’s code when JIXIAO_LIBRARY is no SQLite file', { timeout: 60_000 }, async () => {
    const path = join(folder, 'notes.sqlite');
    writeFileSync(path, 'not a database; '.repeat(20));
    const stopped = await start({ JIXIAO_LIBRARY: path });
    expect(stopped.code).toBe(2);
    expect(stopped.err).toContain('LIBRARY_UNAVAILABLE');
    expect(stopped.err).toContain(path);
    expect(stopped.err).not.toMatch(/\n\s+at /);
  });
});

// The shared queue against a real PostgreSQL (test/support/postgres.ts) and real `jixiao worker`
// processes (the compiled CLI): a worker killed with SIGKILL mid-job leaves the job to another, and
// the library holds its projects once; jobs queued while the server is down are read afterwards.
// No speed is asserted: the timeouts only catch a test that never ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresForTests } from '../test/support/postgres.ts';
import { createServer } from './app.ts';
import { defaultConfig } from './config.ts';
import type { JobBody } from './jobs.ts';

const postgres = postgresForTests();
const BIN = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
// Long enough for an OCR page on a busy machine; a job left by a killed worker is given to another after it and 15 s.
const TASK_TIMEOUT_SECONDS = '45';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function jixiao(url: string, args: string[]): ChildProcess & { output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: url, TASK_TIMEOUT_SECONDS, JOB_CONCURRENCY: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return Object.assign(child, { output: () => output, exited });
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 240_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > end) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startWorker(url: string) {
  const worker = jixiao(url, ['worker']);
  await until('the worker to start', async () => worker.output().includes('taking jobs') || (worker.exitCode !== null && Promise.reject(new Error(worker.output()))));
  return worker;
}

describe('jobs on pg-boss, read by `jixiao worker` processes', () => {
  it('a worker killed with SIGKILL mid-job: another reads it, and the library holds each project once', { timeout: 400_000 }, async () => {
    const url = await postgres.newDatabase();
    const folder = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
    // A photo: read by OCR, seconds long, so the first worker is surely mid-job when it is killed.
    copyFileSync(join(FIXTURES, 'baoding-photo.jpg'), join(folder, 'baoding-photo.jpg'));
    const db = new pg.Client({ connectionString: url });
    try {
      const first = await startWorker(url);
      const importing = jixiao(url, ['library', 'import', folder]);
      await db.connect();
      const taken = await until('the first worker to take the job', async () => {
        const { rows } = await db.query<{ status: string; worker: string | null }>("SELECT status, worker FROM jixiao_jobs WHERE kind = 'library-add'");
        return rows[0]?.status === 'running' && rows[0].worker?.endsWith(`:${first.pid}`) ? rows[0] : null;
      });
      expect(taken.status).toBe('running');
      first.kill('SIGKILL');
      await first.exited;
      const second = await startWorker(url);
      expect(await importing.exited).toBe(0);
      const { rows } = await db.query<{ status: string; worker: string; attempts: number; upload: Buffer | null }>("SELECT status, worker, attempts, upload FROM jixiao_jobs WHERE kind = 'library-add'");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'done', worker: expect.stringMatching(new RegExp(`:${second.pid}$`)), upload: null });
      expect(rows[0]!.attempts).toBeGreaterThanOrEqual(2);
      const projects = await db.query<{ dedupe_key: string; n: string }>('SELECT dedupe_key, count(*) AS n FROM projects GROUP BY dedupe_key');
      expect(projects.rows.length).toBeGreaterThan(0);
      expect(projects.rows.every((row) => row.n === '1')).toBe(true);
      expect((await db.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(1);

      // The same folder again: read, and refused by the library as the same file.
      const again = jixiao(url, ['library', 'import', folder]);
      expect(await again.exited).toBe(0);
      expect(again.output()).toContain('already in the library');
      expect((await db.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(1);
    } finally {
      await db.end().catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('jobs queued while the server is down are read afterwards, and their progress reaches the event stream', { timeout: 400_000 }, async () => {
    const url = await postgres.newDatabase();
    const config = defaultConfig({ DATABASE_URL: url, TASK_TIMEOUT_SECONDS: Number(TASK_TIMEOUT_SECONDS) });
    const text = readFileSync(join(FIXTURES, 'baoding.pdftotext.txt'), 'utf8');
    const before = createServer(config);
    const submitted: JobBody[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await before.app.request('/api/extract/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(response.status).toBe(202);
      submitted.push((await response.json()) as JobBody);
    }
    await before.close();

    const after = createServer(config);
    try {
      for (const job of submitted) {
        const response = await after.app.request(`/api/extract/jobs/${job.id}`);
        expect(((await response.json()) as JobBody).status).toBe('queued');
      }
      const events = Promise.resolve(after.app.request(`/api/extract/jobs/${submitted[0]!.id}/events`)).then((response) => response.text());
      await startWorker(url);
      for (const job of submitted) {
        const done = await until('the job to end', async () => {
          const body = (await (await after.app.request(`/api/extract/jobs/${job.id}`)).json()) as JobBody;
          return body.status === 'done' || body.status === 'failed' ? body : null;
        });
        expect(done.status).toBe('done');
        expect(done.result?.document.projects.length).toBeGreaterThan(0);
      }
      const stream = await events;
      expect(stream).toContain('event: status');
      expect(stream).toMatch(/"status":"done"/);

      // A deleted job is gone, and a job id that is not one is simply not found.
      expect((await after.app.request(`/api/extract/jobs/${submitted[1]!.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await after.app.request(`/api/extract/jobs/${submitted[1]!.id}`)).status).toBe(404);
      expect((await after.app.request('/api/extract/jobs/not-a-job')).status).toBe(404);
    } finally {
      await after.close();
    }
  });

  it('`library import` lists the documents that failed with why, and --retry-failed sends them again', { timeout: 400_000 }, async () => {
    const url = await postgres.newDatabase();
    const folder = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
    copyFileSync(join(FIXTURES, 'baoding.docx'), join(folder, 'baoding.docx'));
    writeFileSync(join(folder, 'chengde.pdf'), '%PDF-1.4\n1 0 obj broken');
    try {
      const worker = await startWorker(url);
      const first = jixiao(url, ['library', 'import', folder]);
      expect(await first.exited).toBe(0);
      expect(first.output()).toMatch(/could not read 1 of 2 file\(s\)/);
      expect(first.output()).toMatch(/chengde\.pdf: .*（[A-Z_]+）/);
      // The file mended where it was imported from, and sent again.
      copyFileSync(join(FIXTURES, 'chengde.pdf'), join(folder, 'chengde.pdf'));
      const retried = jixiao(url, ['library', 'import', '--retry-failed']);
      expect(await retried.exited).toBe(0);
      expect(retried.output()).toContain('read 1 of 1 file(s): added 1 document(s)');
      const nothing = jixiao(url, ['library', 'import', '--retry-failed']);
      expect(await nothing.exited).toBe(3);
      // Stopped as a service manager stops it: it lets go of the database and ends with 0.
      worker.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('moves an office’s SQLite library into PostgreSQL: `library export | library import -`, once however often it is run', { timeout: 400_000 }, async () => {
    const url = await postgres.newDatabase();
    const folder = mkdtempSync(join(tmpdir(), 'jixiao-office-'));
    const office = join(folder, 'office.sqlite');
    try {
      const added = jixiao('', ['library', 'add', join(FIXTURES, 'baoding.docx'), join(FIXTURES, 'chengde.docx'), '--library', office]);
      expect(await added.exited).toBe(0);
      const projects = Number(/library: \d+ documents, (\d+) projects/.exec(added.output())?.[1]);
      expect(projects).toBeGreaterThan(0);
      for (const round of [1, 2]) {
        const exporting = jixiao('', ['library', 'export', '--library', office]);
        const importing = spawn(process.execPath, [BIN, 'library', 'import', '-'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
        started.push(importing);
        exporting.stdout!.pipe(importing.stdin!);
        let said = '';
        importing.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
        importing.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
        expect(await new Promise((resolve) => importing.once('exit', resolve))).toBe(0);
        expect(said).toContain(`library: 2 documents, ${projects} projects`);
        if (round === 2) expect(said).toContain('added 0 document(s), 0 project(s); 2 document(s) already moved');
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

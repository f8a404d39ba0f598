// `jixiao library import DIR…` when the library is PostgreSQL: every document is sent to the shared
// queue, read by `jixiao worker` processes and added to the library there; this command shows how
// far they have got, and at the end the failures with their reasons. `--retry-failed` sends the
// failed documents of earlier imports again, read afresh from where they were imported from.
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { AddOptions, AddResult } from '../library/store.ts';
import { shownLocation } from '../library/open.ts';
import { defaultConfig } from '../server/config.ts';
import { connectJobs, type JobsDatabase } from '../server/queue.ts';
import { errorLine } from '../vocab/error-messages.ts';
import { EXIT } from './exit.ts';

type ReadBytes = (file: string) => Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }>;

const POLL_MS = 1000;

async function enqueue(db: JobsDatabase, batch: string, file: string, read: Awaited<ReturnType<ReadBytes>>, place: AddOptions, existing: string | null): Promise<void> {
  const path = resolve(file);
  const task = { kind: 'extract', filename: basename(file), limits: {}, engine: 'rules' };
  const error = read.ok ? null : { code: 'FILE_UNREADABLE', message: read.reason };
  const upload = read.ok ? Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) : null;
  const id = existing ?? randomUUID();
  // A file that cannot be read here is a failed job at once: listed with the others, and retried with them.
  await db.pool.query(
    `INSERT INTO jixiao_jobs (id, kind, batch, status, filename, source_path, task, place, upload, error, finished_at)
     VALUES ($1, 'library-add', $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $3 = 'failed' THEN now() END)
     ON CONFLICT (id) DO UPDATE SET batch = $2, status = $3, task = $6, upload = $8, error = $9, result = NULL, added = NULL, progress = NULL, attempts = 0,
       finished_at = CASE WHEN $3 = 'failed' THEN now() END`,
    [id, batch, read.ok ? 'queued' : 'failed', basename(file), path, task, place, upload, error],
  );
  if (!read.ok) return;
  const bossId = await db.send(id);
  await db.pool.query('UPDATE jixiao_jobs SET boss_id = $2 WHERE id = $1', [id, bossId]);
}

/** Waits for the batch's jobs to end, saying how far they are whenever it changes. */
async function follow(db: JobsDatabase, batch: string, total: number): Promise<void> {
  let said = '';
  let since = Date.now();
  for (;;) {
    const { rows } = await db.pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM jixiao_jobs WHERE batch = $1 GROUP BY status', [batch]);
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
    const ended = count('done') + count('failed');
    const line = `[${ended}/${total}] read ${count('done')}, failed ${count('failed')}, reading ${count('running')}, waiting ${count('queued')}`;
    if (line !== said) {
      process.stderr.write(`${line}\n`);
      said = line;
      since = Date.now();
    } else if (count('running') === 0 && Date.now() - since > 30_000) {
      process.stderr.write('no worker has taken a job for 30 s: start one with `jixiao worker` and the same DATABASE_URL (Ctrl-C leaves the jobs queued)\n');
      since = Date.now();
    }
    if (ended >= total) return;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** What the batch added, and its failures with their reasons; exit as `library import` does. */
async function summary(db: JobsDatabase, batch: string, total: number): Promise<number> {
  const { rows } = await db.pool.query<{ status: string; source_path: string; added: AddResult | null; error: { code: string; message: string } | null }>(
    'SELECT status, source_path, added, error FROM jixiao_jobs WHERE batch = $1 ORDER BY source_path',
    [batch],
  );
  const done = rows.filter((row) => row.status === 'done' && row.added);
  const projects = done.reduce((sum, row) => sum + (row.added?.added ?? 0), 0);
  const documents = done.filter((row) => row.added?.documentId !== null).length;
  const already = done.filter((row) => row.added?.duplicateOfDocument !== null).length;
  process.stdout.write(`read ${done.length} of ${total} file(s): added ${documents} document(s), ${projects} project(s)${already > 0 ? `; ${already} file(s) already in the library` : ''}\n`);
  const { rows: counts } = await db.pool.query<{ documents: string; projects: string }>('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM projects) AS projects');
  process.stdout.write(`library: ${counts[0]?.documents ?? 0} documents, ${counts[0]?.projects ?? 0} projects\n`);
  const failed = rows.filter((row) => row.status === 'failed');
  if (failed.length > 0) {
    process.stderr.write(`could not read ${failed.length} of ${total} file(s) (send them again with jixiao library import --retry-failed):\n`);
    for (const row of failed) process.stderr.write(`  ${row.source_path}: ${row.error ? errorLine(row.error.code, row.error.message) : 'failed'}\n`);
  }
  return done.length === 0 ? EXIT.unreadable : EXIT.ok;
}

/** Sends the files (or, with `retryFailed`, every failed file of earlier imports) and follows them to the end. */
export async function importThroughQueue(url: string, files: readonly string[], place: AddOptions, readBytes: ReadBytes, retryFailed: boolean): Promise<number> {
  const config = defaultConfig();
  let db: JobsDatabase;
  try {
    db = await connectJobs(url, Number(process.env.TASK_TIMEOUT_SECONDS) || config.TASK_TIMEOUT_SECONDS);
  } catch (error) {
    process.stderr.write(`jixiao library import: ${errorLine('LIBRARY_UNAVAILABLE', `${shownLocation(url)}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return EXIT.unreadable;
  }
  try {
    const batch = randomUUID();
    const sent: { file: string; id: string | null; place: AddOptions }[] = retryFailed
      ? (
          await db.pool.query<{ id: string; source_path: string; place: AddOptions | null }>(`SELECT id, source_path, place FROM jixiao_jobs WHERE kind = 'library-add' AND status = 'failed' ORDER BY source_path`)
        ).rows.map((row) => ({ file: row.source_path, id: row.id, place: row.place ?? {} }))
      : files.map((file) => ({ file, id: null, place }));
    if (sent.length === 0) {
      process.stderr.write('jixiao library import: no failed document to send again\n');
      return EXIT.nothingFound;
    }
    for (const [index, entry] of sent.entries()) {
      await enqueue(db, batch, entry.file, await readBytes(entry.file), entry.place, entry.id);
      if ((index + 1) % 100 === 0) process.stderr.write(`sent ${index + 1} of ${sent.length}\n`);
    }
    process.stderr.write(`sent ${sent.length} document(s) to the queue of ${shownLocation(url)}; read by \`jixiao worker\` processes\n`);
    await follow(db, batch, sent.length);
    return await summary(db, batch, sent.length);
  } finally {
    await db.close();
  }
}

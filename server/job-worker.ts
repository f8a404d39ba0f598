// A worker of the shared queue (`jixiao worker`): takes jobs from pg-boss, reads each under the
// same budgets as the server's own readings (TaskRunner: time, memory, cancellation), writes its
// progress and result to jixiao_jobs and tells the server by NOTIFY. A document of `library import`
// is added to the library here too. Whatever a worker does twice — a job it took and then lost to
// expiry, a retry after a dead worker — ends the same: the row is finished once (the first to finish
// wins), and the library takes a document once (it refuses a second copy by its content hash).
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { LibraryError } from '../library/errors.ts';
import { openLibrary } from '../library/open.ts';
import type { LibraryStore } from '../library/store.ts';
import { LlmConfig } from '../llm/config.ts';
import type { EngineName } from '../schemas/extraction.ts';
import type { ServerConfig } from './config.ts';
import { connectJobs, notifyJob, READING_QUEUE, type JobsDatabase } from './queue.ts';
import type { Progress, Task, TaskEngine, TaskOutcome } from './tasks/messages.ts';
import { TaskRunner } from './tasks/runner.ts';

/** Failures another try may mend: a reading worker that died (not a document's own fault), a library out of reach. */
const TRANSIENT = new Set(['INTERNAL', 'LIBRARY_BUSY', 'LIBRARY_UNAVAILABLE']);

/** Progress written at most this often: an OCR reports every line. */
const PROGRESS_EVERY_MS = 250;

interface Claimed {
  kind: 'read' | 'library-add';
  task: { kind: 'extract' | 'extract-text'; filename?: string | null; text?: string; limits: object; engine: EngineName };
  upload: Buffer | null;
  place: { region?: string | null; province?: string | null } | null;
}

export interface JobWorker {
  /** what this worker calls itself in the jobs it takes (host and process) */
  name: string;
  stop(): Promise<void>;
}

function engineOf(name: EngineName, config: ServerConfig): TaskEngine {
  const llm = config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? LlmConfig.parse(config) : null;
  return { name: name !== 'rules' && !llm ? 'rules' : name, llm: name === 'rules' ? null : llm };
}

/** Starts taking jobs; `concurrency` of them at once (JOB_CONCURRENCY). */
export async function startJobWorker(url: string, config: ServerConfig): Promise<JobWorker> {
  const name = `${hostname()}:${process.pid}`;
  const db = await connectJobs(url, config.TASK_TIMEOUT_SECONDS);
  const runner = new TaskRunner({ workers: config.JOB_CONCURRENCY, queueSize: config.JOB_CONCURRENCY, taskTimeoutMs: config.TASK_TIMEOUT_SECONDS * 1000, workerMemoryMb: config.WORKER_MEMORY_MB });
  let library: LibraryStore | null = null;
  const libraryOf = () => (library ??= openLibrary(url));
  const handle = async (job: PgBoss.JobWithMetadata<{ jobId: string }>) => {
    const lastTry = job.retryCount >= job.retryLimit;
    try {
      await take(db, job.data.jobId, name, config, runner, libraryOf, lastTry);
    } catch (error) {
      // The database or the library failed us: pg-boss tries again later, and on the last try the job fails with why.
      if (!lastTry) throw error;
      await finish(db, job.data.jobId, { status: 'failed', error: { code: error instanceof LibraryError ? error.code : 'INTERNAL', message: error instanceof Error ? error.message : String(error) } }).catch(() => {});
    }
  };
  // One job per fetch, as many handlers as reading threads: a job waits in pg-boss, where another worker may take it, rather than here.
  for (let i = 0; i < config.JOB_CONCURRENCY; i++) {
    await db.boss.work<{ jobId: string }>(READING_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await handle(job);
    });
  }
  return {
    name,
    async stop() {
      await db.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
      await runner.close();
      await library?.close();
      await db.pool.end().catch(() => {});
    },
  };
}

async function take(db: JobsDatabase, id: string, worker: string, config: ServerConfig, runner: TaskRunner, libraryOf: () => LibraryStore, lastTry: boolean): Promise<void> {
  // A job deleted meanwhile, or finished by another worker that held it before: nothing to do.
  const { rows } = await db.pool.query<Claimed>(
    `UPDATE jixiao_jobs SET status = 'running', worker = $2, attempts = attempts + 1, progress = NULL WHERE id = $1 AND status IN ('queued', 'running') RETURNING kind, task, upload, place`,
    [id, worker],
  );
  const claimed = rows[0];
  if (!claimed) return;
  await notifyJob(db.pool, { id, type: 'status' });
  const engine = engineOf(claimed.task.engine, config);
  const limits = claimed.task.limits;
  const task: Task =
    claimed.task.kind === 'extract'
      ? { kind: 'extract', bytes: new Uint8Array(claimed.upload ?? []), filename: claimed.task.filename ?? null, limits, engine }
      : { kind: 'extract-text', text: claimed.task.text ?? '', limits, engine };
  const abort = new AbortController();
  let written = 0;
  const onProgress = (progress: Progress) => {
    const now = Date.now();
    if (now - written < PROGRESS_EVERY_MS && progress.done < progress.total) return;
    written = now;
    // The row gone (the job deleted) or taken by another worker: this reading is no one's any more.
    void db.pool
      .query('UPDATE jixiao_jobs SET progress = $2 WHERE id = $1 AND worker = $3 AND status = $4', [id, progress, worker, 'running'])
      .then((result) => (result.rowCount === 0 ? abort.abort() : notifyJob(db.pool, { id, type: 'progress', progress })))
      .catch(() => {});
  };
  const outcome: TaskOutcome = await runner.run(task, { signal: abort.signal, transfer: true, onProgress });
  if (abort.signal.aborted) return;
  if (!outcome.ok) {
    if (TRANSIENT.has(outcome.code) && !lastTry) throw new Error(`${outcome.code}: ${outcome.message}`);
    await finish(db, id, { status: 'failed', error: { code: outcome.code, message: outcome.message } });
    return;
  }
  if (!('extraction' in outcome)) throw new Error('a reading task returned no extraction');
  if (claimed.kind === 'read') {
    await finish(db, id, { status: 'done', result: outcome.extraction });
    return;
  }
  // A document of an import that holds no table is one to look at, not a success that added nothing.
  const { document } = outcome.extraction;
  if (document.projects.length === 0 && document.objectives.length === 0) {
    await finish(db, id, { status: 'failed', error: { code: 'NO_TABLES_FOUND', message: 'no table of project targets was found in the document' } });
    return;
  }
  // LibraryError rejects to the caller: retried, and failed with its code on the last try.
  const added = await libraryOf().add(outcome.extraction, claimed.place ?? {});
  await finish(db, id, { status: 'done', added });
}

/** Ends the job once: the upload dropped, the result or the error kept; a row already ended stays as it was. */
async function finish(db: JobsDatabase, id: string, end: { status: 'done' | 'failed'; result?: unknown; added?: unknown; error?: { code: string; message: string } }): Promise<void> {
  const { rowCount } = await db.pool.query(
    `UPDATE jixiao_jobs SET status = $2, result = $3, added = $4, error = $5, upload = NULL, progress = NULL, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, end.status, end.result ?? null, end.added ?? null, end.error ?? null],
  );
  if (rowCount) await notifyJob(db.pool, { id, type: 'status' });
}

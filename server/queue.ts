// The reading queue when the server and its workers share PostgreSQL: pg-boss carries each job's id
// to a worker (who takes it, retries with backoff, a job left by a dead worker given to another);
// the table jixiao_jobs (library/migrations/0002_jobs.sql) holds what is shown of the job. The
// server (postgres-jobs.ts), the workers (job-worker.ts) and `library import` all connect here.
import PgBoss from 'pg-boss';
import pg from 'pg';
import { z } from 'zod';
import { migratePool } from '../library/migrate.ts';
import { Extraction } from '../schemas/extraction.ts';
import type { JobBody } from './jobs.ts';

export const READING_QUEUE = 'jixiao-reading';
/** NOTIFY channel: `{ id, type: 'progress', progress }` or `{ id, type: 'status' }` (read the row for it). */
export const JOB_CHANNEL = 'jixiao_jobs';

/** Tries of a job: a worker that dies or a database out of reach is met again after 5, 10, 20 s. */
const RETRY = { retryLimit: 3, retryDelay: 5, retryBackoff: true } as const;

/**
 * A job taken by a worker that then goes silent (killed, its machine gone) is given to another once
 * it has run past the reading's own time limit (the worker stops a reading there itself) and a margin
 * for writing its result. pg-boss looks for such jobs every quarter of that time.
 */
export function queueTimes(taskTimeoutSeconds: number): { expireInSeconds: number; maintenanceIntervalSeconds: number } {
  const expireInSeconds = Math.ceil(taskTimeoutSeconds) + 15;
  return { expireInSeconds, maintenanceIntervalSeconds: Math.min(60, Math.max(1, Math.ceil(expireInSeconds / 4))) };
}

export interface JobsDatabase {
  pool: pg.Pool;
  boss: PgBoss;
  /** sends a job's id to the queue; the pg-boss job's id */
  send(jobId: string): Promise<string>;
  close(): Promise<void>;
}

/** Connects, brings the tables up to date, and starts pg-boss (making its schema and the queue when missing). */
export async function connectJobs(url: string, taskTimeoutSeconds: number): Promise<JobsDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const times = queueTimes(taskTimeoutSeconds);
  const boss = new PgBoss({ connectionString: url, max: 4, ...RETRY, expireInSeconds: times.expireInSeconds, maintenanceIntervalSeconds: times.maintenanceIntervalSeconds, monitorStateIntervalSeconds: 60 });
  // pg-boss reports its own trouble (a lost connection) as events; without a listener they would end the process.
  boss.on('error', (error) => console.error(`jixiao queue: ${error.message}`));
  try {
    await migratePool(pool);
    await boss.start();
    if (!(await boss.getQueue(READING_QUEUE))) {
      // Two processes starting together may both find it missing: the second one's error is no error.
      await boss.createQueue(READING_QUEUE, { name: READING_QUEUE, ...RETRY, expireInSeconds: times.expireInSeconds }).catch(async (error: unknown) => {
        if (!(await boss.getQueue(READING_QUEUE))) throw error;
      });
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    pool,
    boss,
    async send(jobId) {
      const id = await boss.send(READING_QUEUE, { jobId }, { ...RETRY, expireInSeconds: times.expireInSeconds });
      if (!id) throw new Error('the queue did not take the job');
      return id;
    },
    async close() {
      await boss.stop({ graceful: false, wait: true, timeout: 5000 });
      await pool.end();
    },
  };
}

export const JobError = z.object({ code: z.string(), message: z.string() });
const Progress = z.object({ stage: z.string(), done: z.number(), total: z.number() });

/** A row of jixiao_jobs as the server shows it (the upload left out). */
export const JobRow = z.object({
  id: z.string(),
  kind: z.enum(['read', 'library-add']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  filename: z.string().nullable(),
  progress: Progress.nullable(),
  result: Extraction.nullable(),
  error: JobError.nullable(),
  created_at: z.date(),
  finished_at: z.date().nullable(),
});
export type JobRow = z.infer<typeof JobRow>;

export const JOB_ROW_COLUMNS = 'id, kind, status, filename, progress, result, error, created_at, finished_at';

/**
 * The job as the API shows it. Its upload is gone once it ends, so there are no page images to
 * offer (the in-process store keeps them until the job expires).
 */
export function jobView(row: JobRow): JobBody {
  return {
    id: row.id,
    status: row.status,
    filename: row.filename,
    progress: row.progress,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    result: row.result,
    error: row.error,
    pages: [],
  };
}

/** Tells the server's followers (LISTEN) of a change; the payload stays far under NOTIFY's 8000 bytes. */
export async function notifyJob(db: pg.Pool | pg.PoolClient, payload: { id: string; type: 'status' } | { id: string; type: 'progress'; progress: z.infer<typeof Progress> }): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [JOB_CHANNEL, JSON.stringify(payload)]);
}

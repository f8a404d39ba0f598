// The jobs in PostgreSQL (DATABASE_URL): the server writes the job and its upload to jixiao_jobs
// and sends its id through pg-boss; `jixiao worker` processes anywhere take it (job-worker.ts). What
// they write comes back here: a request reads the row, and the page's event stream hears changes by
// LISTEN (with a slow poll beside it, for a notification lost while the listening connection was
// being replaced). Queued jobs outlive the server: they are rows and pg-boss jobs, not memory.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PageSize } from '../ingest/index.ts';
import type { JobBody, JobEvent, JobStore, ReadingTask } from './jobs.ts';
import { connectJobs, JOB_CHANNEL, JOB_ROW_COLUMNS, JobRow, jobView, notifyJob, READING_QUEUE, type JobsDatabase } from './queue.ts';

export interface PostgresJobOptions {
  /** how long a finished job is kept */
  ttlMs: number;
  taskTimeoutSeconds: number;
}

const CANCELLED = { code: 'CANCELLED', message: 'the job was deleted' };

/** The task as stored: without its bytes (they go to the upload column) nor the model's settings (each worker has its own). */
export function storedTask(task: ReadingTask): Record<string, unknown> {
  const engine = task.engine?.name ?? 'rules';
  return task.kind === 'extract' ? { kind: task.kind, filename: task.filename, limits: task.limits, engine } : { kind: task.kind, text: task.text, limits: task.limits, engine };
}

export class PostgresJobStore implements JobStore {
  private readonly database: Promise<JobsDatabase>;
  private readonly followers = new Map<string, Set<(event: JobEvent) => void>>();
  private listener: pg.PoolClient | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(url: string, private readonly options: PostgresJobOptions) {
    this.database = connectJobs(url, options.taskTimeoutSeconds);
    // Each request that needs it meets the failure; an unhandled rejection here would end the server.
    this.database.catch(() => {});
    const sweeper = setInterval(() => void this.sweep().catch(() => {}), Math.min(options.ttlMs, 60_000));
    const poll = setInterval(() => void this.poll().catch(() => {}), 5_000);
    sweeper.unref();
    poll.unref();
    this.timers.push(sweeper, poll);
  }

  async submit(task: ReadingTask, filename: string | null): Promise<JobBody> {
    const db = await this.database;
    const id = randomUUID();
    const upload = task.kind === 'extract' ? Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength) : null;
    const { rows } = await db.pool.query(`INSERT INTO jixiao_jobs (id, kind, status, filename, task, upload) VALUES ($1, 'read', 'queued', $2, $3, $4) RETURNING ${JOB_ROW_COLUMNS}`, [id, filename, storedTask(task), upload]);
    try {
      const bossId = await db.send(id);
      await db.pool.query('UPDATE jixiao_jobs SET boss_id = $2 WHERE id = $1', [id, bossId]);
    } catch (error) {
      await db.pool.query('DELETE FROM jixiao_jobs WHERE id = $1', [id]).catch(() => {});
      throw error;
    }
    return jobView(JobRow.parse(rows[0]));
  }

  async get(id: string): Promise<JobBody | null> {
    const row = await this.row(id);
    return row ? jobView(row) : null;
  }

  private async row(id: string): Promise<JobRow | null> {
    // Not a uuid: no such job (rather than the database's syntax error).
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const db = await this.database;
    const { rows } = await db.pool.query(`SELECT ${JOB_ROW_COLUMNS} FROM jixiao_jobs WHERE id = $1 AND kind = 'read'`, [id]);
    return rows[0] ? JobRow.parse(rows[0]) : null;
  }

  async delete(id: string): Promise<boolean> {
    if (!(await this.row(id))) return false;
    const db = await this.database;
    const { rows } = await db.pool.query<{ boss_id: string | null; status: string }>(`DELETE FROM jixiao_jobs WHERE id = $1 AND kind = 'read' RETURNING boss_id, status`, [id]);
    const deleted = rows[0];
    if (!deleted) return false;
    // A job waiting leaves the line; one being read is stopped by its worker, which finds its row gone at its next progress.
    if (deleted.boss_id && deleted.status !== 'done' && deleted.status !== 'failed') await db.boss.cancel(READING_QUEUE, deleted.boss_id).catch(() => {});
    await notifyJob(db.pool, { id, type: 'status' });
    return true;
  }

  /** The upload is dropped when the job ends, so there is no page to draw once it is done. */
  async input(id: string): Promise<{ bytes: Uint8Array; pages: PageSize[] } | null> {
    void id;
    return null;
  }

  follow(id: string, listener: (event: JobEvent) => void): () => void {
    let set = this.followers.get(id);
    if (!set) this.followers.set(id, (set = new Set()));
    set.add(listener);
    void this.listen().catch(() => {});
    // A change between the caller's read of the job and this subscription would go unheard: read again.
    void this.changed(id).catch(() => {});
    return () => {
      set.delete(listener);
      if (set.size === 0) this.followers.delete(id);
    };
  }

  /** One connection LISTENs for the whole server, from the first follower on. */
  private async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    const db = await this.database;
    if (this.listener) return;
    const client = await db.pool.connect();
    this.listener = client;
    client.on('notification', (message) => {
      if (message.channel !== JOB_CHANNEL || !message.payload) return;
      const event = JSON.parse(message.payload) as { id: string; type: 'status' } | { id: string; type: 'progress'; progress: { stage: string; done: number; total: number } };
      if (!this.followers.has(event.id)) return;
      if (event.type === 'progress') this.emit(event.id, { type: 'progress', progress: event.progress });
      else void this.changed(event.id).catch(() => {});
    });
    // A lost connection: the next follower opens another; meanwhile the poll carries the changes.
    client.on('error', () => {
      if (this.listener === client) this.listener = null;
      client.release(true);
    });
    await client.query(`LISTEN ${JOB_CHANNEL}`);
  }

  /** Tells the job's followers its status as the row now says (a row gone: deleted). */
  private async changed(id: string): Promise<void> {
    if (!this.followers.has(id)) return;
    const row = await this.row(id);
    const job: JobBody = row ? jobView(row) : { id, status: 'failed', filename: null, progress: null, createdAt: new Date().toISOString(), finishedAt: new Date().toISOString(), result: null, error: CANCELLED, pages: [] };
    this.emit(id, { type: 'status', job });
  }

  private emit(id: string, event: JobEvent): void {
    for (const listener of [...(this.followers.get(id) ?? [])]) listener(event);
  }

  /** Followed jobs that ended without their notification being heard. */
  private async poll(): Promise<void> {
    if (this.followers.size === 0) return;
    const db = await this.database;
    const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM jixiao_jobs WHERE id = ANY($1::uuid[]) AND status IN ('done', 'failed')`, [[...this.followers.keys()]]);
    const found = new Set(rows.map((row) => row.id));
    for (const id of this.followers.keys()) if (found.has(id) || !(await this.row(id))) await this.changed(id);
  }

  /**
   * Finished jobs of the API go after their TTL (an import's stay, for `--retry-failed`); a job whose
   * pg-boss job has given up (its last try expired with its worker) is failed here, since no worker
   * is left to say so.
   */
  private async sweep(): Promise<void> {
    const db = await this.database;
    await db.pool.query(`DELETE FROM jixiao_jobs WHERE kind = 'read' AND finished_at < now() - make_interval(secs => $1)`, [this.options.ttlMs / 1000]);
    const { rows } = await db.pool.query<{ id: string }>(
      `UPDATE jixiao_jobs j SET status = 'failed', upload = NULL, finished_at = now(),
         error = jsonb_build_object('code', 'INTERNAL', 'message', 'the job was tried ' || (b.retry_count + 1) || ' times and its workers stopped each time')
       FROM pgboss.job b WHERE b.name = $1 AND b.id = j.boss_id AND b.state IN ('failed', 'cancelled') AND j.status IN ('queued', 'running') RETURNING j.id`,
      [READING_QUEUE],
    );
    for (const { id } of rows) await notifyJob(db.pool, { id, type: 'status' });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.followers.clear();
    const db = await this.database.catch(() => null);
    if (!db) return;
    this.listener?.release();
    this.listener = null;
    await db.close();
  }
}

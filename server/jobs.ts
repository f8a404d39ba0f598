// Long reads as jobs: submitted, then polled or followed as a stream of progress events, or
// deleted (which stops its reading). A job's upload is written to a temporary file and moved (not
// copied) to the reading worker, so the server's own memory does not hold it; a finished job with
// pages to show keeps the file for its page images until it expires, any other job removes it at once.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { PageSize } from '../ingest/index.ts';
import { Extraction } from '../schemas/extraction.ts';
import type { Progress, Task, TaskOutcome } from './tasks/messages.ts';
import { QueueFullError, type TaskHooks, type TaskRunner } from './tasks/runner.ts';

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);

export const ProgressBody = z.object({ stage: z.string(), done: z.number(), total: z.number() }).describe('how far a reading has got: a stage and a count within it');

export const JobBody = z
  .object({
    id: z.string().describe('job id'),
    status: JobStatus,
    filename: z.string().nullable(),
    progress: ProgressBody.nullable(),
    createdAt: z.string().describe('ISO time'),
    finishedAt: z.string().nullable(),
    result: Extraction.nullable().describe('the extraction, once done'),
    error: z.object({ code: z.string(), message: z.string() }).nullable().describe('why it failed'),
    pages: z
      .array(z.object({ page: z.number().int(), width: z.number(), height: z.number(), image: z.string().describe('URL of the page as PNG') }))
      .describe('pages of a PDF or image, with the size their cells’ boxes are measured in'),
  })
  .describe('a reading job');

export type JobBody = z.infer<typeof JobBody>;

interface Job {
  id: string;
  status: z.infer<typeof JobStatus>;
  filename: string | null;
  progress: Progress | null;
  createdAt: Date;
  finishedAt: Date | null;
  result: Extraction | null;
  error: { code: string; message: string } | null;
  pageSizes: PageSize[];
  /** where the upload is kept, for drawing its pages once the job is done (PDFs and images); removed with the job */
  inputPath: string | null;
  /** stops the reading when the job is deleted */
  abort: AbortController;
  events: EventEmitter;
}

export type JobEvent = { type: 'progress'; progress: Progress } | { type: 'status'; job: JobBody };

export type ReadingTask = Extract<Task, { kind: 'extract' | 'extract-text' }>;

/**
 * What the routes need of the jobs: kept in this process's memory (MemoryJobStore, below: the
 * embedded default), or in PostgreSQL and read by `jixiao worker` processes (postgres-jobs.ts, with
 * DATABASE_URL). The in-process store answers at once, the database's over the network.
 */
export interface JobStore {
  /** Queues the task; may throw QueueFullError, and then no job is made. */
  submit(task: ReadingTask, filename: string | null): JobBody | Promise<JobBody>;
  get(id: string): JobBody | null | Promise<JobBody | null>;
  /** Deletes a job, stopping its reading; false when there is no such job. */
  delete(id: string): boolean | Promise<boolean>;
  /** A done job's upload and page sizes, for drawing a page; null when it is not kept. */
  input(id: string): Promise<{ bytes: Uint8Array; pages: PageSize[] } | null>;
  /** Calls `listener` on each progress and status change until it unsubscribes; null when there is no such job. */
  follow(id: string, listener: (event: JobEvent) => void): (() => void) | null;
  close(): void | Promise<void>;
}

export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly sweeper: NodeJS.Timeout;
  /** the uploads of finished jobs with pages, one file each; made when first needed, removed on close */
  private folder: string | null = null;
  /** jobs submitted whose reading has not been handed to the runner yet (their upload is being stored) */
  private starting = 0;

  constructor(
    private readonly runner: TaskRunner,
    private readonly ttlMs: number,
    /** finished jobs kept at most (JOB_KEEP_MAX): each holds its input and result in memory */
    private readonly keepMax = Infinity,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(ttlMs, 60_000));
    this.sweeper.unref();
  }

  /** Queues the task; throws QueueFullError (from the runner) when the line is full, and no job is made. */
  submit(task: ReadingTask, filename: string | null): JobBody {
    this.runner.assertRoom(this.starting);
    const job: Job = {
      id: randomUUID(),
      status: 'queued',
      filename,
      progress: null,
      createdAt: new Date(),
      finishedAt: null,
      result: null,
      error: null,
      pageSizes: [],
      inputPath: null,
      abort: new AbortController(),
      events: new EventEmitter(),
    };
    this.jobs.set(job.id, job);
    // The file is written before the bytes are moved to the worker (a move empties them here).
    const stored = task.kind === 'extract' ? this.storeInput(job, task.bytes) : Promise.resolve();
    this.starting++;
    void stored.then(() => {
      this.starting--;
      this.start(job, task);
    });
    return this.view(job);
  }

  private start(job: Job, task: ReadingTask): void {
    // Deleted while its upload was being stored.
    if (!this.jobs.has(job.id)) return this.removeInput(job);
    let running: Promise<TaskOutcome>;
    try {
      running = this.runner.run(task, { signal: job.abort.signal, transfer: true, ...this.hooks(job) });
    } catch (error) {
      // The line filled up while the upload was being stored.
      if (!(error instanceof QueueFullError)) throw error;
      this.update(job, { status: 'failed', error: { code: 'BUSY', message: error.message } });
      return;
    }
    void running.then((outcome) => {
      if (!this.jobs.has(job.id)) return;
      if (outcome.ok && 'extraction' in outcome) {
        if (outcome.pageSizes.length === 0) this.removeInput(job);
        this.update(job, { status: 'done', result: outcome.extraction, pageSizes: outcome.pageSizes });
      } else if (!outcome.ok) {
        this.removeInput(job);
        this.update(job, { status: 'failed', error: { code: outcome.code, message: outcome.message } });
      }
    });
  }

  private hooks(job: Job): Pick<TaskHooks, 'onStart' | 'onProgress'> {
    return {
      onStart: () => this.update(job, { status: 'running' }),
      onProgress: (progress) => {
        job.progress = progress;
        job.events.emit('event', { type: 'progress', progress } satisfies JobEvent);
      },
    };
  }

  /** The upload to a file, for the job's page images; without room on disk the job is read all the same, only without them. */
  private async storeInput(job: Job, bytes: Uint8Array): Promise<void> {
    this.folder ??= mkdtempSync(join(tmpdir(), 'jixiao-jobs-'));
    const path = join(this.folder, job.id);
    try {
      await writeFile(path, bytes);
      job.inputPath = path;
    } catch {
      job.inputPath = null;
    }
  }

  private removeInput(job: Job): void {
    if (job.inputPath) void rm(job.inputPath, { force: true });
    job.inputPath = null;
  }

  /** Deletes a job: a reading still waiting or running is stopped, its upload removed. False when there is no such job. */
  delete(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    // Whoever follows its events hears the end of it.
    if (!job.finishedAt) this.update(job, { status: 'failed', error: { code: 'CANCELLED', message: 'the job was deleted' } });
    this.drop(job);
    return true;
  }

  private drop(job: Job): void {
    this.jobs.delete(job.id);
    job.abort.abort();
    job.events.removeAllListeners();
    this.removeInput(job);
  }

  get(id: string): JobBody | null {
    const job = this.jobs.get(id);
    return job ? this.view(job) : null;
  }

  /** A done job's upload and pages, read back from its file, for drawing a page. */
  async input(id: string): Promise<{ bytes: Uint8Array; pages: PageSize[] } | null> {
    const job = this.jobs.get(id);
    if (!job?.inputPath) return null;
    const bytes = await readFile(job.inputPath).catch(() => null);
    return bytes ? { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: job.pageSizes } : null;
  }

  /** Calls `listener` on each progress and status change until it unsubscribes or the job ends. */
  follow(id: string, listener: (event: JobEvent) => void): (() => void) | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    job.events.on('event', listener);
    return () => job.events.off('event', listener);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const job of [...this.jobs.values()]) this.drop(job);
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  private update(job: Job, change: Partial<Pick<Job, 'status' | 'result' | 'error' | 'pageSizes'>>): void {
    Object.assign(job, change);
    if (job.status === 'done' || job.status === 'failed') job.finishedAt = new Date();
    job.events.emit('event', { type: 'status', job: this.view(job) } satisfies JobEvent);
    if (job.finishedAt) this.trim();
  }

  /** Past keepMax finished jobs, the oldest go at once rather than at their TTL. */
  private trim(): void {
    let finished = 0;
    for (const job of this.jobs.values()) if (job.finishedAt) finished++;
    for (const job of [...this.jobs.values()]) {
      if (finished <= this.keepMax) break;
      if (!job.finishedAt) continue;
      this.drop(job);
      finished--;
    }
  }

  private view(job: Job): JobBody {
    return {
      id: job.id,
      status: job.status,
      filename: job.filename,
      progress: job.progress,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      result: job.result,
      error: job.error,
      pages: job.pageSizes.map((size) => ({ ...size, image: `/api/extract/jobs/${job.id}/pages/${size.page}` })),
    };
  }

  private sweep(): void {
    const cutoff = Date.now() - this.ttlMs;
    for (const job of [...this.jobs.values()]) {
      if (job.finishedAt && job.finishedAt.getTime() < cutoff) this.drop(job);
    }
  }
}

// Long reads as jobs: submitted, then polled or followed as a stream of progress events. A job
// keeps its input for its page images until it expires.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { PageSize } from '../ingest/index.ts';
import { Extraction } from '../schemas/extraction.ts';
import type { Progress, Task } from './tasks/messages.ts';
import type { TaskRunner } from './tasks/runner.ts';

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
  /** the input, for drawing its pages; dropped with the job */
  bytes: Uint8Array | null;
  events: EventEmitter;
}

export type JobEvent = { type: 'progress'; progress: Progress } | { type: 'status'; job: JobBody };

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly sweeper: NodeJS.Timeout;

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
  submit(task: Extract<Task, { kind: 'extract' | 'extract-text' }>, filename: string | null): JobBody {
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
      bytes: task.kind === 'extract' ? task.bytes : null,
      events: new EventEmitter(),
    };
    const running = this.runner.run(task, {
      onStart: () => this.update(job, { status: 'running' }),
      onProgress: (progress) => {
        job.progress = progress;
        job.events.emit('event', { type: 'progress', progress } satisfies JobEvent);
      },
    });
    this.jobs.set(job.id, job);
    void running.then((outcome) => {
      if (outcome.ok && 'extraction' in outcome) this.update(job, { status: 'done', result: outcome.extraction, pageSizes: outcome.pageSizes });
      else if (!outcome.ok) this.update(job, { status: 'failed', error: { code: outcome.code, message: outcome.message } });
    });
    return this.view(job);
  }

  get(id: string): JobBody | null {
    const job = this.jobs.get(id);
    return job ? this.view(job) : null;
  }

  input(id: string): { bytes: Uint8Array; pages: PageSize[] } | null {
    const job = this.jobs.get(id);
    return job?.bytes ? { bytes: job.bytes, pages: job.pageSizes } : null;
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
    for (const [id, job] of this.jobs) {
      if (finished <= this.keepMax) break;
      if (!job.finishedAt) continue;
      this.jobs.delete(id);
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
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && job.finishedAt.getTime() < cutoff) this.jobs.delete(id);
    }
  }
}

// The job store keeps finished jobs no more than JOB_KEEP_MAX and no longer than JOB_TTL_MINUTES,
// holds an upload in memory only while it is read, and stops a deleted job's reading: a server that
// reads all day does not grow.
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { MemoryJobStore as JobStore } from './jobs.ts';
import type { TaskOutcome } from './tasks/messages.ts';
import type { TaskRunner } from './tasks/runner.ts';

/** A runner whose tasks fail at once: the store's bookkeeping is what is tested, not the reading. */
const instant = { assertRoom: () => {}, run: async (): Promise<TaskOutcome> => ({ ok: false, code: 'CORRUPT', message: 'test' }) } as unknown as TaskRunner;
const task = { kind: 'extract' as const, bytes: new Uint8Array(1024), filename: 'x.docx', limits: {} };
// Each wait is for the state it needs, not a fixed time: on a busy machine a temp file's write or
// a promise's turn may take far longer than on an idle one.
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 30_000, interval: 10 });

describe('JobStore', () => {
  it('keeps at most keepMax finished jobs, dropping the oldest first', async () => {
    const jobs = new JobStore(instant, 60_000, 3);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(jobs.submit(task, `${i}.docx`).id);
    await until(() => expect(jobs.get(ids[9]!)?.status).toBe('failed'));
    expect(ids.map((id) => jobs.get(id)?.status ?? null)).toEqual([null, null, null, null, null, null, null, 'failed', 'failed', 'failed']);
    expect(await jobs.input(ids[0]!)).toBeNull();
    jobs.close();
  });

  it('drops finished jobs after their time', async () => {
    const jobs = new JobStore(instant, 20);
    const { id } = jobs.submit(task, 'x.docx');
    // Failed, then gone 20 ms later (either may already have happened when the first check runs).
    await until(() => expect(jobs.get(id)?.status ?? 'gone').toMatch(/^(failed|gone)$/));
    await until(() => expect(jobs.get(id)).toBeNull());
    jobs.close();
  });

  it('drops the upload of a failed job at once, and keeps a done job’s on disk, not in memory, for its pages', async () => {
    const failed = new JobStore(instant, 60_000);
    const { id } = failed.submit(task, 'x.pdf');
    await until(() => expect(failed.get(id)?.status).toBe('failed'));
    expect(await failed.input(id)).toBeNull();
    failed.close();

    const done = { assertRoom: () => {}, run: async (): Promise<TaskOutcome> => ({ ok: true, extraction: {} as never, pageSizes: [{ page: 1, width: 595, height: 842 }] }) } as unknown as TaskRunner;
    const jobs = new JobStore(done, 60_000);
    const bytes = Uint8Array.from({ length: 2048 }, (_, i) => i % 251);
    const job = jobs.submit({ ...task, bytes }, 'x.pdf');
    await until(async () => expect((await jobs.input(job.id))?.pages).toHaveLength(1));
    const kept = await jobs.input(job.id);
    expect(kept?.bytes).toEqual(bytes);
    expect(kept?.pages).toEqual([{ page: 1, width: 595, height: 842 }]);
    const held = (jobs as unknown as { jobs: Map<string, { inputPath: string | null }> }).jobs.get(job.id)!;
    const file = held.inputPath!;
    expect(existsSync(file)).toBe(true);
    expect(jobs.delete(job.id)).toBe(true);
    await until(() => expect(existsSync(file)).toBe(false));
    expect(jobs.get(job.id)).toBeNull();
    expect(jobs.delete(job.id)).toBe(false);
    jobs.close();
  });

  it('stops the reading of a deleted job, and tells its followers', async () => {
    let signal: AbortSignal | undefined;
    const waiting = { assertRoom: () => {}, run: (_task: unknown, hooks: { signal?: AbortSignal }) => ((signal = hooks.signal), new Promise<TaskOutcome>(() => {})) } as unknown as TaskRunner;
    const jobs = new JobStore(waiting, 60_000);
    const { id } = jobs.submit(task, 'x.pdf');
    await until(() => expect(signal).toBeDefined());
    const heard: string[] = [];
    jobs.follow(id, (event) => heard.push(event.type === 'status' ? `${event.job.status}:${event.job.error?.code}` : 'progress'));
    expect(jobs.delete(id)).toBe(true);
    expect(signal?.aborted).toBe(true);
    expect(heard).toEqual(['failed:CANCELLED']);
    jobs.close();
  });
});

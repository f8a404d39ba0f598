// The job store keeps finished jobs (each with its input and result in memory) no more than
// JOB_KEEP_MAX and no longer than JOB_TTL_MINUTES: a server that reads all day does not grow.
import { describe, expect, it } from 'vitest';
import { JobStore } from './jobs.ts';
import type { TaskOutcome } from './tasks/messages.ts';
import type { TaskRunner } from './tasks/runner.ts';

/** A runner whose tasks fail at once: the store's bookkeeping is what is tested, not the reading. */
const instant = { run: async (): Promise<TaskOutcome> => ({ ok: false, code: 'CORRUPT', message: 'test' }) } as unknown as TaskRunner;
const task = { kind: 'extract' as const, bytes: new Uint8Array(1024), filename: 'x.docx', limits: {} };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('JobStore', () => {
  it('keeps at most keepMax finished jobs, dropping the oldest first', async () => {
    const jobs = new JobStore(instant, 60_000, 3);
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(jobs.submit(task, `${i}.docx`).id);
    await settle();
    expect(ids.map((id) => jobs.get(id)?.status ?? null)).toEqual([null, null, null, null, null, null, null, 'failed', 'failed', 'failed']);
    expect(jobs.input(ids[0]!)).toBeNull();
    jobs.close();
  });

  it('drops finished jobs after their time', async () => {
    const jobs = new JobStore(instant, 20);
    const { id } = jobs.submit(task, 'x.docx');
    await settle();
    expect(jobs.get(id)?.status).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(jobs.get(id)).toBeNull();
    jobs.close();
  });
});

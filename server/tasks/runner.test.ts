// The budget every reading runs under: a worker that never finishes is stopped at the time limit, one
// that grows past its heap is stopped by it, a task nobody wants any more is cancelled, and in every
// case the next task in line is read by a fresh worker.
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from './messages.ts';
import { TaskRunner } from './runner.ts';

const boot = new URL('../../test/support/unruly-worker.mjs', import.meta.url);
const text = (value: string): Task => ({ kind: 'extract-text', text: value, limits: {} });
const runners: TaskRunner[] = [];
const runner = (options: Partial<ConstructorParameters<typeof TaskRunner>[0]> = {}) => {
  const made = new TaskRunner({ workers: 1, queueSize: 4, boot, ...options });
  runners.push(made);
  return made;
};
afterEach(async () => {
  for (const made of runners.splice(0)) await made.close();
});

describe('TaskRunner budgets', () => {
  it('stops a reading that runs past its time with TIMEOUT, and reads the next one in a fresh worker', { timeout: 60_000 }, async () => {
    const tasks = runner({ taskTimeoutMs: 1500 });
    const stuck = tasks.run(text('hang'));
    const next = tasks.run(text('after'));
    expect(await stuck).toMatchObject({ ok: false, code: 'TIMEOUT' });
    expect(await next).toEqual({ ok: false, code: 'ANSWERED', message: 'after' });
    expect(tasks.load).toEqual({ running: 0, queued: 0 });
  });

  it('stops a reading that outgrows its heap with TOO_COMPLEX', { timeout: 60_000 }, async () => {
    const tasks = runner({ workerMemoryMb: 64 });
    expect(await tasks.run(text('grow'))).toMatchObject({ ok: false, code: 'TOO_COMPLEX' });
    expect(await tasks.run(text('after'))).toMatchObject({ code: 'ANSWERED' });
  });

  it('cancels a running reading by terminating its worker, and a waiting one by taking it out of line', { timeout: 60_000 }, async () => {
    const tasks = runner();
    const running = new AbortController();
    const waiting = new AbortController();
    const stuck = tasks.run(text('hang'), { signal: running.signal });
    const queued = tasks.run(text('never'), { signal: waiting.signal });
    const next = tasks.run(text('after'));
    waiting.abort();
    expect(await queued).toMatchObject({ code: 'CANCELLED' });
    running.abort();
    expect(await stuck).toMatchObject({ code: 'CANCELLED' });
    expect(await next).toMatchObject({ code: 'ANSWERED', message: 'after' });
    // A signal already aborted never reaches a worker.
    expect(await tasks.run(text('x'), { signal: AbortSignal.abort() })).toMatchObject({ code: 'CANCELLED' });
  });

  it('fails the task of a worker that dies, and carries on', { timeout: 60_000 }, async () => {
    const tasks = runner();
    expect(await tasks.run(text('crash'))).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await tasks.run(text('after'))).toMatchObject({ code: 'ANSWERED' });
  });
});

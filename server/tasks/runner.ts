// Reading work (files, long text, page images) runs in a few worker threads, one task each at a
// time, with a bounded waiting line: when it is full, a caller is told to come back later rather
// than the server taking on more than it can finish.
import { Worker } from 'node:worker_threads';
import type { ParentMessage, Progress, Task, TaskOutcome, WorkerMessage } from './messages.ts';

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the server is busy reading other files; try again shortly');
  }
}

export interface TaskHooks {
  onStart?: () => void;
  onProgress?: (progress: Progress) => void;
}

interface Pending extends TaskHooks {
  id: number;
  task: Task;
  resolve: (outcome: TaskOutcome) => void;
  started?: number;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export class TaskRunner {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  /** recent task times, for a fair Retry-After */
  private averageSeconds = 5;

  constructor(private readonly options: { workers: number; queueSize: number }) {}

  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((slot) => slot.current).length, queued: this.waiting.length };
  }

  /** Runs `task` in a worker. Throws QueueFullError at once (not later) when the waiting line is full. */
  run(task: Task, hooks: TaskHooks = {}): Promise<TaskOutcome> {
    const idle = this.idleSlot();
    if (!idle && this.waiting.length >= this.options.queueSize) {
      const waitSeconds = Math.ceil((this.averageSeconds * (this.waiting.length + 1)) / this.options.workers);
      throw new QueueFullError(Math.max(1, waitSeconds));
    }
    return new Promise((resolve) => {
      const pending: Pending = { id: this.nextId++, task, ...hooks, resolve };
      if (idle) this.start(idle, pending);
      else this.waiting.push(pending);
    });
  }

  /**
   * Starts every worker and has it load the readers (a few seconds of module loading and compiling),
   * so the first file does not wait for it.
   */
  async warm(): Promise<void> {
    while (this.slots.length < this.options.workers) this.spawn();
    await Promise.all(this.slots.map((slot) => new Promise<void>((resolve) => {
      const pending: Pending = { id: this.nextId++, task: { kind: 'extract-text', text: '', limits: {} }, resolve: () => resolve() };
      if (slot.current) this.waiting.push(pending);
      else this.start(slot, pending);
    })));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private idleSlot(): Slot | null {
    const free = this.slots.find((slot) => !slot.current);
    if (free) return free;
    if (this.slots.length < this.options.workers) return this.spawn();
    return null;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(BOOT), current: null };
    slot.worker.unref();
    slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    // A worker that dies (out of memory, a native crash) fails its task, not the server.
    const fail = (reason: string) => {
      this.finish(slot, { ok: false, code: 'INTERNAL', message: `the reading worker stopped: ${reason}` });
      this.slots.splice(this.slots.indexOf(slot), 1);
      const next = this.waiting.shift();
      if (next) this.start(this.idleSlot() ?? this.spawn(), next);
    };
    slot.worker.on('error', (error) => fail(error.message));
    slot.worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(`exit code ${code}`);
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending;
    pending.started = performance.now();
    pending.onStart?.();
    slot.worker.ref();
    slot.worker.postMessage({ id: pending.id, task: pending.task } satisfies ParentMessage);
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (slot.current?.id !== message.id) return;
    if (message.type === 'progress') {
      slot.current.onProgress?.(message.progress);
      return;
    }
    this.finish(slot, message.outcome);
    const next = this.waiting.shift();
    if (next) this.start(slot, next);
  }

  private finish(slot: Slot, outcome: TaskOutcome): void {
    const current = slot.current;
    if (!current) return;
    slot.current = null;
    slot.worker.unref();
    if (current.started !== undefined) this.averageSeconds = 0.8 * this.averageSeconds + 0.2 * ((performance.now() - current.started) / 1000);
    current.resolve(outcome);
  }
}

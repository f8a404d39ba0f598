// Reading work (files, long text, page images) runs in a few worker threads, one task each at a
// time, with a bounded waiting line: when it is full, a caller is told to come back later rather
// than the server taking on more than it can finish. Each task runs under a budget enforced where
// the work happens: a time limit after which its worker is terminated (TIMEOUT), a heap limit the
// worker dies at (TOO_COMPLEX), and cancellation (a client gone, a job deleted) that terminates it
// too. A terminated worker is replaced, so the line keeps moving.
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
  /** aborted: the task is dropped from the line, or its worker terminated (CANCELLED) */
  signal?: AbortSignal;
  /**
   * the caller no longer needs the task's bytes nor anything else in their buffer (an upload's own
   * buffer, server/request-body.ts): it is moved to the worker, not copied (copying 50 MB held the
   * event loop for 300 ms); the caller's view of it is empty afterwards
   */
  transfer?: boolean;
}

interface Pending extends TaskHooks {
  id: number;
  task: Task;
  resolve: (outcome: TaskOutcome) => void;
  started?: number;
  timer?: NodeJS.Timeout;
}

export interface TaskRunnerOptions {
  workers: number;
  queueSize: number;
  /** longest one task may run before its worker is terminated */
  taskTimeoutMs?: number;
  /** heap a worker may grow to (V8 old generation); past it the worker dies and the task is TOO_COMPLEX */
  workerMemoryMb?: number;
  /** the worker's script (tests give one whose tasks hang or grow) */
  boot?: URL;
}

const CANCELLED: TaskOutcome = { ok: false, code: 'CANCELLED', message: 'the reading was cancelled: the client went away or the job was deleted' };

interface Slot {
  worker: Worker;
  current: Pending | null;
}

// Compiled (dist/), the worker is plain JavaScript and starts as it is; from the sources it needs
// the TypeScript loader registered first (worker-boot.mjs), which costs each new worker a second.
const BOOT = import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : new URL('./worker-boot.mjs', import.meta.url);

/** Below this a copy costs nothing worth saving, and a small Buffer may share Node's pool with others. */
const MOVE_AT_BYTES = 64 * 1024;

/** The buffer of the task's bytes, when it is worth moving (the caller vouches it holds nothing else of use: TaskHooks.transfer). */
function movable(task: Task): ArrayBuffer | null {
  if (!('bytes' in task)) return null;
  const { bytes } = task;
  return bytes.byteLength >= MOVE_AT_BYTES && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : null;
}

export class TaskRunner {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  /** recent task times, for a fair Retry-After */
  private averageSeconds = 5;

  constructor(private readonly options: TaskRunnerOptions) {}

  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((slot) => slot.current).length, queued: this.waiting.length };
  }

  /**
   * Throws QueueFullError when a task given now would find the waiting line full; `coming` tasks
   * promised a place already (a job whose upload is being stored) count as if they were in line.
   */
  assertRoom(coming = 0): void {
    const free = this.slots.filter((slot) => !slot.current).length + (this.options.workers - this.slots.length);
    if (this.waiting.length + coming >= this.options.queueSize + free) {
      const waitSeconds = Math.ceil((this.averageSeconds * (this.waiting.length + 1)) / this.options.workers);
      throw new QueueFullError(Math.max(1, waitSeconds));
    }
  }

  /** Runs `task` in a worker. Throws QueueFullError at once (not later) when the waiting line is full. */
  run(task: Task, hooks: TaskHooks = {}): Promise<TaskOutcome> {
    this.assertRoom();
    const idle = this.idleSlot();
    if (hooks.signal?.aborted) return Promise.resolve(CANCELLED);
    return new Promise((resolve) => {
      const pending: Pending = { id: this.nextId++, task, ...hooks, resolve };
      hooks.signal?.addEventListener('abort', () => this.cancel(pending), { once: true });
      if (idle) this.start(idle, pending);
      else this.waiting.push(pending);
    });
  }

  /** A task no longer wanted: out of the line if it waits, its worker terminated if it runs. */
  private cancel(pending: Pending): void {
    const at = this.waiting.indexOf(pending);
    if (at >= 0) {
      this.waiting.splice(at, 1);
      pending.resolve(CANCELLED);
      return;
    }
    const slot = this.slots.find((candidate) => candidate.current === pending);
    if (slot) this.stop(slot, CANCELLED);
  }

  /**
   * Ends the slot's task with `outcome` and terminates its worker (the only way to stop a read that
   * does not yield); a fresh worker takes the next task.
   */
  private stop(slot: Slot, outcome: TaskOutcome): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    this.finish(slot, outcome);
    void slot.worker.terminate();
    const next = this.waiting.shift();
    if (next) this.start(this.idleSlot() ?? this.spawn(), next);
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
    const memory = this.options.workerMemoryMb;
    const worker = new Worker(this.options.boot ?? BOOT, memory ? { resourceLimits: { maxOldGenerationSizeMb: memory, maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(memory / 16))) } } : {});
    const slot: Slot = { worker, current: null };
    slot.worker.unref();
    slot.worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    // A worker that dies (out of memory, a native crash) fails its task, not the server.
    const fail = (outcome: TaskOutcome) => {
      this.finish(slot, outcome);
      this.slots.splice(this.slots.indexOf(slot), 1);
      const next = this.waiting.shift();
      if (next) this.start(this.idleSlot() ?? this.spawn(), next);
    };
    slot.worker.on('error', (error: Error & { code?: string }) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, code: 'TOO_COMPLEX', message: `reading this document needs more than the ${memory} MB a reading may use (WORKER_MEMORY_MB)` }
          : { ok: false, code: 'INTERNAL', message: `the reading worker stopped: ${error.message}` },
      ),
    );
    slot.worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail({ ok: false, code: 'INTERNAL', message: `the reading worker stopped: exit code ${code}` });
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    slot.current = pending;
    pending.started = performance.now();
    const limit = this.options.taskTimeoutMs;
    if (limit) {
      pending.timer = setTimeout(() => {
        if (slot.current === pending) this.stop(slot, { ok: false, code: 'TIMEOUT', message: `reading took longer than ${Math.round(limit / 1000)} s (TASK_TIMEOUT_SECONDS) and was stopped` });
      }, limit);
      pending.timer.unref();
    }
    pending.onStart?.();
    slot.worker.ref();
    const moved = pending.transfer ? movable(pending.task) : null;
    slot.worker.postMessage({ id: pending.id, task: pending.task } satisfies ParentMessage, moved ? [moved] : []);
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
    clearTimeout(current.timer);
    slot.worker.unref();
    if (current.started !== undefined) this.averageSeconds = 0.8 * this.averageSeconds + 0.2 * ((performance.now() - current.started) / 1000);
    current.resolve(outcome);
  }
}

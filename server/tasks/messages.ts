// What the server asks a reading worker to do, and what comes back. Plain data: it crosses a
// worker_threads boundary by structured clone.
import type { IngestLimits, PageSize } from '../../ingest/index.ts';
import type { LlmConfig } from '../../llm/config.ts';
import type { EngineName, Extraction } from '../../schemas/extraction.ts';

/** The engine a reading task runs, with the model settings when one is configured (plain data). */
export interface TaskEngine {
  name: EngineName;
  llm: LlmConfig | null;
}

export type Task =
  | { kind: 'extract'; bytes: Uint8Array; filename: string | null; limits: Partial<IngestLimits>; engine?: TaskEngine }
  | { kind: 'extract-text'; text: string; limits: Partial<IngestLimits>; engine?: TaskEngine }
  /** a page of a PDF or image as PNG, `width` pixels wide */
  | { kind: 'page-image'; bytes: Uint8Array; page: number; width: number };

export type TaskOutcome =
  | { ok: true; extraction: Extraction; pageSizes: PageSize[] }
  | { ok: true; png: Uint8Array }
  | { ok: false; code: string; message: string };

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export type WorkerMessage = { type: 'progress'; id: number; progress: Progress } | { type: 'done'; id: number; outcome: TaskOutcome };
export type ParentMessage = { id: number; task: Task };

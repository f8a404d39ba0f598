// The engines an evaluation can run, each a way from document bytes to an extraction. `rules` is
// the default; the model engines (issue #8) join here. A model engine without a configured endpoint
// is skipped with the reason, never faked.
import { extract } from '../extract/index.ts';
import type { Doc } from '../schemas/doc.ts';
import type { Extraction } from '../schemas/extraction.ts';

export interface EngineUsage {
  promptTokens: number;
  completionTokens: number;
  /** estimated cost in US dollars, when the model's price is known */
  costUsd: number | null;
}

export type EngineOutcome = { ok: true; extraction: Extraction; doc: Doc; usage: EngineUsage | null } | { ok: false; code: string; message: string };

export interface Engine {
  /** how the report names it: rules, or llm:MODEL@PROMPT */
  label: string;
  run(bytes: Uint8Array, filename: string): Promise<EngineOutcome>;
}

export const rulesEngine: Engine = {
  label: 'rules',
  async run(bytes, filename) {
    const result = await extract({ bytes, filename });
    return result.ok ? { ok: true, extraction: result.extraction, doc: result.doc, usage: null } : { ok: false, code: result.error.code, message: result.error.message };
  },
};

export interface EngineRequest {
  name: string;
  model?: string;
  promptVersion?: string;
}

/** The engine asked for, or why it cannot run here. */
export function engineFor(request: EngineRequest): Engine | { skipped: string } {
  if (request.name === 'rules') return rulesEngine;
  if (request.name === 'llm' || request.name === 'auto') return { skipped: `the ${request.name} engine needs an OpenAI-compatible endpoint (OPENAI_API_KEY or OPENAI_BASE_URL), and none is configured` };
  return { skipped: `unknown engine ${request.name} (rules, llm, auto)` };
}

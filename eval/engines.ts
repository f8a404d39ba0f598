// The engines an evaluation can run, each a way from document bytes to an extraction. `rules` is
// the default; the model engines run against the configured endpoint. A model engine without one
// is skipped with the reason, never faked.
import { extract, extractWithEngine } from '../pipeline/index.ts';
import { createLlm, type Llm } from '../llm/client.ts';
import { llmConfig } from '../llm/config.ts';
import { loadPrompt } from '../llm/prompts.ts';
import type { Doc } from '../schemas/doc.ts';
import type { EngineName, Extraction } from '../schemas/extraction.ts';

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

/**
 * The engine asked for, or why it cannot run here. The model engines run against the endpoint the
 * environment configures (OPENAI_BASE_URL, OPENAI_API_KEY) or the one given; without one they are
 * skipped, never answered by anything else.
 */
export function engineFor(request: EngineRequest, llm: Llm | null = defaultLlm()): Engine | { skipped: string } {
  if (request.name === 'rules') return rulesEngine;
  if (request.name !== 'llm' && request.name !== 'auto') return { skipped: `unknown engine ${request.name} (rules, llm, auto)` };
  if (!llm) return { skipped: `the ${request.name} engine needs an OpenAI-compatible endpoint (OPENAI_API_KEY or OPENAI_BASE_URL), and none is configured` };
  let promptVersion: string;
  try {
    promptVersion = loadPrompt('extract-table', request.promptVersion).version;
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  const name: EngineName = request.name;
  const options = { engine: name, llm, model: request.model, promptVersion };
  return {
    label: `${name}:${request.model ?? llm.config.JIXIAO_MODEL}@${promptVersion}`,
    async run(bytes, filename) {
      const result = await extractWithEngine({ bytes, filename }, options);
      if (!result.ok) return { ok: false, code: result.error.code, message: result.error.message };
      const run = result.extraction.engine;
      const usage = run ? { promptTokens: run.promptTokens, completionTokens: run.completionTokens, costUsd: run.costUsd } : null;
      return { ok: true, extraction: result.extraction, doc: result.doc, usage };
    },
  };
}

function defaultLlm(): Llm | null {
  const config = llmConfig();
  return config ? createLlm(config) : null;
}

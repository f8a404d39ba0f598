// What an engine is asked to do, kept apart from the engine so that callers of the rules alone do
// not load the model path (langchain's splitter takes a second or two to import).
import type { Llm } from '../../llm/client.ts';
import type { EngineName } from '../../schemas/extraction.ts';

export interface EngineOptions {
  engine: EngineName;
  /** null when no endpoint is configured */
  llm: Llm | null;
  /** another chat model than JIXIAO_MODEL */
  model?: string;
  /** another prompt version than the current one (prompts/extract-table/…) */
  promptVersion?: string;
}

/**
 * The model engine asked for cannot be had: none is configured (MODEL_NOT_CONFIGURED), or the one
 * configured answered none of the document's sections (LLM_UNAVAILABLE). Only `llm` fails so;
 * `auto` keeps the rules' reading with warnings.
 */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: 'MODEL_NOT_CONFIGURED' | 'LLM_UNAVAILABLE' = 'MODEL_NOT_CONFIGURED',
  ) {
    super(message);
  }
}

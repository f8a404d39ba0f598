// One OpenAI-compatible client for the model path, its limits from LlmConfig. Extraction retries
// its own requests (llm/ask-json.ts) to report each fault; drafting and embeddings let the SDK
// retry 429, 5xx and timeouts, with backoff and Retry-After.
import OpenAI from 'openai';
import type { LlmConfig } from './config.ts';

export interface Llm {
  client: OpenAI;
  config: LlmConfig;
}

export function createLlm(config: LlmConfig): Llm {
  const client = new OpenAI({
    // A local server (Ollama, vLLM) takes any key.
    apiKey: config.OPENAI_API_KEY ?? 'none',
    baseURL: config.OPENAI_BASE_URL,
    timeout: config.LLM_TIMEOUT_SECONDS * 1000,
    maxRetries: config.LLM_MAX_RETRIES,
  });
  return { client, config };
}

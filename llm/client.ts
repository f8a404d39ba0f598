// One OpenAI-compatible client for the model path. The SDK retries 429, 5xx and timeouts with
// backoff and honours Retry-After; its own limits come from LlmConfig.
import OpenAI from 'openai';
import type { LlmConfig } from './config.ts';

export interface Llm {
  client: OpenAI;
  config: LlmConfig;
}

export function createLlm(config: LlmConfig, options: { fetch?: typeof fetch } = {}): Llm {
  const client = new OpenAI({
    // A local server (Ollama, vLLM) takes any key.
    apiKey: config.OPENAI_API_KEY ?? 'none',
    baseURL: config.OPENAI_BASE_URL,
    timeout: config.LLM_TIMEOUT_SECONDS * 1000,
    maxRetries: config.LLM_MAX_RETRIES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { client, config };
}

// The model path's settings, from the environment through one schema. Nothing here is needed:
// without OPENAI_API_KEY (or OPENAI_BASE_URL for a local server) the toolkit runs on rules alone.
import { z } from 'zod';

export const LlmConfig = z.object({
  OPENAI_API_KEY: z.string().min(1).optional().describe('key for an OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen …)'),
  OPENAI_BASE_URL: z.url().optional().describe('the endpoint, e.g. https://api.deepseek.com/v1 or http://127.0.0.1:11434/v1 for Ollama'),
  JIXIAO_MODEL: z.string().min(1).default('gpt-4o-mini').describe('chat model for drafting and extraction'),
  JIXIAO_EMBEDDING_MODEL: z.string().min(1).optional().describe('embedding model; when set, similar projects are reranked by embeddings'),
  LLM_TIMEOUT_SECONDS: z.coerce.number().positive().default(60).describe('longest one model request may take'),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).default(3).describe('retries on 429, 5xx and timeouts, with backoff, honouring Retry-After'),
  LLM_CONCURRENCY: z.coerce.number().int().min(1).default(2).describe('model requests at once'),
  LLM_TOKEN_BUDGET: z.coerce.number().int().positive().default(60_000).describe('most tokens one document may spend; sections past it are left to the rules, with a warning'),
  LLM_PRICE_INPUT: z.coerce.number().min(0).optional().describe('US dollars per million prompt tokens, for the cost estimate in eval reports and results'),
  LLM_PRICE_OUTPUT: z.coerce.number().min(0).optional().describe('US dollars per million completion tokens'),
});

export type LlmConfig = z.infer<typeof LlmConfig>;

/** The settings, or null when no endpoint is configured (a local server needs only its URL). */
export function llmConfig(env: Record<string, string | undefined> = process.env): LlmConfig | null {
  // An empty variable is an unset one (OPENAI_API_KEY= in a shell or a .env file).
  const parsed = LlmConfig.parse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  return parsed.OPENAI_API_KEY || parsed.OPENAI_BASE_URL ? parsed : null;
}

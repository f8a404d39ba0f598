// One schema-bound question to a chat model: the answer is parsed as JSON and checked by a zod
// schema; an answer that fails gets one re-ask carrying the schema's issues, and a second failure
// is given back as such, with the last output kept for debugging. Transport faults (429, 5xx,
// timeouts) are retried by the SDK, with backoff and Retry-After (LLM_MAX_RETRIES,
// LLM_TIMEOUT_SECONDS); what still fails comes back as an error, not a throw.
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { Llm } from './client.ts';

export interface Usage {
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

export const emptyUsage = (): Usage => ({ requests: 0, promptTokens: 0, completionTokens: 0 });

export function addUsage(into: Usage, more: Usage): void {
  into.requests += more.requests;
  into.promptTokens += more.promptTokens;
  into.completionTokens += more.completionTokens;
}

export type AskOutcome<T> =
  | { ok: true; value: T; usage: Usage }
  /** invalid: the model answered twice outside the schema; failed: the endpoint could not be reached */
  | { ok: false; kind: 'invalid' | 'failed'; problem: string; lastOutput: string | null; usage: Usage };

export interface AskRequest<T extends z.ZodType> {
  llm: Llm;
  system: string;
  user: string;
  schema: T;
  schemaName: string;
  model?: string;
}

/** The message's JSON checked by the schema, or what is wrong with it in words a model can act on. */
function check<T extends z.ZodType>(schema: T, content: string): { ok: true; value: z.infer<T> } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, problem: `the answer is not JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: `the answer does not fit the schema:\n${z.prettifyError(parsed.error)}` };
}

export async function askJson<T extends z.ZodType>(request: AskRequest<T>): Promise<AskOutcome<z.infer<T>>> {
  const { llm } = request;
  const usage = emptyUsage();
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'system', content: request.system },
    { role: 'user', content: request.user },
  ];
  let lastOutput: string | null = null;
  let problem = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    let completion: OpenAI.Chat.ChatCompletion;
    try {
      completion = await llm.client.chat.completions.create({
        model: request.model ?? llm.config.JIXIAO_MODEL,
        temperature: 0,
        messages,
        response_format: zodResponseFormat(request.schema, request.schemaName),
      });
    } catch (error) {
      usage.requests += 1;
      return { ok: false, kind: 'failed', problem: describeFailure(error), lastOutput, usage };
    }
    usage.requests += 1;
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    const content = completion.choices[0]?.message.content ?? '';
    const checked = check(request.schema, content);
    if (checked.ok) return { ok: true, value: checked.value, usage };
    lastOutput = content;
    problem = checked.problem;
    messages.push(
      { role: 'assistant', content },
      { role: 'user', content: `${problem}\n\nAnswer again, with JSON that fits the schema and nothing else.` },
    );
  }
  return { ok: false, kind: 'invalid', problem, lastOutput, usage };
}

function describeFailure(error: unknown): string {
  const status = (error as { status?: number }).status;
  const name = (error as Error).constructor?.name ?? 'Error';
  if (name === 'APIConnectionTimeoutError') return 'the model did not answer within LLM_TIMEOUT_SECONDS (after the retries)';
  if (status === 429) return 'the model endpoint kept answering 429 (rate limited) until the retries were spent';
  if (status !== undefined && status >= 500) return `the model endpoint kept failing (${status}) until the retries were spent`;
  if (status !== undefined) return `the model endpoint refused the request (${status}): ${(error as Error).message}`;
  return `the model endpoint could not be reached: ${(error as Error).message}`;
}

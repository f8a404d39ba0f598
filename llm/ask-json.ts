// One schema-bound question to a chat model: the answer is parsed as JSON and checked by a zod
// schema; an answer that fails gets one re-ask carrying the schema's issues, and a second failure
// is given back as such, with the last output kept for debugging. Transport faults (429, 5xx,
// timeouts) are retried here with backoff, honouring Retry-After (LLM_MAX_RETRIES,
// LLM_TIMEOUT_SECONDS), rather than inside the SDK, so that each fault overcome can be reported
// with the result; what still fails comes back as an error, not a throw.
import OpenAI from 'openai';
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
  /** faults: what went wrong on the way and was overcome (a retried 429, a re-asked answer) */
  | { ok: true; value: T; usage: Usage; faults: string[] }
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
  const faults: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    let completion: OpenAI.Chat.ChatCompletion;
    try {
      completion = await withRetries(llm, faults, usage, () =>
        llm.client.chat.completions.create(
          { model: request.model ?? llm.config.JIXIAO_MODEL, temperature: 0, messages, response_format: zodResponseFormat(request.schema, request.schemaName) },
          { maxRetries: 0 },
        ),
      );
    } catch (error) {
      return { ok: false, kind: 'failed', problem: describeFailure(error), lastOutput, usage };
    }
    usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
    usage.completionTokens += completion.usage?.completion_tokens ?? 0;
    const content = completion.choices[0]?.message.content ?? '';
    const checked = check(request.schema, content);
    if (checked.ok) return { ok: true, value: checked.value, usage, faults };
    lastOutput = content;
    problem = checked.problem;
    faults.push(`${problem.split('\n')[0]}; asked again with the issues`);
    messages.push(
      { role: 'assistant', content },
      { role: 'user', content: `${problem}\n\nAnswer again, with JSON that fits the schema and nothing else.` },
    );
  }
  return { ok: false, kind: 'invalid', problem, lastOutput, usage };
}

/** Whether a failed request is worth repeating: rate limits, server faults, timeouts, lost connections. */
function transient(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true;
  const status = (error as { status?: number }).status;
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

/** Seconds the endpoint asked to wait (Retry-After, retry-after-ms), if it said and it is sane. */
function retryAfterMillis(error: unknown): number | null {
  const headers = (error as { headers?: Headers }).headers;
  const millis = Number(headers?.get?.('retry-after-ms'));
  if (Number.isFinite(millis) && millis >= 0 && headers?.get?.('retry-after-ms') !== null) return millis;
  const value = headers?.get?.('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(wait) && wait >= 0 && wait <= 60_000 ? wait : null;
}

/** Backoff for the nth retry: 0.5 s doubling to 8 s, with a quarter of jitter. */
const backoffMillis = (retry: number) => Math.min(8000, 500 * 2 ** retry) * (1 - Math.random() * 0.25);

/** The call, repeated on transient faults; every request sent is counted in usage.requests. */
async function withRetries<T>(llm: Llm, faults: string[], usage: Usage, call: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    usage.requests += 1;
    try {
      return await call();
    } catch (error) {
      if (!transient(error) || retry >= llm.config.LLM_MAX_RETRIES) throw error;
      const wait = retryAfterMillis(error) ?? backoffMillis(retry);
      faults.push(`${describeFault(error)}; retried after ${(wait / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function describeFault(error: unknown): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'no answer within LLM_TIMEOUT_SECONDS';
  const status = (error as { status?: number }).status;
  return status === undefined ? `connection failed (${(error as Error).message})` : `the endpoint answered ${status}`;
}

function describeFailure(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'the model did not answer within LLM_TIMEOUT_SECONDS (after the retries)';
  if (status === 429) return 'the model endpoint kept answering 429 (rate limited) until the retries were spent';
  if (status !== undefined && status >= 500) return `the model endpoint kept failing (${status}) until the retries were spent`;
  if (status !== undefined) return `the model endpoint refused the request (${status}): ${(error as Error).message}`;
  return `the model endpoint could not be reached: ${(error as Error).message}`;
}

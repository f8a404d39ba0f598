// ?engine= on the reading routes: rules by default, auto equal to rules without a model, llm refused
// without one, and with a model (msw answering) the result records the model's part.
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './app.ts';
import { defaultConfig } from './config.ts';

const BASE = 'http://llm.test/v1';
const mock = setupServer(
  http.post(`${BASE}/chat/completions`, () =>
    HttpResponse.json({
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'test-model',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '{"projects":[]}', refusal: null } }],
      usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
    }),
  ),
);
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));

const table = readFileSync(new URL('../fixtures/focused/paste-tsv.txt', import.meta.url), 'utf8');
const withoutModel = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
const withModel = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:', OPENAI_BASE_URL: BASE, OPENAI_API_KEY: 'test', JIXIAO_MODEL: 'test-model' }));
afterAll(() => {
  withoutModel.close();
  withModel.close();
  mock.close();
});
const post = (server: typeof withModel, query: string) => server.app.request(`/api/extract${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: table }) });

describe('the engine of a reading request', () => {
  it('without a model: auto answers what rules answer, llm is refused with MODEL_NOT_CONFIGURED', async () => {
    const rules = await (await post(withoutModel, '')).json();
    const auto = await post(withoutModel, '?engine=auto');
    expect(auto.status).toBe(200);
    expect(await auto.json()).toEqual(rules);
    const llm = await post(withoutModel, '?engine=llm');
    expect(llm.status).toBe(400);
    expect((await llm.json()).error.code).toBe('MODEL_NOT_CONFIGURED');
    const bogus = await post(withoutModel, '?engine=gpt');
    expect(bogus.status).toBe(400);
    expect((await (await withoutModel.app.request('/api/health')).json()).model).toBeNull();
  });

  it('with a model: the result names the engine, model, prompt and tokens', async () => {
    const response = await post(withModel, '?engine=llm');
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.engine).toMatchObject({ name: 'llm', model: 'test-model', promptVersion: 'extract-table/1', promptTokens: 100, completionTokens: 10 });
    expect(result.warnings.map((warning: { code: string }) => warning.code)).toContain('MISSING_ROWS');
    expect((await (await withModel.app.request('/api/health')).json()).model).toBe('test-model');
  });
});

describe('the engine in a reading task (what a worker runs)', () => {
  it('reads a file with the model settings the task carries', async () => {
    const { runTask } = await import('./tasks/run-task.ts');
    const { LlmConfig } = await import('../llm/config.ts');
    const llm = LlmConfig.parse({ OPENAI_BASE_URL: BASE, OPENAI_API_KEY: 'test', JIXIAO_MODEL: 'test-model' });
    const outcome = await runTask({ kind: 'extract', bytes: new TextEncoder().encode(table), filename: 'table.txt', limits: {}, engine: { name: 'llm', llm } }, () => {});
    expect(outcome.ok && 'extraction' in outcome && outcome.extraction.engine).toMatchObject({ name: 'llm', model: 'test-model', promptTokens: 100 });
    const auto = await runTask({ kind: 'extract-text', text: table, limits: {}, engine: { name: 'auto', llm: null } }, () => {});
    expect(auto.ok && 'extraction' in auto && auto.extraction.engine).toBe(undefined);
  });
});

// The model path of drafting, with msw answering an OpenAI-compatible endpoint: no network.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addStarterDocuments } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import { createLlm } from '../llm/client.ts';
import { LlmConfig } from '../llm/config.ts';
import { draftProject } from './drafter.ts';
import { numbersIn } from './refine.ts';
import { draftWithModel } from './with-model.ts';

const BASE = 'http://llm.test/v1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const library = new SqliteLibrary(':memory:');
beforeAll(() => addStarterDocuments(library), 120_000);
const llm = (extra: Record<string, string> = {}) => createLlm(LlmConfig.parse({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: BASE, JIXIAO_MODEL: 'test-model', LLM_MAX_RETRIES: '0', ...extra }));
const request = { name: '2026年蔬菜储备补贴资金', budget: 50, purpose: '储备蔬菜500吨，保障8人，购置冷藏设备3台。', year: 2026 };

/** A chat completion whose message content is `answer` as JSON. */
function chatAnswer(answer: unknown) {
  return http.post(`${BASE}/chat/completions`, () =>
    HttpResponse.json({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model: 'test-model',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer), refusal: null } }],
      usage: { prompt_tokens: 1200, completion_tokens: 80, total_tokens: 1280 },
    }),
  );
}

describe('drafting with a model', () => {
  it('takes a refinement that keeps to the numbers it was given, its added rows grounded in a precedent', async () => {
    const precedent = (await draftProject(library, request)).similar[0]!.project.id;
    server.use(
      chatAnswer({
        rows: [{ index: 0, name: '蔬菜储备数量', description: '年内储备蔬菜的数量', rationale: '名称写明储备对象。' }],
        added: [{ level1: '效益指标', level2: '可持续影响指标', name: '查验设备正常运行率', description: '设备正常运行天数占全年天数的比例', value: '=100%', basis: '历史标准：参照同类项目', rationale: '设备需长期发挥作用。', sourceProjectId: precedent }],
      }),
    );
    const { draft, notes } = await draftWithModel(library, request, llm());
    expect(draft.refinedBy).toBe('test-model (draft-refine/2)');
    expect(draft.project.indicators[0]).toMatchObject({ name: '蔬菜储备数量', value: { raw: '500吨' } });
    expect(draft.project.indicators.at(-1)).toMatchObject({ level1: '效益指标', level2: '可持续影响指标', value: { raw: '=100%', number: 100 }, origin: 'model', confidence: 'low', sources: [{ projectId: precedent }] });
    expect(notes.join(' ')).toContain('refined');
  });

  it('refuses an added row that follows no precedent it was shown, or leaves the framework', async () => {
    const row = { level1: '效益指标', level2: '可持续影响指标', name: '查验设备正常运行率', description: null, value: '≥95%', basis: '计划标准', rationale: '…' };
    server.use(chatAnswer({ rows: [], added: [{ ...row, sourceProjectId: 999_999 }] }));
    const ungrounded = await draftWithModel(library, request, llm());
    expect(ungrounded.draft.refinedBy).toBeNull();
    expect(ungrounded.notes.join(' ')).toContain('not drawn from a precedent shown');
    const precedent = (await draftProject(library, request)).similar[0]!.project.id;
    server.use(chatAnswer({ rows: [], added: [{ ...row, level1: '管理指标', level2: '制度建设', sourceProjectId: precedent }] }));
    expect((await draftWithModel(library, request, llm())).notes.join(' ')).toContain('off the framework');
    // A draft on the template has no precedent: nothing the model adds can be grounded.
    server.use(chatAnswer({ rows: [], added: [{ ...row, sourceProjectId: precedent }] }));
    const fallback = await draftWithModel(library, { name: '2026年人民陪审员经费', budget: 12, year: 2026 }, llm());
    expect(fallback.draft.fallback).toBe(true);
    expect(fallback.draft.refinedBy).toBeNull();
  });

  it('refuses an answer with a number found in neither the request nor the examples, keeping the rules’ draft', async () => {
    server.use(chatAnswer({ rows: [{ index: 0, name: '保障人数', description: '保障口岸查验人员137人', rationale: '…' }], added: [] }));
    const { draft, notes } = await draftWithModel(library, request, llm());
    expect(draft.refinedBy).toBeNull();
    expect(draft.project.indicators).toEqual((await draftProject(library, request)).project.indicators);
    expect(notes.join(' ')).toContain('numbers not in the request or the examples: 137');
  });

  it('keeps the rules’ draft when the answer does not fit the schema, or the endpoint fails', async () => {
    server.use(chatAnswer({ rows: 'none' }));
    expect((await draftWithModel(library, request, llm())).draft.refinedBy).toBeNull();
    server.use(http.post(`${BASE}/chat/completions`, () => HttpResponse.json({ error: { message: 'overloaded' } }, { status: 503 })));
    const failed = await draftWithModel(library, request, llm());
    expect(failed.draft.project.indicators.length).toBeGreaterThan(5);
    expect(failed.notes.join(' ')).toContain('model failed');
  });

  it('reorders the precedents by embeddings when an embedding model is set, keeping their own similarity', async () => {
    const reserve = { name: '2027年蔬菜储备补贴资金', budget: 80, year: 2027 };
    const hitsWithout = (await draftProject(library, reserve)).similar;
    expect(hitsWithout.length).toBeGreaterThan(1);
    const last = hitsWithout.at(-1)!.project.id;
    server.use(
      chatAnswer({ rows: [], added: [] }),
      http.post(`${BASE}/embeddings`, async ({ request: sent }) => {
        const body = (await sent.json()) as { input: string[] };
        // The query and the last BM25 hit point the same way; every other project elsewhere.
        const lastText = body.input.length - 1;
        return HttpResponse.json({ object: 'list', model: 'embed', data: body.input.map((_, index) => ({ object: 'embedding', index, embedding: index === 0 || index === lastText ? [1, 0] : [0, 1] })), usage: { prompt_tokens: 10, total_tokens: 10 } });
      }),
    );
    const { draft, notes } = await draftWithModel(library, reserve, llm({ JIXIAO_EMBEDDING_MODEL: 'embed' }));
    expect(notes.join(' ')).toContain('reordered by embed');
    expect(draft.similar[0]!.project.id).toBe(last);
    expect(draft.similar[0]!.similarity).toBe(hitsWithout.at(-1)!.similarity);
  });
});

describe('numbersIn', () => {
  it('reads numbers as written, full-width digits too', () => {
    expect(numbersIn('≥95%，１２月底前，2.50万元，08人')).toEqual(['95', '12', '2.5', '8']);
  });
});

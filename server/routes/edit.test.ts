// The cell check the page asks while a person types (POST /api/revise/cell), and the codes'
// meanings it says messages in (GET /api/messages).
import { afterAll, describe, expect, it } from 'vitest';
import { INGEST_ERROR_CODES } from '../../ingest/errors.ts';
import { rules } from '../../validate/rules/index.ts';
import { createServer } from '../app.ts';
import { defaultConfig } from '../config.ts';

const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
afterAll(() => server.close());
const post = (path: string, body: unknown) => server.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const HAN = /[\u3400-\u9fff]/;

describe('POST /api/revise/cell', () => {
  it('refuses an amount that is no number, with the reason in Chinese', async () => {
    const res = await post('/api/revise/cell', { field: 'budget.total', text: '一百万' });
    expect(res.status).toBe(200);
    const check = await res.json();
    expect(check.ok).toBe(false);
    expect(check.reason).toMatch(HAN);
    expect(check.reason).toContain('一百万');
  });

  it('takes an amount in 元 as 万元, saying so', async () => {
    expect(await (await post('/api/revise/cell', { field: 'budget.fiscal', text: '250,000元' })).json()).toEqual({ ok: true, value: 25, note: '以元填写，已换算为 25 万元' });
  });

  it('refuses a 一级指标 the rows’ 二级指标 decide otherwise, and takes one they agree with', async () => {
    const rows = [{ level1: '产出指标', level2: '数量指标' }, { level1: '产出指标', level2: '质量指标' }];
    const refused = await (await post('/api/revise/cell', { field: 'level1', text: '满意度指标', rows })).json();
    expect(refused.ok).toBe(false);
    expect(refused.reason).toContain('一级指标由二级指标决定');
    expect(await (await post('/api/revise/cell', { field: 'level1', text: '产出指标', rows })).json()).toEqual({ ok: true, value: '产出指标' });
  });

  it('answers BAD_REQUEST for a body without the text', async () => {
    const res = await post('/api/revise/cell', { field: 'budget.total' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
  });
});

describe('GET /api/messages', () => {
  it('says every reading error and every rule in Chinese', async () => {
    const messages = (await (await server.app.request('/api/messages')).json()) as { errors: Record<string, string>; rules: Record<string, { severity: string; title: string }> };
    for (const code of INGEST_ERROR_CODES) expect(messages.errors[code], code).toMatch(HAN);
    expect(Object.keys(messages.rules).sort()).toEqual(rules.map((rule) => rule.code).sort());
    for (const [code, rule] of Object.entries(messages.rules)) expect(rule.title, code).toMatch(HAN);
  });
});

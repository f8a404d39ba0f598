import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

const app = createApp();
const table = '\t项目名称\n\t测试项目\n\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n\t产出指标\n\t数量指标\n\t培训人数\n\t≥10人\n';

describe('server', () => {
  it('answers health', async () => {
    expect(await (await app.request('/api/health')).json()).toEqual({ ok: true });
  });

  it('extracts JSON { text }', async () => {
    const res = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: table }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.document.projects[0].indicators[0].value.number).toBe(10);
  });

  it('refuses a malformed body and binary input with an error code', async () => {
    const bad = await app.request('/api/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"txt":1}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('BAD_REQUEST');
    const binary = await app.request('/api/extract', { method: 'POST', body: new Uint8Array(1024).map((_, i) => i % 256) });
    expect(binary.status).toBe(422);
    expect((await binary.json()).error.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('serves the page', async () => {
    expect(await (await app.request('/')).text()).toContain('绩效目标表提取');
  });
});

// Engines side by side in one report, with a model endpoint answered by msw. The answer here is a
// test double (an empty reading), so the figures show the report's mechanics, not any model's accuracy.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineFor } from './engines.ts';
import { runEval } from './run.ts';

const BASE = 'http://llm.test/v1';
let requests = 0;
const server = setupServer(
  http.post(`${BASE}/chat/completions`, () => {
    requests++;
    return HttpResponse.json({
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'test-model',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '{"projects":[]}', refusal: null } }],
      usage: { prompt_tokens: 1500, completion_tokens: 400, total_tokens: 1900 },
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function suite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-engines-'));
  const fixtures = new URL('../fixtures/focused/', import.meta.url);
  copyFileSync(new URL('paste-tsv.txt', fixtures), join(dir, 'table.txt'));
  copyFileSync(new URL('paste-tsv.gold.json', fixtures), join(dir, 'table.gold.json'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ fixtures: [{ id: 'table', document: 'table.txt', gold: 'table.gold.json', format: 'text', tags: [] }] }));
  return dir;
}

describe('engines in eval', () => {
  it('skips a model engine when no endpoint is configured, saying why', () => {
    expect(engineFor({ name: 'llm' }, null)).toEqual({ skipped: expect.stringContaining('needs an OpenAI-compatible endpoint') });
    expect(engineFor({ name: 'auto', promptVersion: 'extract-table/0' }, null)).toHaveProperty('skipped');
    expect(engineFor({ name: 'rules' }, null)).toHaveProperty('label', 'rules');
  });

  it('runs rules and llm side by side in one report, with tokens, time and cost per document', async () => {
    vi.stubEnv('OPENAI_BASE_URL', BASE);
    vi.stubEnv('OPENAI_API_KEY', 'test');
    vi.stubEnv('JIXIAO_MODEL', 'test-model');
    vi.stubEnv('LLM_PRICE_INPUT', '0.5');
    vi.stubEnv('LLM_PRICE_OUTPUT', '1.5');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const dir = suite();
    const html = join(dir, 'report.html');
    try {
      await runEval(['--fixtures', dir, '--engine', 'rules,llm', '--html', html]);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(requests).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.engines.map((engine: { label: string }) => engine.label)).toEqual(['rules', 'llm:test-model@extract-table/1']);
    const [rules, llm] = report.engines;
    expect(rules.perDocument).toMatchObject({ tokens: null, costUsd: null });
    expect(llm.perDocument).toMatchObject({ tokens: 1900, costUsd: (1500 * 0.5 + 400 * 1.5) / 1e6 });
    expect(rules.totals['rows.f1']).toBe(1);
    expect(llm.totals['rows.f1']).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('llm:test-model@extract-table/1');
  });
});

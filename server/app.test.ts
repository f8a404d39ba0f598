// Route tests through app.request: the reading, job, editing and export routes, errors as codes.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { Extraction } from '../schemas/extraction.ts';
import { createServer } from './app.ts';
import { defaultConfig, readConfig } from './config.ts';

const server = createServer(defaultConfig({ JOB_QUEUE_SIZE: 2, MAX_UPLOAD_MB: 1, JIXIAO_LIBRARY: ':memory:' }));
const { app } = server;
afterAll(() => server.close());

const seed = readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function waitForJob(id: string): Promise<{ status: string; result: Extraction | null; error: { code: string } | null; pages: { page: number; image: string }[] }> {
  for (let i = 0; i < 600; i++) {
    const job = await (await app.request(`/api/extract/jobs/${id}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('job did not finish');
}

describe('reading', () => {
  it('answers health with the load', async () => {
    const health = await (await app.request('/api/health')).json();
    expect(health).toMatchObject({ ok: true, schemaVersion: '1', reading: { running: 0, queued: 0 } });
  });

  it('extracts pasted text as the contract, with each cell’s source lines', async () => {
    const res = await app.request('/api/extract', json({ text: seed }));
    expect(res.status).toBe(200);
    const extraction = Extraction.parse(await res.json());
    expect(extraction.document.projects).toHaveLength(7);
    const first = extraction.document.projects[0]!.indicators[0]!;
    expect(first.provenance?.value?.lineStart).toBeGreaterThan(0);
  });

  it('extracts an uploaded file (multipart) in a worker, and raw bytes named by X-Filename', async () => {
    const xlsx = readFileSync(new URL('../fixtures/formats/chengde.xlsx', import.meta.url));
    const form = new FormData();
    form.append('file', new File([xlsx], 'chengde.xlsx'));
    const res = await app.request('/api/extract', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.source).toMatchObject({ filename: 'chengde.xlsx', format: 'xlsx' });
    expect(body.document.projects.map((project: { name: string }) => project.name)).toContain('2022年度补充业务经费');
    const raw = await app.request('/api/extract', { method: 'POST', headers: { 'x-filename': 'seed.txt' }, body: new TextEncoder().encode(seed) });
    expect((await raw.json()).source.filename).toBe('seed.txt');
  });

  it('refuses what it cannot read with a code and the right status, never a stack', async () => {
    const cases: [RequestInit, number, string][] = [
      [{ ...json({ txt: 1 }) }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "unterminated' }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }, 400, 'BAD_REQUEST'],
      [{ method: 'POST', body: new Uint8Array(1024).map((_, i) => i % 256) }, 422, 'UNSUPPORTED_FORMAT'],
      [{ method: 'POST', body: new Uint8Array() }, 422, 'EMPTY_INPUT'],
      [{ method: 'POST', body: new Uint8Array(2 * 1024 * 1024) }, 413, 'FILE_TOO_LARGE'],
    ];
    for (const [init, status, code] of cases) {
      const res = await app.request('/api/extract', init);
      const body = await res.json();
      expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    }
    const missing = await app.request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('jobs', () => {
  it('reads a file as a job, reports progress as events, and serves its pages as PNG', { timeout: 120_000 }, async () => {
    const pdf = readFileSync(new URL('../fixtures/formats/chengde.pdf', import.meta.url));
    const form = new FormData();
    form.append('file', new File([pdf], 'chengde.pdf'));
    const created = await app.request('/api/extract/jobs', { method: 'POST', body: form });
    expect(created.status).toBe(202);
    const { id } = await created.json();
    const events = await (await app.request(`/api/extract/jobs/${id}/events`)).text();
    expect(events).toContain('event: progress');
    expect(events).toMatch(/event: status\ndata: \{[^\n]*"status":"done"/);
    const job = await waitForJob(id);
    expect(job.result?.document.projects).toHaveLength(3);
    expect(job.pages.length).toBe(job.result?.source.pages);
    const image = await app.request(`${job.pages[0]!.image}?width=300`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await image.arrayBuffer()).slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect((await app.request(`/api/extract/jobs/${id}/pages/99`)).status).toBe(404);
  });

  it('a failed read ends the job with the code; an unknown job is NOT_FOUND', { timeout: 60_000 }, async () => {
    const created = await app.request('/api/extract/jobs', { method: 'POST', body: new TextEncoder().encode('%PDF-1.7 cut') });
    const job = await waitForJob((await created.json()).id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'TRUNCATED' } });
    expect((await app.request('/api/extract/jobs/nope')).status).toBe(404);
  });

  it('a full queue answers 429 with Retry-After', { timeout: 120_000 }, async () => {
    const scan = readFileSync(new URL('../fixtures/formats/chengde-photo.jpg', import.meta.url));
    const submit = () => app.request('/api/extract/jobs', { method: 'POST', body: scan });
    // One running (one worker) and two waiting (JOB_QUEUE_SIZE 2): the fourth is refused.
    const answers = [await submit(), await submit(), await submit(), await submit()];
    expect(answers.slice(0, 3).map((res) => res.status)).toEqual([202, 202, 202]);
    expect(answers[3]!.status).toBe(429);
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await answers[3]!.json()).error.code).toBe('BUSY');
    for (const res of answers.slice(0, 3)) await waitForJob((await res.json()).id);
  });
});

describe('editing and export', () => {
  const extracted = async () => (await app.request('/api/extract', json({ text: seed }))).json();

  it('revises an edited value: parsed again from what was typed', async () => {
    const extraction = await extracted();
    extraction.document.projects[0].indicators[0].value = { raw: '≥ 12 次' };
    const res = await app.request('/api/revise', json(extraction));
    expect(res.status).toBe(200);
    const revised = await res.json();
    // Normalised as the contract says: the space before 次 goes, the one after ≥ stays.
    expect(revised.document.projects[0].indicators[0].value).toEqual({ raw: '≥ 12次', kind: 'numeric', op: '>=', number: 12, unit: '次' });
  });

  it('refuses an edit that breaks the contract, naming where', async () => {
    const extraction = await extracted();
    extraction.document.projects[0].budget.total = '很多';
    const res = await app.request('/api/revise', json(extraction));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('SCHEMA_INVALID');
    expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain('document.projects.0.budget.total');
  });

  it('exports each project as its form with its findings, and one row per indicator, as XLSX, CSV and TSV', async () => {
    const extraction = await extracted();
    const rows = extraction.document.projects.reduce((sum: number, project: { indicators: unknown[] }) => sum + project.indicators.length, 0);
    const xlsx = await app.request('/api/export/xlsx', json(extraction));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(extraction.document.projects.length + 1);
    // The form sheets first, each with the 审核意见 of the findings the route made again.
    const form = workbook.worksheets[0]!;
    const texts: string[] = [];
    form.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain(extraction.document.projects[0].name);
    const findings = extraction.findings.filter((finding: { loc: { projectIndex: number } }) => finding.loc.projectIndex === 0);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(texts.join('\n')).toContain(finding.message);
    // Then every row, for analysis.
    const sheet = workbook.worksheets.at(-1)!;
    expect(sheet.rowCount).toBe(rows + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('项目名称');
    expect(sheet.getRow(2).getCell(2).value).toBe(extraction.document.projects[0].name);
    const csvBytes = new Uint8Array(await (await app.request('/api/export/csv', json(extraction))).arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv.trim().split('\r\n')).toHaveLength(rows + 1);
    const tsv = await (await app.request('/api/export/tsv', json(extraction))).text();
    expect(tsv.split('\r\n')[0]!.split('\t')[1]).toBe('项目名称');
    expect((await app.request('/api/export/pdf', json(extraction))).status).toBe(400);
  });
});

describe('review findings', () => {
  it('validates pasted text, naming each finding’s project and row, with counts', async () => {
    const res = await app.request('/api/validate', json({ text: seed }));
    expect(res.status).toBe(200);
    const body = await res.json();
    const codes = body.findings.map((finding: { code: string }) => finding.code);
    // Seed 004's ≥100% rates and its ≤32人 quantity (the issue's examples).
    expect(codes).toEqual(expect.arrayContaining(['PERCENT_OVER_100', 'COMPARATOR_DIRECTION']));
    expect(body.summary.counts.total).toBe(body.findings.length);
    const over = body.findings.find((finding: { code: string }) => finding.code === 'PERCENT_OVER_100');
    expect(over.loc).toMatchObject({ projectIndex: 2, indicatorIndex: 1 });
  });

  it('validates an extraction JSON as it stands, and a file', async () => {
    const extraction = await (await app.request('/api/extract', json({ text: seed }))).json();
    extraction.document.projects = [extraction.document.projects[2]];
    const reviewed = await (await app.request('/api/validate', json(extraction))).json();
    expect(new Set(reviewed.findings.map((finding: { loc: { projectIndex: number } }) => finding.loc.projectIndex))).toEqual(new Set([0]));
    const file = await app.request('/api/validate', { method: 'POST', headers: { 'x-filename': '004.txt' }, body: new TextEncoder().encode(seed) });
    expect((await file.json()).file).toBe('004.txt');
    const bad = await app.request('/api/validate', json({ schemaVersion: '1' }));
    expect(bad.status).toBe(400);
  });

  it('makes the findings again after an edit', async () => {
    const extraction = await (await app.request('/api/extract', json({ text: seed }))).json();
    const countOf = (body: { findings: { code: string }[] }) => body.findings.filter((finding) => finding.code === 'PERCENT_OVER_100').length;
    expect(countOf(extraction)).toBe(2);
    extraction.document.projects[2].indicators[1].value = { raw: '=100%' };
    const revised = await (await app.request('/api/revise', json(extraction))).json();
    expect(countOf(revised)).toBe(1);
  });
});

describe('drafting', () => {
  it('drafts from the seeded library: every row with its sources and a reason, and the findings', async () => {
    const res = await app.request('/api/draft', json({ name: '2026年蔬菜储备补贴资金', budget: 50, purpose: '储备蔬菜500吨，购置冷藏设备3台', year: 2026 }));
    expect(res.status).toBe(200);
    const draft = await res.json();
    expect(draft.project.indicators.map((row: { value: { raw: string } }) => row.value.raw)).toEqual(expect.arrayContaining(['500吨', '3台']));
    expect(draft.project.indicators.some((row: { origin: string; sources: unknown[] }) => row.origin === 'precedent' && row.sources.length > 0)).toBe(true);
    expect(draft.project.indicators.every((row: { rationale: string }) => row.rationale.length > 0)).toBe(true);
    expect(draft.similar.length).toBeGreaterThan(0);
    expect(Array.isArray(draft.findings)).toBe(true);
  });

  it('refuses a request without a name or with a budget that is no number', async () => {
    for (const body of [{ budget: 50 }, { name: '某项目', budget: '很多' }, { name: '某项目', budget: -1 }]) {
      const res = await app.request('/api/draft', json(body));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
    }
  });

  it('searches the library, with scores, matched terms and filters', async () => {
    const body = await (await app.request('/api/library/search?q=海关办公经费&limit=3')).json();
    expect(body.library.projects).toBe(90);
    expect(body.hits[0].project.name).toBe('2026年度海关办公经费');
    expect(body.hits[0].matchedTerms).toContain('海关');
    const filtered = await (await app.request('/api/library/search?q=日常运转保障&year=2025')).json();
    expect(filtered.hits.length).toBeGreaterThan(0);
    expect(filtered.hits.every((hit: { project: { year: number } }) => hit.project.year === 2025)).toBe(true);
    expect((await app.request('/api/library/search')).status).toBe(400);
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document, the page that renders it, and the page', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/extract', '/api/extract/jobs', '/api/extract/jobs/{id}', '/api/extract/jobs/{id}/events', '/api/validate', '/api/revise', '/api/export/{format}', '/api/draft', '/api/library/search', '/api/health']));
    expect(await (await app.request('/docs')).text()).toContain('swagger-ui-bundle.js');
    expect((await app.request('/docs/swagger-ui-bundle.js')).status).toBe(200);
    const page = await (await app.request('/')).text();
    expect(page).toContain('绩效目标表提取');
    expect(page).not.toMatch(/https?:\/\//);
  });
});

describe('settings and limits', () => {
  it('reads every setting from the environment through one schema, naming a bad one', () => {
    const good = readConfig({ PORT: '9000', MAX_UPLOAD_MB: '5', JOB_QUEUE_SIZE: '0' });
    expect(good.ok && good.config).toMatchObject({ PORT: 9000, MAX_UPLOAD_MB: 5, JOB_QUEUE_SIZE: 0, HOST: '127.0.0.1', REQUEST_TIMEOUT_SECONDS: 120 });
    const bad = readConfig({ PORT: 'eighty', JOB_CONCURRENCY: '0' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'JOB_CONCURRENCY']);
     // An empty variable is an unset one, not an invalid one.
    const empty = readConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '', PORT: '' });
    expect(empty.ok && empty.config).toMatchObject({ PORT: 8787 });
    expect(empty.ok && empty.config.OPENAI_API_KEY).toBeUndefined();
  });

  it('answers TIMEOUT when a request runs past the limit, and the server goes on', { timeout: 60_000 }, async () => {
    const slow = createServer(defaultConfig({ REQUEST_TIMEOUT_SECONDS: 0.05, JIXIAO_LIBRARY: ':memory:' }));
    try {
      const scan = readFileSync(new URL('../fixtures/formats/chengde-photo.jpg', import.meta.url));
      const res = await slow.app.request('/api/extract', { method: 'POST', body: scan });
      expect(res.status).toBe(504);
      expect((await res.json()).error.code).toBe('TIMEOUT');
      expect((await slow.app.request('/api/health')).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy that allows only this server, no framing, and nosniff, on the page and the API', async () => {
    for (const path of ['/', '/api/health', '/docs']) {
      const res = await app.request(path);
      const policy = res.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

// The HTML evaluation report in a real browser with the network cut: every section is there, the
// charts draw, and a regression shows as the rows that changed with their source lines.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEval } from '../../eval/run.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const SECTIONS = ['totals', 'engines', 'formats', 'fields', 'confusion', 'slowest', 'baseline', 'diffs', 'drafts'];

let browser: Browser;
let dir: string;

async function quietly(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runEval(args), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
  const entries = [
    { id: 'seed-002', document: 'seeds/002_b681af093c63d6a7.txt', gold: 'seeds/002_b681af093c63d6a7.gold.json', format: 'text', tags: ['seed'] },
    { id: 'chengde-docx', document: 'formats/chengde.docx', gold: 'formats/chengde.docx.gold.json', format: 'docx', tags: [] },
    { id: 'chengde-pdf', document: 'formats/chengde.pdf', gold: 'formats/chengde.pdf.gold.json', format: 'pdf', tags: [], reference: 'formats/chengde.docx' },
  ];
  for (const entry of entries) {
    for (const file of [entry.document, entry.gold]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      copyFileSync(join(fixtures, file), join(dir, file));
    }
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ fixtures: entries }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch((error: Error) => {
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): ${error.message}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('jixiao eval --html', () => {
  it('writes a page that opens offline, with every section and drawn charts', { timeout: 180_000 }, async () => {
    expect((await quietly(['--fixtures', dir, '--save-baseline'])).status).toBe(0);
    // The gold of seed 002 says something the extractor does not read: one value, as a person
    // correcting gold might.
    const goldPath = join(dir, 'seeds/002_b681af093c63d6a7.gold.json');
    const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { document: { projects: { indicators: { value: { raw: string; number: number | null } }[] }[] } };
    const row = gold.document.projects.flatMap((project) => project.indicators).find((indicator) => indicator.value.raw === '100%');
    if (!row) throw new Error('seed 002 has no 100% row');
    row.value = { ...row.value, raw: '99%', number: 99 };
    writeFileSync(goldPath, JSON.stringify(gold));
    const html = join(dir, 'report.html');
    const run = await quietly(['--fixtures', dir, '--html', html]);
    expect(run.status).toBe(4);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(html).href);

    for (const id of SECTIONS) expect(await page.locator(`section#${id}`).count(), id).toBe(1);
    expect(await page.locator('.verdict.fail').textContent()).toContain('dropped against the baseline');
    // Charts are drawn: bars with width, for each format group.
    const bars = page.locator('section#formats svg.chart rect.bar');
    expect(await bars.count()).toBeGreaterThanOrEqual(3 * 3);
    const box = await bars.first().boundingBox();
    expect(box?.width).toBeGreaterThan(10);
    expect(await page.locator('section#fields svg.chart').count()).toBe(5);
    expect(await page.locator('section#drafts svg.chart rect.bar').count()).toBe(6 * 3);
    // The confusion matrix has the 二级指标 of the gold on its rows.
    expect(await page.locator('section#confusion th').allTextContents()).toEqual(expect.arrayContaining(['数量指标', '服务对象满意度指标']));
    // The changed row: gold above what was read, and the source lines it was read from.
    const diff = page.locator('section#diffs details', { hasText: 'seed-002' });
    expect(await diff.locator('.gold', { hasText: '99%' }).count()).toBeGreaterThan(0);
    expect(await diff.locator('.src mark').first().textContent()).toContain('100%');
    expect(await page.locator('section#baseline summary.worse').textContent()).toContain('seed-002');

    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    await page.close();
  });
});

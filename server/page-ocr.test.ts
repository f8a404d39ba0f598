// The page in Chromium marks the figures OCR read with low confidence (OCR_LOW_CONFIDENCE): a dotted
// amber underline and a hover text asking to check the figure against the scan; the budget that
// does not add up only because of such a figure is a warning, not an error. A figure the person
// corrects is theirs, no longer OCR's: its mark goes.
// Screenshots go to jixiao-page-ocr/ in the temporary folder (JIXIAO_SCREENSHOTS=DIR to choose another).
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { validateDocument } from '../validate/engine.ts';
import { startPageServer, type PageServer } from '../test/support/chromium.ts';

let pages: PageServer;
let base: string;
let browser: Browser;
const shots = process.env.JIXIAO_SCREENSHOTS ?? join(tmpdir(), 'jixiao-page-ocr');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  pages = await startPageServer();
  ({ base, browser } = pages);
}, 60_000);

afterAll(async () => {
  await pages?.close();
});

/** A seed's first project as a scan would give it: 财政资金 read as 1 at 0.62, its first value at 0.55, the rest sure. */
function scannedExtraction(): Extraction {
  const read = extractText(readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8'));
  const first = read.document.projects[0]!;
  const total = first.budget.total ?? 131.2;
  const project = {
    ...first,
    budget: { total, fiscal: 1, other: null },
    ocrConfidence: { 'budget.total': 0.99, 'budget.fiscal': 0.62 },
    indicators: first.indicators.map((row, i) => ({ ...row, provenance: { ...row.provenance, value: { page: 1, bbox: [10, 10, 60, 30] as [number, number, number, number], ocr: true, confidence: i === 0 ? 0.55 : 0.97 } } })),
  };
  const document = { ...read.document, objectives: [], projects: [project] };
  return { ...read, source: { ...read.source, format: 'image', ocr: true, pages: 1 }, document, warnings: [], findings: validateDocument(document) };
}

describe('the page on figures OCR was unsure of', () => {
  it('underlines them in amber with the confidence in the hover text, and drops the mark once corrected', { timeout: 60_000 }, async () => {
    const extraction = scannedExtraction();
    expect(extraction.findings.filter((finding) => finding.code === 'BUDGET_SUM_MISMATCH').map((finding) => finding.severity)).toEqual(['warning']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const failed: string[] = [];
    page.on('pageerror', (error) => failed.push(error.message));
    await page.goto(base);
    await page.route('**/api/extract?**', (route) => route.fulfill({ json: extraction }));
    await page.fill('#paste', 'the answer is routed');
    await page.click('#extract');
    await page.waitForSelector('section.project td[data-row]');

    const fiscal = page.locator('td[data-field="budget.fiscal"]');
    expect(await fiscal.getAttribute('class')).toContain('ocr-low');
    expect(await fiscal.getAttribute('title')).toBe('扫描识别置信度低（0.62），请核对原件');
    const style = await fiscal.evaluate((element) => getComputedStyle(element));
    expect(style.textDecorationStyle).toBe('dotted');
    expect(style.textDecorationColor).toBe('rgb(212, 167, 44)');
    expect(await page.locator('td[data-field="budget.total"]').getAttribute('class')).toBeNull();

    const value = page.locator('td[data-row="0"][data-field="value"]');
    expect(await value.getAttribute('class')).toContain('ocr-low');
    expect(await value.getAttribute('title')).toBe('扫描识别置信度低（0.55），请核对原件');
    expect(await page.locator('td.ocr-low').count()).toBe(2);
    // The mismatch is a warning to check, in amber, not an error.
    expect(await page.locator('section.project li.error', { hasText: 'BUDGET_SUM_MISMATCH' }).count()).toBe(0);
    expect(await page.locator('section.project li.warning', { hasText: 'BUDGET_SUM_MISMATCH' }).textContent()).toContain('置信度0.62');
    await page.locator('section.project table.head').screenshot({ path: join(shots, 'ocr-low-budget.png') });
    console.log(`screenshot: ${join(shots, 'ocr-low-budget.png')}`);

    // Corrected by hand from the scan: the server revises, and the figure is no longer in doubt.
    await fiscal.click();
    await fiscal.evaluate((element, total) => (element.textContent = total), String(extraction.document.projects[0]!.budget.total));
    const revised = page.waitForResponse((response) => response.url().includes('/api/revise'));
    await fiscal.press('Enter');
    expect((await revised).ok()).toBe(true);
    await page.waitForSelector('#edit-status.ok');
    expect(await page.locator('td[data-field="budget.fiscal"]').getAttribute('class')).toBeNull();
    expect(await page.locator('td.ocr-low').count()).toBe(1);
    expect(await page.locator('section.project', { hasText: 'BUDGET_SUM_MISMATCH' }).count()).toBe(0);
    expect(failed).toEqual([]);
    await page.close();
  });
});

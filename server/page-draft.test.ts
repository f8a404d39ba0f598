// Drafting from the page in Chromium (Debian's, through playwright-core, as page-unread.test.ts):
// the draft says its category; a project the library has nothing like gets the template banner;
// every row says where it came from (相近项目 0.35 / 类别模板 / 资金用途 / 模型); rows to check are
// amber with ⚠ and their check text; a value left for the user shows 待填, not a red blank; a bad
// budget is refused in Chinese before anything is sent.
// Screenshots go to draft-page.png (1280 px) and draft-page-800.png (800 px) in the temporary
// folder, overwritten each run and named on the console (JIXIAO_SCREENSHOTS=DIR to choose another).
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../schemas/library.ts';
import { startPageServer, type PageServer } from '../test/support/chromium.ts';

const RED = 'rgb(207, 34, 46)'; // --error
const AMBER = 'rgb(154, 103, 0)'; // --warning

let pages: PageServer;
let base: string;
let browser: Browser;
const shots = process.env.JIXIAO_SCREENSHOTS ?? tmpdir();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  pages = await startPageServer();
  ({ base, browser } = pages);
}, 60_000);

afterAll(async () => {
  await pages?.close();
});

async function openDraftTab(width = 1280): Promise<{ page: Page; failed: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  page.on('pageerror', (error) => failed.push(error.message));
  await page.goto(base);
  await page.click('[data-tab="draft"]');
  return { page, failed };
}

/** Fills the draft form and submits it; the server's answer. */
async function draftFromPage(page: Page, fields: Record<string, string>): Promise<Draft> {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#draft-form [name="${name}"]`, value);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/draft'));
  await page.click('#draft');
  const draft = (await (await answered).json()) as Draft;
  await page.locator('#draft-info').waitFor({ state: 'visible' });
  return draft;
}

const before = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element, '::before').content);
const colorOf = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).color);

/** Elements that stick out of the page's width, or text boxes that overlap one another in a row's note cell. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const element of document.querySelectorAll<HTMLElement>('#draft-info, #draft-info .fallback, #draft-info .category, section.project, .toolbar')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1) problems.push(`${element.id || element.className} ends at ${Math.round(box.right)} px of ${width}`);
    }
    for (const cell of document.querySelectorAll('td.note-cell')) {
      const boxes = [...cell.querySelectorAll('li')].map((item) => item.getBoundingClientRect());
      for (let i = 1; i < boxes.length; i++) if (boxes[i]!.top < boxes[i - 1]!.bottom - 1) problems.push(`note lines overlap in row ${cell.parentElement?.getAttribute('data-row')}`);
    }
    return problems;
  });
}

describe('drafting a project the library has nothing like', () => {
  it('shows the category, the template banner, 类别模板 on every row, the rows to check in amber with ⚠, and 待填 for the value left open', { timeout: 60_000 }, async () => {
    const { page, failed } = await openDraftTab();
    // No budget: the budget is not known yet.
    const draft = await draftFromPage(page, { name: '2026年县级水库水位观测设施建设' });
    expect(draft.fallback).toBe(true);

    const info = page.locator('#draft-info');
    expect(await info.locator('.category').textContent()).toContain(`类别：${draft.category!.name}（${draft.category!.reason}）`);
    const banner = info.locator('.fallback');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('库中没有相近的项目，以下为类别模板，请逐条核定');
    expect(await page.locator('#draft-status').textContent()).toContain('库中没有相近的项目');

    // Every row: its origin as a label.
    const rows = page.locator('section.project tr[data-row]');
    expect(await rows.count()).toBe(draft.project.indicators.length);
    expect(await page.locator('section.project td.note-cell span.origin').allTextContents()).toEqual(draft.project.indicators.map(() => '类别模板'));

    // The rows to check: amber, ⚠ before the name, the check text in the notes and as the name's tooltip.
    const lows = draft.project.indicators.flatMap((row, i) => (row.confidence === 'low' ? [i] : []));
    expect(lows.length).toBeGreaterThan(0);
    expect(await page.locator('section.project tr.low').count()).toBe(lows.length);
    const first = lows[0]!;
    const firstRow = draft.project.indicators[first]!;
    expect(await before(page, `td[data-row="${first}"][data-field="name"]`)).toBe('"⚠"');
    // No budget: the project's own budget cell says 待填 too.
    expect(await before(page, 'section.project td[data-field="budget.total"]')).toBe('"待填"');
    const check = page.locator(`tr[data-row="${first}"] li.check.low`);
    expect(await check.textContent()).toBe(`⚠ ${firstRow.check}`);
    expect(await colorOf(page, `tr[data-row="${first}"] li.check.low`)).toBe(AMBER);
    expect(await page.locator(`td[data-row="${first}"][data-field="name"]`).getAttribute('title')).toContain(firstRow.check!);
    const high = draft.project.indicators.findIndex((row) => row.confidence === 'high');
    if (high >= 0) expect(await before(page, `td[data-row="${high}"][data-field="name"]`)).toBe('none');

    // The cost value left for the user: 待填, amber, and its VALUE_MISSING is no red error.
    const cost = draft.project.indicators.findIndex((row) => row.level2 === '成本指标');
    expect(draft.project.indicators[cost]!.value.raw).toBe('');
    const costValue = page.locator(`td[data-row="${cost}"][data-field="value"]`);
    expect(await costValue.textContent()).toBe('');
    expect(await before(page, `td[data-row="${cost}"][data-field="value"]`)).toBe('"待填"');
    expect(await costValue.getAttribute('title')).toContain('预算未定');
    expect(await page.locator(`tr[data-row="${cost}"] li.error`).count()).toBe(0);
    expect(await colorOf(page, `tr[data-row="${cost}"] li.pending`)).toBe(AMBER);
    expect(await info.textContent()).toContain('1 处待填');

    // The row's panel: origin, what to check, the reason, where it came from.
    await page.locator(`td[data-row="${first}"][data-field="description"]`).click();
    const panel = page.locator('#source-panel .panel-body');
    expect(await panel.textContent()).toContain('类别模板');
    expect(await panel.textContent()).toContain(`请核定：${firstRow.check}`);
    expect(await panel.textContent()).toContain(firstRow.rationale);
    expect(await panel.textContent()).toContain(`“${draft.category!.name}”类项目的常用指标`);
    await page.locator('#source-panel .close').click();

    expect(await layoutProblems(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'draft-page.png'), fullPage: true });
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'draft-page-800.png'), fullPage: true });
    // The row's panel over the table at 800 px.
    await page.locator(`td[data-row="${cost}"][data-field="basis"]`).click();
    await page.screenshot({ path: join(shots, 'draft-panel-800.png') });
    await page.locator('#source-panel .close').click();
    console.log(`screenshots: ${join(shots, 'draft-page.png')}, ${join(shots, 'draft-page-800.png')}, ${join(shots, 'draft-panel-800.png')}`);

    // Filling the value in: the server re-parses it, 待填 goes; the ⚠ marks stay (the row is still to check).
    await costValue.click();
    await costValue.fill('≤120万元');
    await costValue.press('Enter');
    await expect.poll(() => page.locator('#edit-status').textContent()).toContain('已更新');
    expect(await page.locator(`td[data-row="${cost}"][data-field="value"]`).textContent()).toBe('≤120万元');
    expect(await page.locator('tr[data-row] td.pending').count()).toBe(0);
    expect(await page.locator('section.project tr.low').count()).toBe(lows.length);
    // The ⚠ is the page's, not the name's: an edited name is sent without it.
    expect(await page.locator(`td[data-row="${first}"][data-field="name"]`).textContent()).toBe(firstRow.name);
    expect(failed).toEqual([]);
    await page.close();
  });
});

describe('drafting from similar projects, without a budget', () => {
  it('labels each row with its origin and the precedent’s similarity, and shows no banner', { timeout: 60_000 }, async () => {
    const { page, failed } = await openDraftTab();
    const draft = await draftFromPage(page, { name: '2026年蔬菜储备补贴资金', purpose: '储备蔬菜500吨，购置冷藏设备3台', year: '2026' });
    expect(draft.fallback).toBe(false);
    expect(await page.locator('#draft-info .fallback').count()).toBe(0);
    expect(await page.locator('#draft-info .category').textContent()).toContain(`类别：${draft.category!.name}`);
    expect(await page.locator('#draft-info details.similar summary').textContent()).toContain(`参照了 ${draft.similar.length} 个相近项目`);

    const label = (row: Draft['project']['indicators'][number]) =>
      ({ precedent: `相近项目${row.similarity === null ? '' : ` ${row.similarity.toFixed(2)}`}`, template: '类别模板', request: '资金用途', model: '模型' })[row.origin];
    expect(await page.locator('section.project td.note-cell span.origin').allTextContents()).toEqual(draft.project.indicators.map(label));
    expect(await page.locator('section.project tr.low').count()).toBe(draft.project.indicators.filter((row) => row.confidence === 'low').length);

    // A precedent row's panel lists its sources with their similarity.
    const precedent = draft.project.indicators.findIndex((row) => row.origin === 'precedent' && row.sources.length > 0);
    expect(precedent).toBeGreaterThanOrEqual(0);
    await page.locator(`td[data-row="${precedent}"][data-field="basis"]`).click();
    const source = draft.project.indicators[precedent]!.sources[0]!;
    expect(await page.locator('#source-panel pre.sources').textContent()).toContain(`#${source.projectId} ${source.projectName ?? ''}`);
    expect(await page.locator('#source-panel pre.sources').textContent()).toContain(`相似度 ${source.similarity.toFixed(2)}`);
    await page.locator('#draft-info').screenshot({ path: join(shots, 'draft-info.png') });
    expect(failed).toEqual([]);
    await page.close();
  });
});

describe('the draft form', () => {
  it('refuses a budget that is no amount in Chinese, sending nothing; an empty budget is fine', { timeout: 60_000 }, async () => {
    const { page, failed } = await openDraftTab();
    expect(await page.locator('#draft-form [name="budget"]').getAttribute('required')).toBeNull();
    expect(await page.locator('#draft-form [name="budget"]').getAttribute('placeholder')).toContain('可不填');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/draft')) sent.push(request.url());
    });
    await page.fill('#draft-form [name="name"]', '2026年人民陪审员经费');
    for (const budget of ['很多', '-5', '0']) {
      await page.fill('#draft-form [name="budget"]', budget);
      await page.click('#draft');
      await expect.poll(() => page.locator('#draft-status').textContent()).toContain('预算');
      expect(await page.locator('#draft-status').textContent()).toContain('尚未确定可留空');
      expect(await colorOf(page, '#draft-status')).toBe(RED);
      expect(await page.locator('#draft-form [name="budget"]').getAttribute('aria-invalid')).toBe('true');
    }
    expect(sent).toEqual([]);

    // 50万元 is read as 50; left empty, the draft is made without one.
    await page.fill('#draft-form [name="budget"]', '50万元');
    const withBudget = page.waitForRequest((request) => request.url().endsWith('/api/draft'));
    await page.click('#draft');
    expect((await withBudget).postDataJSON()).toMatchObject({ name: '2026年人民陪审员经费', budget: 50 });
    await page.locator('#draft-info').waitFor({ state: 'visible' });
    await page.fill('#draft-form [name="budget"]', '');
    const without = page.waitForRequest((request) => request.url().endsWith('/api/draft'));
    await page.click('#draft');
    expect((await without).postDataJSON()).not.toHaveProperty('budget');
    await expect.poll(() => page.locator('#draft-status').textContent()).toContain('类别模板');

    // An extraction after a draft: no draft line, no origin labels.
    await page.click('[data-tab="extract"]');
    await page.fill('#paste', readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8'));
    await page.click('#extract');
    await expect.poll(() => page.locator('#draft-info').isHidden()).toBe(true);
    await page.waitForSelector('section.project td[data-row]');
    expect(await page.locator('span.origin, tr.low, td.pending').count()).toBe(0);
    expect(await page.locator('#result-hint').textContent()).toContain('原文中的位置');
    expect(failed).toEqual([]);
    await page.close();
  });
});

// The page in Chromium (Debian's, through playwright-core, as test/e2e/page.test.ts) never shows a
// silent zero: text that cannot be read gives a red message with the text that was not read and
// export buttons that stay off; a table left unread beside rows that were read is red too, and a
// row that could not be aligned is shown in amber with its text.
// Screenshots go to jixiao-page-unread/ in the temporary folder, overwritten each run and named on
// the console (JIXIAO_SCREENSHOTS=DIR to choose another folder).
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import type { Extraction } from '../schemas/extraction.ts';
import { validateDocument } from '../validate/engine.ts';
import { startPageServer, type PageServer } from '../test/support/chromium.ts';

/**
 * A grid header over lines of punctuation: no reader can turn these into indicator rows, whatever
 * the extractor being rewritten makes of the header (UNPARSED_TABLE today).
 */
const GARBAGE = ['一级指标 二级指标 三级指标 指标值', '@@##$$%%&&', '~~~???;;;', '※※※ ◇◇◇ ☆☆☆', '……——……'].join('\n');

const RED = 'rgb(207, 34, 46)'; // --error
const AMBER = 'rgb(154, 103, 0)'; // --warning

let pages: PageServer;
let base: string;
let browser: Browser;
const shots = process.env.JIXIAO_SCREENSHOTS ?? join(tmpdir(), 'jixiao-page-unread');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  pages = await startPageServer();
  ({ base, browser } = pages);
}, 60_000);

afterAll(async () => {
  await pages?.close();
});

async function openPage(): Promise<{ page: Page; failed: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(request.url()));
  page.on('pageerror', (error) => failed.push(error.message));
  await page.goto(base);
  return { page, failed };
}

const exportButtons = (page: Page) => page.locator('[data-export], #copy-tsv');
const color = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).color);

describe('the page when nothing could be read', () => {
  it('shows a red message with the unread text, and keeps the exports off', { timeout: 60_000 }, async () => {
    const { page, failed } = await openPage();
    await page.fill('#paste', GARBAGE);
    const answered = page.waitForResponse((response) => response.url().includes('/api/extract'));
    await page.click('#extract');
    const extraction = (await (await answered).json()) as Extraction;
    const box = page.locator('#unread');
    await box.waitFor({ state: 'visible' });

    // The input read no row, whatever warning the extractor gives for it.
    const rows = extraction.document.projects.flatMap((project) => project.indicators).length + extraction.document.objectives.flatMap((objective) => objective.indicators).length;
    expect(rows).toBe(0);
    const codes = extraction.warnings.map((warning) => warning.code);

    // Red, in Chinese, never the green "共 0 个项目、0 条指标".
    await expect.poll(() => box.textContent()).toContain('未能读出绩效目标表');
    expect(await color(page, '#unread')).toBe(RED);
    expect(await page.locator('#status').getAttribute('class')).toBe('error');
    expect(await page.locator('#status').textContent()).toContain('未能读出');
    expect(await page.locator('#status').textContent()).not.toContain('共 0 个项目');
    expect(await color(page, '#status')).toBe(RED);

    // The text that was not read, from the warning's `text` when the extractor gives it, else the
    // pasted text (all of it was left unread).
    const shown = (await box.locator('pre.source-text').allTextContents()).join('\n');
    for (const line of ['@@##$$%%&&', '~~~???;;;', '※※※ ◇◇◇ ☆☆☆']) expect(shown).toContain(line);
    for (const code of codes.filter((code) => code === 'UNPARSED_TABLE' || code === 'NO_TABLES_FOUND')) expect(await box.textContent()).toContain(code);

    // Nothing to export until something is read.
    expect(await exportButtons(page).count()).toBe(4);
    for (const button of await exportButtons(page).all()) expect(await button.isDisabled()).toBe(true);

    await page.screenshot({ path: join(shots, 'unread.png') });
    console.log(`screenshot: ${join(shots, 'unread.png')} (warnings: ${codes.join(', ') || 'none'})`);

    // A table that is read next: the message goes, the exports come back.
    await page.fill('#paste', readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8'));
    await page.click('#extract');
    await page.waitForSelector('section.project td[data-row]');
    expect(await box.isHidden()).toBe(true);
    for (const button of await exportButtons(page).all()) expect(await button.isDisabled()).toBe(false);
    expect(['ok', 'warning']).toContain(await page.locator('#status').getAttribute('class'));
    expect(failed).toEqual([]);
    await page.close();
  });
});

describe('the page when a project was found but none of its rows', () => {
  it('is red too: the project says PROJECT_NOT_READ, its grid says nothing was read, the exports stay off', { timeout: 60_000 }, async () => {
    const read = extractText(readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8'));
    const project = { ...read.document.projects[0]!, indicators: [] };
    const document = { ...read.document, objectives: [], projects: [project] };
    const extraction: Extraction = {
      ...read,
      document,
      warnings: [{ code: 'NO_INDICATORS', message: `项目“${project.name}”没有读出绩效指标: no indicator rows were read for this project`, loc: { table: 1 } }],
      findings: validateDocument(document),
    };
    expect(extraction.findings.map((finding) => finding.code)).toEqual(['PROJECT_NOT_READ']);
    const { page, failed } = await openPage();
    await page.route('**/api/extract?**', (route) => route.fulfill({ json: extraction }));
    await page.fill('#paste', 'the answer is routed');
    await page.click('#extract');
    await page.waitForSelector('section.project');

    const box = page.locator('#unread');
    expect(await box.isVisible()).toBe(true);
    expect(await box.textContent()).toContain('NO_INDICATORS');
    const notRead = page.locator('section.project li.error', { hasText: 'PROJECT_NOT_READ' });
    expect(await notRead.textContent()).toContain('未能读出本项目的绩效指标表');
    expect(await notRead.evaluate((element) => getComputedStyle(element).color)).toBe(RED);
    expect(await page.locator('section.project td.empty-grid').textContent()).toBe('未能读出本项目的绩效指标');
    expect(await page.locator('section.project').textContent()).not.toContain('MISSING_OUTPUT');
    for (const button of await exportButtons(page).all()) expect(await button.isDisabled()).toBe(true);
    await page.locator('section.project').screenshot({ path: join(shots, 'project-not-read.png') });
    console.log(`screenshot: ${join(shots, 'project-not-read.png')}`);
    expect(failed).toEqual([]);
    await page.close();
  });
});

describe('the page when part of a document could not be read', () => {
  it('shows an unread table in red and an unaligned row in amber, each with its text escaped', { timeout: 60_000 }, async () => {
    // A real extraction of a seed, with the warnings an extractor gives for what it left out.
    const read = extractText(readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8'));
    const longText = ['一级指标\t二级指标\t三级指标\t指标值', '<img src=x onerror="document.title=\'pwned\'">', ...Array.from({ length: 40 }, (_, i) => `乱码行 ${i + 1} ####`)].join('\n');
    const extraction: Extraction = {
      ...read,
      warnings: [
        ...read.warnings,
        { code: 'UNPARSED_TABLE', message: '表格像指标表但未能读出项目（第90行起）: table 9 looks like an indicator table but no project could be read from it', loc: { line: 90, table: 9 }, text: longText },
        { code: 'ROW_UNALIGNED', message: '第95行未能对齐到表格的列: row 95 does not fit the columns', loc: { line: 95 }, text: '产出指标 <b>数量</b> 多出的一格 ≥10个 依据 另一格' },
      ],
    };
    const { page, failed } = await openPage();
    await page.route('**/api/extract?**', (route) => route.fulfill({ json: extraction }));
    await page.fill('#paste', 'the answer is routed');
    await page.click('#extract');
    await page.waitForSelector('section.project td[data-row]');

    const box = page.locator('#unread');
    expect(await box.isVisible()).toBe(true);
    expect(await color(page, '#unread')).toBe(RED);
    expect(await box.textContent()).toContain('有像指标表的内容未能读出');
    expect(await box.textContent()).toContain('UNPARSED_TABLE');
    // Escaped: shown as written, never as markup; long text scrolls inside its box.
    const unreadText = box.locator('pre.source-text');
    expect(await unreadText.textContent()).toBe(longText);
    expect(await box.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(await unreadText.evaluate((element) => element.scrollHeight > element.clientHeight && getComputedStyle(element).overflowY === 'auto')).toBe(true);
    expect(await page.locator('#status').getAttribute('class')).toBe('error');
    expect(await page.locator('#status').textContent()).toContain('另有 1 处像指标表的内容未能读出');

    // The unaligned row: amber, with its text, outside the red box.
    const unaligned = page.locator('li.warning', { hasText: 'ROW_UNALIGNED' });
    expect(await unaligned.count()).toBe(1);
    expect(await unaligned.evaluate((element) => getComputedStyle(element).color)).toBe(AMBER);
    expect(await unaligned.locator('pre.source-text').textContent()).toBe('产出指标 <b>数量</b> 多出的一格 ≥10个 依据 另一格');
    expect(await unaligned.locator('b').count()).toBe(0);
    expect(await box.textContent()).not.toContain('ROW_UNALIGNED');
    await unaligned.locator('xpath=ancestor::*[self::section or self::div][1]').screenshot({ path: join(shots, 'unaligned.png') });

    // Rows were read: they can be exported.
    for (const button of await exportButtons(page).all()) expect(await button.isDisabled()).toBe(false);
    await page.screenshot({ path: join(shots, 'partly-unread.png'), fullPage: false });
    console.log(`screenshots: ${join(shots, 'partly-unread.png')}, ${join(shots, 'unaligned.png')}`);
    expect(failed).toEqual([]);
    await page.close();
  });
});

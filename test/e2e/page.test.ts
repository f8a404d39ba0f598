// The page in a real browser (Debian's chromium through playwright-core; .ci/run installs it):
// paste a seed table, see its rows, edit a value, download the XLSX and read it back.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../support/chromium.ts';
import { SHEET_NAME } from '../../export/xlsx.ts';


const seed = readFileSync(new URL('../../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');
/** The seed's hand-read gold: the rows the page must show. */
const gold = JSON.parse(readFileSync(new URL('../../fixtures/seeds/004_584bff0bac0b6d6f.gold.json', import.meta.url), 'utf8')) as {
  document: { projects: { indicators: { name: string }[] }[] };
};
const goldNames = gold.document.projects[0]!.indicators.map((indicator) => indicator.name);

let pages: PageServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  pages = await startPageServer();
  ({ base, browser } = pages);
}, 60_000);

afterAll(async () => {
  await pages?.close();
});

describe('the page in Chromium', () => {
  it('pastes a seed table, shows its rows, takes an edit, and exports it to XLSX', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('pageerror', (error) => failed.push(error.message));
    await page.goto(base);
    await page.fill('#paste', seed);
    await page.click('#extract');
    await page.waitForSelector('section.project');

    // Seed 004's first project, laid out like the form: its rows and the merged 产出指标 cell.
    const first = page.locator('section.project').first();
    expect(await first.locator('td[data-field="name"][data-row]').allTextContents()).toEqual(goldNames);
    expect(await first.locator('td[data-field="level1"]').first().getAttribute('rowspan')).not.toBeNull();

    // Edit a value in place: the server re-parses it.
    const value = first.locator('td[data-field="value"][data-row="0"]');
    await value.click();
    await value.fill('≥15个');
    await value.press('Enter');
    await expect.poll(() => page.locator('#edit-status').textContent()).toContain('已更新');

    const download = page.waitForEvent('download');
    await page.click('[data-export="xlsx"]');
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    // The flat sheet of every row (the form sheets come first, one per project).
    const sheet = workbook.getWorksheet(SHEET_NAME)!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('三级指标')).toBe(goldNames[0]);
    expect(cell('指标值')).toBe('≥15个');
    expect(cell('计算符号')).toBe('≥');
    expect(cell('数值')).toBe(15);
    expect(failed).toEqual([]);
    await page.close();
  });
});

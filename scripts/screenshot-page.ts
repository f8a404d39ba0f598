// Takes the README's screenshots of the page with the 27-project seed loaded, at 1280 and 800 px
// wide (docs/page-1280.png, docs/page-800.png).
// Usage: npx tsx scripts/screenshot-page.ts (needs Debian's chromium and a CJK font, as the browser tests do).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Extraction } from '../schemas/extraction.ts';
import { startPageServer } from '../test/support/chromium.ts';

const seed = readFileSync(new URL('../fixtures/seeds/003_ebdfb260618a708a.txt', import.meta.url), 'utf8');
const pages = await startPageServer();

async function load(page: Page): Promise<Extraction> {
  await page.goto(pages.base);
  await page.locator('#paste').evaluate((area: HTMLTextAreaElement, text) => {
    area.value = text;
  }, seed);
  const answered = page.waitForResponse((response) => response.url().includes('/api/extract'));
  await page.click('#extract');
  const extraction = (await (await answered).json()) as Extraction;
  await page.waitForSelector('#project-list li');
  return extraction;
}

try {
  // Wide: the list beside the tables, jumped to the first project with an error, an amount refused as typed.
  const wide = await pages.browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  const extraction = await load(wide);
  const withError = (extraction.findings ?? []).find((finding) => finding.severity === 'error')?.loc.projectIndex ?? 0;
  await wide.locator(`#project-list li[data-project="${withError}"] a`).click();
  const total = wide.locator(`#project-${withError} td[data-field="budget.other"]`);
  await total.click();
  await total.fill('五万');
  await total.press('Enter');
  await wide.waitForSelector('#edit-status.error');
  await wide.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await wide.click('#source-panel .close');
  await wide.waitForTimeout(300);
  await wide.screenshot({ path: new URL('../docs/page-1280.png', import.meta.url).pathname });

  // Narrow: the list above the tables, at the top of the result.
  const narrow = await pages.browser.newPage({ viewport: { width: 800, height: 1100 }, deviceScaleFactor: 1 });
  await load(narrow);
  await narrow.evaluate(() => document.querySelector('#result .toolbar')?.scrollIntoView());
  await narrow.waitForTimeout(300);
  await narrow.screenshot({ path: new URL('../docs/page-800.png', import.meta.url).pathname });
} finally {
  await pages.close();
}

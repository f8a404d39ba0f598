// Takes the README's screenshot of an evaluation report (docs/eval-report.png).
// Usage: npx jixiao eval --html /tmp/report.html && npx tsx scripts/screenshot-report.ts /tmp/report.html
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.ts';

const report = process.argv[2];
if (!report) throw new Error('usage: tsx scripts/screenshot-report.ts REPORT.html');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1500 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(report).href);
  await page.screenshot({ path: new URL('../docs/eval-report.png', import.meta.url).pathname });
} finally {
  await browser.close();
}

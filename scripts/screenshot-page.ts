// Takes the README's screenshot of the page with a seed document loaded (docs/page.png).
// Usage: npx tsx scripts/screenshot-page.ts (needs Debian's chromium, as the browser test does).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { defaultConfig } from '../server/config.ts';
import { createServer } from '../server/app.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium.ts';

const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
const http = serve({ fetch: server.app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => http.once('listening', resolve));
const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1250 }, deviceScaleFactor: 1 });
  await page.goto(base);
  await page.fill('#paste', readFileSync(new URL('../fixtures/seeds/000_ad7b01c3c3fb5737.txt', import.meta.url), 'utf8'));
  await page.click('#extract');
  await page.waitForSelector('section.project');
  await page.locator('section.project').first().locator('td[data-field="value"][data-row="1"]').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: new URL('../docs/page.png', import.meta.url).pathname });
} finally {
  await browser.close();
  http.close();
  await server.close();
}

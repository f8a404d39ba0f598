// The page with a long real document in Chromium (Debian's, through playwright-core, as the other
// page tests): seed 003's 27 projects pasted in. A project list beside the tables (name, rows,
// findings by severity) whose entries jump to their tables; a filter to the projects with errors,
// checked against the findings the API returned; errors first; every message in Chinese with codes
// only as small grey details; an edit refused as it is typed, with its reason beside the cell;
// exports off until something is read; controls that never overlap and nothing wider than the
// window at 1280 and 800 px, with a long error message in the status line too.
// Skipped, saying why, where there is no Chromium (CI installs it). Screenshots go to
// jixiao-page-long/ in the temporary folder (JIXIAO_SCREENSHOTS=DIR to choose another folder).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../schemas/extraction.ts';
import { CHROMIUM, startPageServer, type PageServer } from '../test/support/chromium.ts';

const seed = readFileSync(new URL('../fixtures/seeds/003_ebdfb260618a708a.txt', import.meta.url), 'utf8');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`server/page-long.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);

const shots = process.env.JIXIAO_SCREENSHOTS ?? join(tmpdir(), 'jixiao-page-long');
const SEVERITIES = ['error', 'warning', 'info'] as const;
/** Three English words in a row: a sentence of the reader's or the server's, not a name in a cell. */
const ENGLISH_PHRASE = /[A-Za-z]{3,}(?:[\s,;:]+[A-Za-z]{2,}){2,}/;
const LEGACY_DETAIL = 'this is an old Word 97–2003 file (.doc); save it as .docx in Word or WPS (文件 → 另存为 → .docx), or install LibreOffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui) so jixiao can convert it';

let pages: PageServer;
let base: string;
let browser: Browser;

interface Box {
  what: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Visible controls (buttons, fields, list links, the status lines) that hold no other control, with their boxes on the page. */
const controlBoxes = (page: Page) =>
  page.evaluate((): Box[] => {
    const selector = 'button, select, textarea, input:not([type="hidden"]), label.file-button, label.only-errors, #project-list a, a.to-list, #status, #edit-status, [role="tab"]';
    const visible = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    });
    // A label holding its checkbox is one control: the innermost elements would overlap their holder.
    const leaves = visible.filter((element) => !visible.some((other) => other !== element && element.contains(other)));
    return leaves.map((element) => {
      const box = element.getBoundingClientRect();
      const what = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} “${(element.textContent ?? '').trim().slice(0, 20)}”`;
      return { what, left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX, bottom: box.bottom + scrollY };
    });
  });

/** Pairs of controls whose boxes intersect (touching edges do not count). */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) found.push(`${a.what} × ${b.what}`);
    }
  }
  return found;
}

/** What overflows the window sideways: the page itself, or a control past its right edge. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth > width ? [`page ${document.documentElement.scrollWidth} > ${width}`] : [];
    const past = [...document.querySelectorAll<HTMLElement>('button, select, textarea, label.file-button, #project-nav, #status, #edit-status')]
      .filter((element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().right > width + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ends at ${Math.round(element.getBoundingClientRect().right)}`);
    return [...wide, ...past];
  });

/** The page's visible text without the codes shown as details (small grey `code.code`). */
const mainText = (page: Page) =>
  page.evaluate(() => {
    const hide = document.createElement('style');
    hide.textContent = 'code.code { display: none !important; }';
    document.head.append(hide);
    const text = document.body.innerText;
    hide.remove();
    return text;
  });

async function openPage(width: number): Promise<{ page: Page; failed: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('pageerror', (error) => failed.push(error.message));
  await page.goto(base);
  return { page, failed };
}

/** Pastes the 27-project seed and reads it; the extraction the API answered. */
async function pasteSeed(page: Page): Promise<Extraction> {
  // The text is set as a paste sets it (typing 100 KB character by character would test the machine's speed).
  await page.locator('#paste').evaluate((area: HTMLTextAreaElement, text) => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, seed);
  const answered = page.waitForResponse((response) => response.url().includes('/api/extract') && response.request().method() === 'POST', { timeout: 120_000 });
  await page.click('#extract');
  const extraction = (await (await answered).json()) as Extraction;
  await page.waitForSelector('#project-list li', { timeout: 60_000 });
  return extraction;
}

const countsOf = (extraction: Extraction, projectIndex: number) =>
  Object.fromEntries(SEVERITIES.map((severity) => [severity, (extraction.findings ?? []).filter((finding) => finding.loc.projectIndex === projectIndex && finding.severity === severity).length]));

describe.skipIf(!hasChromium)('the page with a 27-project document', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    pages = await startPageServer();
    ({ base, browser } = pages);
  }, 120_000);

  afterAll(async () => {
    await pages?.close();
  });

  it('lists every project with its rows and findings by severity, and jumps to a project’s table', { timeout: 180_000 }, async () => {
    const { page, failed } = await openPage(1280);
    const extraction = await pasteSeed(page);
    const projects = extraction.document.projects;
    expect(projects).toHaveLength(27);

    const entries = page.locator('#project-list li');
    expect(await entries.count()).toBe(27);
    expect(await page.locator('#nav-count').textContent()).toContain('27');
    for (const [p, project] of projects.entries()) {
      const entry = entries.nth(p);
      expect(await entry.locator('.nav-name').textContent()).toContain(project.name ?? '');
      expect(await entry.locator('.rows').textContent()).toBe(`${project.indicators.length} 条指标`);
      const counts = countsOf(extraction, p);
      const label = { error: '错误', warning: '警告', info: '提示' } as const;
      for (const severity of SEVERITIES) expect(await entry.locator(`.count[data-severity="${severity}"]`).textContent()).toBe(`${label[severity]} ${counts[severity]}`);
    }

    // Jump to a project far down the page: its table is scrolled into view, below the sticky toolbar.
    const target = projects.length - 3;
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await entries.nth(target).locator('a').click();
    const grid = page.locator(`#project-${target} table.grid`);
    await expect
      .poll(async () => {
        const [top, toolbarBottom, height] = await Promise.all([
          grid.evaluate((table) => table.getBoundingClientRect().top),
          page.locator('#result .toolbar').evaluate((bar) => bar.getBoundingClientRect().bottom),
          page.evaluate(() => window.innerHeight),
        ]);
        return top >= toolbarBottom && top < height;
      })
      .toBe(true);
    const heading = page.locator(`#project-${target} h2`);
    expect(await heading.evaluate((h2) => h2.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    expect(await heading.evaluate((h2) => document.activeElement === h2)).toBe(true);
    expect(await entries.nth(target).getAttribute('aria-current')).toBe('true');
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await page.screenshot({ path: join(shots, 'jumped-1280.png') });
    expect(failed).toEqual([]);
    await page.close();
  });

  it('filters the list and the tables to the projects with errors, as the API found them, errors first in each', { timeout: 180_000 }, async () => {
    const { page, failed } = await openPage(1280);
    const extraction = await pasteSeed(page);
    const findings = extraction.findings ?? [];
    const withErrors = [...new Set(findings.filter((finding) => finding.severity === 'error').map((finding) => finding.loc.projectIndex))].sort((a, b) => a - b);
    // The filter must have something to keep and something to drop for this test to say anything.
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(extraction.document.projects.length);

    const shown = async (selector: string) =>
      page.locator(selector).evaluateAll((elements) => elements.filter((element) => !(element as HTMLElement).hidden && (element as HTMLElement).offsetParent !== null).map((element) => Number((element as HTMLElement).dataset.project)));
    await page.check('#only-errors');
    expect(await shown('#project-list li[data-project]')).toEqual(withErrors);
    expect(await shown('#projects section.project')).toEqual(withErrors);
    expect(await page.locator('#nav-count').textContent()).toContain(`${withErrors.length} / ${extraction.document.projects.length}`);
    await page.screenshot({ path: join(shots, 'only-errors-1280.png') });
    await page.uncheck('#only-errors');
    expect(await shown('#project-list li[data-project]')).toHaveLength(extraction.document.projects.length);
    expect(await shown('#projects section.project')).toHaveLength(extraction.document.projects.length);

    // Errors first: in every list of notes, no error follows a warning or a hint.
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    const lists = await page.locator('#projects ul.notes').evaluateAll((uls) => uls.map((ul) => [...ul.children].map((li) => li.className)));
    const ranked = lists.map((classes) => classes.map((name) => rank[name]).filter((r): r is number => r !== undefined));
    for (const list of ranked) expect(list).toEqual([...list].sort((a, b) => a - b));
    expect(ranked.some((list) => list[0] === 0 && list.some((r) => r > 0))).toBe(true);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('says every message in Chinese, with rule and error codes only as small grey details', { timeout: 180_000 }, async () => {
    const { page, failed } = await openPage(1280);
    const extraction = await pasteSeed(page);
    const codes = new Set([...(extraction.findings ?? []).map((finding) => finding.code), ...extraction.warnings.map((warning) => warning.code)]);
    expect(codes.size).toBeGreaterThan(0);
    const text = await mainText(page);
    for (const code of codes) expect(text, code).not.toContain(code);
    expect(text).not.toMatch(ENGLISH_PHRASE);
    // The codes are there, as details: small, grey, and explained on hover.
    const details = page.locator('#projects code.code');
    expect(await details.count()).toBe((extraction.findings ?? []).length);
    const style = await details.first().evaluate((code) => {
      const own = getComputedStyle(code);
      const body = getComputedStyle(document.body);
      return { size: parseFloat(own.fontSize), bodySize: parseFloat(body.fontSize), color: own.color };
    });
    expect(style.size).toBeLessThan(style.bodySize);
    expect(style.color).toBe('rgb(101, 109, 118)'); // --muted
    expect(await details.first().getAttribute('title')).toMatch(/规则：[\u3400-\u9fff]/);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('refuses a bad amount and a 一级指标 its 二级指标 overrides as they are typed, with the reason beside the cell, and takes a good one', { timeout: 180_000 }, async () => {
    const { page, failed } = await openPage(1280);
    const extraction = await pasteSeed(page);
    const revisions: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/revise')) revisions.push(request.url());
    });
    const exportsOff = () => page.locator('[data-export], #copy-tsv').evaluateAll((buttons) => buttons.map((button) => (button as HTMLButtonElement).disabled));

    // A bad amount: refused while typing, before Enter; kept on screen in red with the reason, never sent.
    const total = page.locator('#project-0 td[data-field="budget.total"]');
    const before = (await total.textContent()) ?? '';
    await total.click();
    await total.fill('一百万');
    await expect.poll(() => total.getAttribute('aria-invalid'), { timeout: 30_000 }).toBe('true');
    const reason = (await total.getAttribute('data-note')) ?? '';
    expect(reason).toContain('不是金额');
    await total.press('Enter');
    await expect.poll(() => page.locator('#edit-status').getAttribute('class'), { timeout: 30_000 }).toBe('error');
    expect(await page.locator('#edit-status').textContent()).toContain(reason);
    expect(await total.textContent()).toBe('一百万');
    // The reason stands beside the cell (under its text), in red.
    const shownReason = await total.evaluate((cell) => ({ content: getComputedStyle(cell, '::after').content, color: getComputedStyle(cell, '::after').color }));
    expect(shownReason.content).toContain(reason);
    expect(shownReason.color).toBe('rgb(207, 34, 46)'); // --error
    expect(revisions).toEqual([]);
    expect(await exportsOff()).toEqual([true, true, true, true]);
    await total.screenshot({ path: join(shots, 'refused-amount.png') });

    // Esc puts the value back, and the exports come back.
    await total.click();
    await total.press('Escape');
    expect(await total.textContent()).toBe(before);
    expect(await total.getAttribute('aria-invalid')).toBeNull();
    expect(await exportsOff()).toEqual([false, false, false, false]);

    // A 一级指标 that the row's canonical 二级指标 would put back: refused with the reason, never reverted in silence.
    const row = extraction.document.projects[0]!.indicators[0]!;
    const other = ['产出指标', '效益指标', '满意度指标'].find((level1) => level1 !== row.level1)!;
    const level1 = page.locator('#project-0 td[data-field="level1"][data-row="0"]');
    await level1.click();
    await level1.fill(other);
    await level1.press('Enter');
    await expect.poll(() => page.locator('#edit-status').getAttribute('class'), { timeout: 30_000 }).toBe('error');
    expect(await level1.getAttribute('data-note')).toContain(`二级指标“${row.level2}”`);
    expect(await level1.textContent()).toBe(other);
    expect(revisions).toEqual([]);
    await level1.click();
    await level1.press('Escape');
    expect(await level1.textContent()).toBe(row.level1);

    // A good amount in 元: taken, converted, and the conversion said beside the cell.
    const fiscal = page.locator('#project-0 td[data-field="budget.fiscal"]');
    await fiscal.click();
    await fiscal.fill('243100元');
    await fiscal.press('Enter');
    await expect.poll(() => page.locator('#edit-status').getAttribute('class'), { timeout: 30_000 }).toBe('ok');
    const converted = page.locator('#project-0 td[data-field="budget.fiscal"]');
    expect(await converted.textContent()).toBe('24.31');
    expect(await converted.getAttribute('data-note')).toContain('24.31 万元');
    expect(revisions).toHaveLength(1);
    expect(await exportsOff()).toEqual([false, false, false, false]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('shows a document of department objectives alone, and keeps the exports (of projects) off, saying why', { timeout: 180_000 }, async () => {
    const { page, failed } = await openPage(1280);
    // The seed's reading with its first project's rows as a department objective and no project: what a 部门整体 form gives.
    const answered = await page.request.post(`${base}/api/extract`, { data: { text: seed }, timeout: 120_000 });
    const read = (await answered.json()) as Extraction;
    const rows = read.document.projects[0]!.indicators;
    const objectives: Extraction = { ...read, document: { ...read.document, projects: [], objectives: [{ title: '部门整体绩效目标', goal: '保障统计工作正常进行', indicatorText: null, indicators: rows }] }, warnings: [], findings: [] };
    await page.route('**/api/extract?**', (route) => route.fulfill({ json: objectives }));
    await page.fill('#paste', 'the answer is routed');
    await page.click('#extract');
    await page.waitForSelector('#projects section.objective');
    expect(await page.locator('#projects section.objective table.grid tbody tr').count()).toBe(rows.length);
    expect(await page.locator('#projects section.objective td[contenteditable]').count()).toBe(0);
    expect(await page.locator('#status').textContent()).toContain(`部门整体目标 1 个、${rows.length} 条指标`);
    expect(await page.locator('#project-nav').isHidden()).toBe(true);
    for (const button of await page.locator('[data-export], #copy-tsv').all()) {
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toContain('没有读出项目');
    }
    expect(failed).toEqual([]);
    await page.close();
  });

  for (const width of [1280, 800]) {
    it(`keeps its controls apart and within the window at ${width} px, a long error message included`, { timeout: 180_000 }, async () => {
      const { page, failed } = await openPage(width);
      // Nothing read yet: the exports are off.
      expect(await page.locator('[data-export], #copy-tsv').evaluateAll((buttons) => buttons.every((button) => (button as HTMLButtonElement).disabled))).toBe(true);

      // The .doc message of a server without LibreOffice, in both shapes a server may give it: a
      // Chinese message with the reader's words as a detail, and the reader's English alone.
      const extractButton = page.locator('#extract');
      const oneLine = await extractButton.evaluate((button) => button.getBoundingClientRect().height);
      for (const error of [
        { code: 'LEGACY_FORMAT', message: '旧版 Word/Excel 格式（.doc/.xls）需要安装 LibreOffice 才能读取；也可另存为 .docx/.xlsx 后上传', detail: LEGACY_DETAIL },
        { code: 'LEGACY_FORMAT', message: LEGACY_DETAIL },
      ]) {
        await page.route('**/api/extract/jobs?**', (route) => route.fulfill({ status: 422, json: { error } }));
        await page.setInputFiles('#file', { name: '2026年部门预算绩效目标表（含27个项目）.doc', mimeType: 'application/msword', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
        await expect.poll(() => page.locator('#status').getAttribute('class'), { timeout: 30_000 }).toBe('error');
        await page.unroute('**/api/extract/jobs?**');
        const status = (await mainText(page)).split('\n').find((line) => line.includes('无法读取')) ?? '';
        expect(status).toContain('LibreOffice');
        expect(status).not.toMatch(ENGLISH_PHRASE);
        expect(await page.locator('#status code.code').textContent()).toBe('LEGACY_FORMAT');
        // The buttons keep their one-line height and nothing overlaps the message.
        for (const button of await page.locator('#input button, #input label.file-button').all()) expect(await button.evaluate((element) => element.getBoundingClientRect().height)).toBeCloseTo(oneLine, 0);
        expect(overlaps(await controlBoxes(page))).toEqual([]);
        expect(await overflow(page)).toEqual([]);
      }
      await page.screenshot({ path: join(shots, `doc-error-${width}.png`) });

      // The 27 projects: list, tables, toolbar and status apart, nothing wider than the window; at
      // the top of the page and after a jump (the sticky toolbar over the tables).
      await pasteSeed(page);
      expect(await page.locator('[data-export], #copy-tsv').evaluateAll((buttons) => buttons.every((button) => !(button as HTMLButtonElement).disabled))).toBe(true);
      expect(overlaps(await controlBoxes(page))).toEqual([]);
      expect(await overflow(page)).toEqual([]);
      await page.screenshot({ path: join(shots, `page-${width}.png`) });
      await page.locator('#project-list li a').nth(5).click();
      expect(overlaps(await controlBoxes(page))).toEqual([]);
      expect(await overflow(page)).toEqual([]);
      // The list beside the tables at 1280 px, above them at 800 px.
      const [nav, projects] = await Promise.all([page.locator('#project-nav').boundingBox(), page.locator('#projects').boundingBox()]);
      if (width >= 1280) expect(nav!.x + nav!.width).toBeLessThanOrEqual(projects!.x);
      else expect(nav!.y + nav!.height).toBeLessThanOrEqual(projects!.y);
      await page.screenshot({ path: join(shots, `jumped-${width}.png`) });
      // Above the tables, the list is a click away from deep in the document; beside them it is always in view.
      expect(await page.locator('#to-list').isVisible()).toBe(width < 1280);
      if (width < 1280) {
        await page.click('#to-list');
        await expect.poll(() => page.locator('#project-nav').evaluate((list) => list.getBoundingClientRect().top >= 0 && list.getBoundingClientRect().top < innerHeight)).toBe(true);
      } else expect(await page.locator('#project-nav').evaluate((list) => list.getBoundingClientRect().top >= 0 && list.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
      console.log(`screenshots: ${join(shots, `page-${width}.png`)}, ${join(shots, `doc-error-${width}.png`)}`);
      expect(failed).toEqual([]);
      await page.close();
    });
  }
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/index.ts';
import { ValidatorConfig } from '../../validate/config.ts';
import { validateDocument } from '../../validate/engine.ts';
import type { PageLayout, RuleSegment } from '../layout/types.ts';
import { ocrImage, ocrImagePages } from './read-image.ts';

const testdata = new URL('./testdata/', import.meta.url);
const load = async (name: string) => new Uint8Array(await readFile(new URL(name, testdata)));

/** The table make-table.sh draws, column by column, top to bottom. */
const COLUMNS = [
  ['一级指标', '产出指标', '效益指标', '成本指标'],
  ['二级指标', '数量指标', '质量指标', '社会效益指标', '经济成本指标'],
  ['三级指标', '培训人数', '合格率', '群众满意度', '人均成本'],
  ['指标值', '≥120人', '≥95%', '≥90%', '≤350元'],
];

const isVertical = (rule: RuleSegment) => Math.abs(rule.x1 - rule.x0) < Math.abs(rule.y1 - rule.y0);

/** Each box put in its cell by the page's own ruling lines: the column between two vertical rules, the row band between two horizontal rules crossing that column. */
function cellsOf(layout: PageLayout): string[][] {
  const xs = layout.rules.filter(isVertical).map((rule) => rule.x0).sort((a, b) => a - b);
  const columns: { text: string; band: number; y: number }[][] = xs.slice(1).map(() => []);
  for (const box of layout.boxes) {
    const cx = (box.bbox[0] + box.bbox[2]) / 2;
    const cy = (box.bbox[1] + box.bbox[3]) / 2;
    const column = xs.findIndex((x, i) => i + 1 < xs.length && cx > x && cx < xs[i + 1]!);
    expect(column, `box ${box.text} lies in no column`).toBeGreaterThanOrEqual(0);
    const band = layout.rules.filter((rule) => !isVertical(rule) && rule.x0 < cx && rule.x1 > cx && rule.y0 < cy).length;
    columns[column]!.push({ text: box.text, band, y: cy });
  }
  return columns.map((column) => {
    const bands = column.map((cell) => cell.band);
    expect(new Set(bands).size, `two boxes share a cell: ${column.map((cell) => cell.text).join(',')}`).toBe(bands.length);
    return column.sort((a, b) => a.y - b.y).map((cell) => cell.text);
  });
}

describe('ocrImage', () => {
  it('reads every cell of a clean table without an error, and finds its ruling lines', { timeout: 30_000 }, async () => {
    const layout = await ocrImage(await load('table.png'), { page: 3 });
    expect(layout).toMatchObject({ page: 3, width: 1260, height: 430, ocr: true });
    expect(cellsOf(layout)).toEqual(COLUMNS);
    for (const box of layout.boxes) expect(box.confidence).toBeGreaterThan(0.8);
    const vertical = layout.rules.filter(isVertical).map((rule) => rule.x0);
    const horizontal = layout.rules.filter((rule) => !isVertical(rule)).map((rule) => rule.y0);
    // closeTo with -0.6 digits: within 2 px of where make-table.sh drew them.
    expect(vertical.sort((a, b) => a - b)).toEqual([40, 300, 560, 900, 1220].map((x) => expect.closeTo(x, -0.6)));
    expect(horizontal.sort((a, b) => a - b)).toEqual([40, 110, 180, 250, 320, 390].map((y) => expect.closeTo(y, -0.6)));
    // The rule under 数量指标 stops at the merged 产出指标 cell.
    const partial = layout.rules.find((rule) => !isVertical(rule) && Math.abs(rule.y0 - 180) < 3)!;
    expect(partial.x0).toBeGreaterThan(290);
  });

  it('reads the same cells from a copy turned by 1°', { timeout: 30_000 }, async () => {
    const layout = await ocrImage(await load('table-rotated.png'), { page: 1 });
    expect(cellsOf(layout)).toEqual(COLUMNS);
    // Deskewed: rules come out straight.
    for (const rule of layout.rules) expect(Math.min(Math.abs(rule.x1 - rule.x0), Math.abs(rule.y1 - rule.y0))).toBeLessThan(2);
  });
});

describe('ocrImagePages', () => {
  it('reads every page of a multi-page TIFF, numbered from 1', { timeout: 30_000 }, async () => {
    const progress: string[] = [];
    const pages = await ocrImagePages(await load('table-2pages.tif'), { onProgress: ({ stage }) => progress.push(stage) });
    expect(pages.map((page) => page.page)).toEqual([1, 2]);
    for (const page of pages) expect(cellsOf(page)).toEqual(COLUMNS);
    expect(progress).toContain('OCR page 2: recognise');
  });

  it('refuses more pages than allowed, and undecodable bytes, with codes', async () => {
    await expect(ocrImagePages(await load('table-2pages.tif'), { maxPages: 1 })).rejects.toMatchObject({ code: 'TOO_MANY_PAGES' });
    await expect(ocrImagePages(await load('table.png'), { maxPixels: 1000 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
    await expect(ocrImagePages(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).rejects.toMatchObject({ code: 'CORRUPT' });
  });
});

describe('OCR confidence, from the recogniser to the extraction', () => {
  it('goes with every cell of the document and every value of the extraction, and the validator reads it', { timeout: 180_000 }, async () => {
    const read = await extract({ bytes: await load('table.png'), filename: 'table.png' });
    if (!read.ok) throw read.error;
    // Each cell of the table carries the confidence of the text it was read from, lowest of its lines.
    const cells = read.doc.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.flat() : [])).filter((cell) => cell.text !== '');
    expect(cells.length).toBe(COLUMNS.flat().length);
    for (const cell of cells) {
      expect(cell.source, cell.text).toMatchObject({ page: 1, ocr: true });
      expect(cell.source.confidence, cell.text).toBeGreaterThan(0.8);
      expect(cell.source.confidence, cell.text).toBeLessThanOrEqual(1);
    }
    // … and each indicator its value cell's, in provenance.
    const [project] = read.extraction.document.projects;
    expect(project?.indicators.map((row) => row.value.raw)).toEqual(COLUMNS[3]!.slice(1));
    const confidences = project!.indicators.map((row) => row.provenance?.value?.confidence);
    for (const confidence of confidences) expect(confidence).toBeGreaterThan(0.8);
    // A clean print is read surely: nothing to check against the scan …
    expect(read.extraction.findings.map((finding) => finding.code)).not.toContain('OCR_LOW_CONFIDENCE');
    // … until the threshold is above what was read: then every value is one.
    const strict = validateDocument(read.extraction.document, ValidatorConfig.parse({ ocrConfidenceMin: 1 })).filter((finding) => finding.code === 'OCR_LOW_CONFIDENCE');
    expect(strict.map((finding) => finding.loc.indicatorIndex)).toEqual(confidences.flatMap((confidence, index) => (confidence! < 1 ? [index] : [])));
    expect(strict[0]?.message).toMatch(/^第1行“培训人数”的指标值识别为“≥120人”，但扫描识别置信度低（0\.\d\d），可能读错，请对照原件核对。$/);
  });
});

// Scans and photos → positioned text and ruling lines (PageLayout), through PP-OCRv4 on
// onnxruntime. One page goes: grey → even lighting → deskew → text detected → ruling lines found
// and wiped → boxes cut at rules → lines read → confusions corrected.
import { IngestError } from '../errors.ts';
import type { BBox, PageLayout, ProgressReporter, RuleSegment, TextBox } from '../layout/types.ts';
import { chooseReading } from './choose-reading.ts';
import { leadingComparator } from './comparator-glyph.ts';
import { agreeOnComparator, correctText, withLeadingComparator } from './corrections.ts';
import { detectText } from './detect.ts';
import { countPages, decodeGrey, resizeGrey, rotateGrey, type GreyImage } from './image.ts';
import { ocrModels } from './models.ts';
import { binarize, estimateSkew, flattenLighting, stretchContrast } from './preprocess.ts';
import { recognizeBoxes, type Recognised } from './recognize.ts';
import { readScrapsInContext } from './wrapped-lines.ts';
import { eraseLines, findRulingLines } from './ruling-lines.ts';
import { splitAtRules } from './split-boxes.ts';

/** PaddleOCR drops lines read with less confidence than this: they are noise, stamps or smudges. */
const MIN_CONFIDENCE = 0.5;
/** Pages smaller than this (long side, pixels) are enlarged towards it, by at most MAX_ENLARGE. */
const MIN_LONG_SIDE = 2300;
const MAX_ENLARGE = 2;
/** Skews smaller than this are left alone: rotating costs a resampling blur for nothing. */
const MIN_SKEW = 0.05;

export interface OcrOptions {
  onProgress?: ProgressReporter;
}

export interface ImageOcrOptions extends OcrOptions {
  /** Most pages read from a multi-page TIFF. */
  maxPages?: number;
  /** Most pixels in one page before it is refused. */
  maxPixels?: number;
}

/** A page rendered from an image-only PDF, as ingest/pdf/render-pages.ts draws it. */
export interface RenderedPage {
  /** 1-based page number in the PDF */
  page: number;
  grey: GreyImage;
}

export interface PageTimings {
  preprocess: number;
  lines: number;
  detect: number;
  recognize: number;
}

/** What the page steps saw, for tests and the benchmark. */
export interface PageOcrResult {
  layout: PageLayout;
  skewDegrees: number;
  millis: PageTimings;
}

/** Reads one page from grey pixels. */
export async function ocrGreyPage(original: GreyImage, page: number, onProgress?: ProgressReporter): Promise<PageOcrResult> {
  const stage = (name: string) => `OCR page ${page}: ${name}`;
  const models = ocrModels();
  let started = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - started;
    started = now;
    return Math.round(elapsed);
  };

  onProgress?.({ stage: stage('preprocess'), done: 0, total: 1 });
  // Small images (phone photos of a page, low-resolution scans) are read enlarged: the recogniser
  // and the comparator check both see more of each stroke. Results go back to input pixels.
  const enlarge = Math.min(MAX_ENLARGE, MIN_LONG_SIDE / Math.max(original.width, original.height));
  const working = enlarge > 1.05 ? await resizeGrey(original, enlarge) : original;
  const factor = working.width / original.width;
  let image = stretchContrast(flattenLighting(working));
  let ink = binarize(image);
  const skewDegrees = estimateSkew(ink, image.width, image.height);
  if (Math.abs(skewDegrees) >= MIN_SKEW) {
    image = await rotateGrey(image, -skewDegrees);
    ink = binarize(image);
  }
  const preprocess = lap();

  onProgress?.({ stage: stage('detect'), done: 0, total: 1 });
  const { detection, recognition, characters } = await models;
  const detected = await detectText(detection, image);
  const detect = lap();

  // Lines are looked for after detection, so the strokes of bold titles (long, straight, and
  // crossing each other like a little grid) are known to be text and are not taken for rules.
  onProgress?.({ stage: stage('ruling lines'), done: 0, total: 1 });
  const lines = findRulingLines(ink, image.width, image.height, detected);
  const clean: GreyImage = { ...image, data: eraseLines(image.data, lines.mask) };
  const cleanInk = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) cleanInk[i] = lines.mask[i] ? 0 : ink[i]!;
  const boxes = splitAtRules(detected, lines.rules, cleanInk, image.width, image.height);
  const linesMillis = lap();

  onProgress?.({ stage: stage('recognise'), done: 0, total: 1 });
  const read = await recognizeBoxes(
    recognition,
    characters,
    clean,
    boxes,
    (done, total) => onProgress?.({ stage: stage('recognise'), done, total }),
    // A value's every character counts, and its leading ≥/≤ is what the recogniser misses most.
    (reading) => reading.characters.length <= MAX_VALUE_LENGTH && COMPARATOR_CANDIDATE.test(correctText(reading.text)),
  );
  const inContext = await readScrapsInContext(recognition, characters, boxes, lines.rules, (index) => ({ reading: read[index]!.first, line: read[index]!.line }));
  const recognize = lap();

  const textBoxes: TextBox[] = [];
  for (const [i, bbox] of boxes.entries()) {
    const { first, retry, tight } = read[i]!;
    // Read after the line above, a scrap may only change what it says: what read as nothing alone
    // must not become a character in context.
    const alone = [first, retry].filter((reading): reading is Recognised => reading !== null);
    const context = inContext.get(i);
    const readings = context && alone.some((reading) => reading.text.trim() !== '') ? [...alone, context] : alone;
    const texts = readings.map((reading) => correctText(reading.text));
    // The glyph is looked for once, in the tight crop (values are always read from it too): its shares
    // of the line's width hold for every crop.
    const glyph = texts.some((text) => COMPARATOR_CANDIDATE.test(text)) ? leadingGlyph(tight) : null;
    const restored = agreeOnComparator(readings.map((reading, n) => (glyph && COMPARATOR_CANDIDATE.test(texts[n]!) ? withGlyph(texts[n]!, reading.positions, glyph) : texts[n]!)));
    const best = chooseReading(readings.map((reading, n) => ({ reading, text: restored[n]! })));
    const confidence = best.reading.confidence;
    if (best.text === '' || confidence < MIN_CONFIDENCE) continue;
    textBoxes.push({ text: best.text, bbox: roundBox(bbox), confidence: Math.round(confidence * 1000) / 1000 });
  }
  textBoxes.sort(readingOrder);
  return {
    layout: {
      page,
      width: original.width,
      height: original.height,
      boxes: textBoxes.map((box) => ({ ...box, bbox: scaleBox(box.bbox, 1 / factor) })),
      rules: lines.rules.map((rule) => scaleRule(rule, 1 / factor)),
      ocr: true,
    },
    skewDegrees,
    millis: { preprocess, lines: linesMillis, detect, recognize },
  };
}

/** A 指标值 is short (≥1000万元, 100%); longer lines starting with a digit are dates, codes and prose. */
const MAX_VALUE_LENGTH = 12;

/** Lines that may begin with a misread or missed ≥/≤: a number, or one of its misreadings and a number. */
const COMPARATOR_CANDIDATE = /^[2zZ>＞<＜Ss$＄=＝]?[0-9]/;

/** A ≥ or ≤ drawn at the start of the line (its tight crop), with where it ends as a share of the line's width. */
function leadingGlyph(line: GreyImage | null): { comparator: '≥' | '≤'; endShare: number } | null {
  const glyph = line ? leadingComparator(line) : null;
  return line && glyph ? { comparator: glyph.comparator, endShare: glyph.end / line.width } : null;
}

function withGlyph(text: string, positions: number[], glyph: { comparator: '≥' | '≤'; endShare: number }): string {
  return withLeadingComparator(text, glyph.comparator, (positions[0] ?? 1) < glyph.endShare);
}

function scaleBox(box: BBox, by: number): BBox {
  return [Math.round(box[0] * by), Math.round(box[1] * by), Math.round(box[2] * by), Math.round(box[3] * by)];
}

function scaleRule(rule: RuleSegment, by: number): RuleSegment {
  return { x0: Math.round(rule.x0 * by), y0: Math.round(rule.y0 * by), x1: Math.round(rule.x1 * by), y1: Math.round(rule.y1 * by) };
}

function roundBox(box: BBox): BBox {
  return [Math.round(box[0]), Math.round(box[1]), Math.round(box[2]), Math.round(box[3])];
}

/** Top to bottom; boxes on one line (their vertical middles within half a height) left to right. */
function readingOrder(a: TextBox, b: TextBox): number {
  const middleA = (a.bbox[1] + a.bbox[3]) / 2;
  const middleB = (b.bbox[1] + b.bbox[3]) / 2;
  const height = Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]);
  if (Math.abs(middleA - middleB) < height / 2) return a.bbox[0] - b.bbox[0];
  return middleA - middleB;
}

async function decodePage(bytes: Uint8Array, index: number, maxPixels: number | undefined): Promise<GreyImage> {
  try {
    return await decodeGrey(bytes, index, undefined, maxPixels);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('CORRUPT', `the image cannot be decoded: ${(error as Error).message}`);
  }
}

/** One image (the first frame of a TIFF) as page `page`. */
export async function ocrImage(bytes: Uint8Array, opts: OcrOptions & { page: number; maxPixels?: number }): Promise<PageLayout> {
  const grey = await decodePage(bytes, 0, opts.maxPixels);
  return (await ocrGreyPage(grey, opts.page, opts.onProgress)).layout;
}

/** Every page of a PNG, JPEG or (multi-page) TIFF, numbered from 1. */
export async function ocrImagePages(bytes: Uint8Array, opts: ImageOcrOptions = {}): Promise<PageLayout[]> {
  let count: number;
  try {
    count = await countPages(bytes);
  } catch (error) {
    throw new IngestError('CORRUPT', `the image cannot be decoded: ${(error as Error).message}`);
  }
  if (opts.maxPages !== undefined && count > opts.maxPages) {
    throw new IngestError('TOO_MANY_PAGES', `the image has ${count} pages; the limit is ${opts.maxPages}`);
  }
  const pages: PageLayout[] = [];
  for (let index = 0; index < count; index++) {
    opts.onProgress?.({ stage: 'OCR pages', done: index, total: count });
    const grey = await decodePage(bytes, index, opts.maxPixels);
    pages.push((await ocrGreyPage(grey, index + 1, opts.onProgress)).layout);
  }
  opts.onProgress?.({ stage: 'OCR pages', done: count, total: count });
  return pages;
}

/**
 * Pages rendered from an image-only PDF (ingest/pdf renderPdfPages), read as they arrive so only one
 * page's pixels are held at a time; `total` is how many will come, for progress.
 */
export async function ocrRenderedPages(rendered: AsyncIterable<RenderedPage>, total: number, opts: OcrOptions = {}): Promise<PageLayout[]> {
  const pages: PageLayout[] = [];
  opts.onProgress?.({ stage: 'OCR pages', done: 0, total });
  for await (const { page, grey } of rendered) {
    pages.push((await ocrGreyPage(grey, page, opts.onProgress)).layout);
    opts.onProgress?.({ stage: 'OCR pages', done: pages.length, total });
  }
  return pages;
}

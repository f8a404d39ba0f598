// A page's text layer → positioned text boxes in y-down page units. pdf.js gives one item per
// text run (often per glyph in Chinese PDFs); touching runs on one baseline are joined into one
// box, and a gap stays a gap for the layout step to read as a space or a cell boundary.
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { BBox, TextBox } from '../layout/types.ts';

type Matrix = readonly number[];

/** Ascent and descent of a typical CJK font, as shares of the font size. */
const ASCENT = 0.85;
const DESCENT = 0.15;
/** Runs closer than this (in text heights) are one box; wider gaps are left for the layout step. */
const JOIN_GAP = 0.1;

/**
 * Radicals that fonts share with the full characters they stand for: some producers (Chromium,
 * Word with some fonts) map the glyph back to the radical's code point, so 页 reads as ⻚.
 * Kangxi radicals (U+2F00–U+2FD5) have canonical equivalents in NFKC; the CJK Radicals
 * Supplement does not, hence this table (each radical's Unicode name says which character it is).
 */
const RADICAL_EQUIVALENTS: Readonly<Record<string, string>> = {
  '⺠': '民', '⺩': '王', '⺼': '月', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝',
  '⻋': '车', '⻐': '钅', '⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风',
  '⻜': '飞', '⻝': '食', '⻠': '饣', '⻢': '马', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤',
  '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟', '⺰': '纟',
};

export function repairRadicals(text: string): string {
  return text
    .replace(/[\u2F00-\u2FD5]/gu, (char) => char.normalize('NFKC'))
    .replace(/[\u2E80-\u2EF3]/gu, (char) => RADICAL_EQUIVALENTS[char] ?? char);
}

/** Glyphs with no real character: U+FFFD, private use, C0 controls other than line breaks and tabs. */
// eslint-disable-next-line no-control-regex -- control characters are what is being counted
const UNMAPPED = /[\uFFFD\uE000-\uF8FF\u{F0000}-\u{10FFFD}\u0000-\u0008\u000B\u000C\u000E-\u001F]/gu;

export interface TextQuality {
  glyphs: number;
  unmapped: number;
}

export function measureText(text: string): TextQuality {
  const glyphs = [...text.replace(/\s+/g, '')].length;
  return { glyphs, unmapped: text.match(UNMAPPED)?.length ?? 0 };
}

function apply(matrix: Matrix, x: number, y: number): [number, number] {
  return [matrix[0]! * x + matrix[2]! * y + matrix[4]!, matrix[1]! * x + matrix[3]! * y + matrix[5]!];
}

/** The item's box: its advance along the baseline, from descent to ascent, mapped to the page. */
function itemBox(item: TextItem, viewport: Matrix): BBox {
  const [a, b, c, d, e, f] = item.transform as number[];
  const along = Math.hypot(a!, b!) || 1;
  const up = Math.hypot(c!, d!) || 1;
  const height = item.height > 0 ? item.height : up;
  const dir: [number, number] = [a! / along, b! / along];
  const norm: [number, number] = [c! / up, d! / up];
  const corners: [number, number][] = [];
  for (const s of [0, item.width]) {
    for (const t of [-DESCENT * height, ASCENT * height]) {
      corners.push(apply(viewport, e! + dir[0] * s + norm[0] * t, f! + dir[1] * s + norm[1] * t));
    }
  }
  return [
    Math.min(...corners.map((p) => p[0])),
    Math.min(...corners.map((p) => p[1])),
    Math.max(...corners.map((p) => p[0])),
    Math.max(...corners.map((p) => p[1])),
  ];
}

function continues(previous: TextBox, box: TextBox): boolean {
  const h0 = previous.bbox[3] - previous.bbox[1];
  const h1 = box.bbox[3] - box.bbox[1];
  const height = Math.max(h0, h1);
  if (Math.min(h0, h1) < 0.75 * height) return false;
  if (Math.abs((previous.bbox[1] + previous.bbox[3]) / 2 - (box.bbox[1] + box.bbox[3]) / 2) > 0.25 * height) return false;
  const gap = box.bbox[0] - previous.bbox[2];
  return gap >= -0.25 * height && gap <= JOIN_GAP * height;
}

/** Text boxes of one page, and how much of its text layer is real characters. */
export function pageTextBoxes(content: TextContent, viewport: Matrix): { boxes: TextBox[]; quality: TextQuality } {
  const boxes: TextBox[] = [];
  let glyphs = 0;
  let unmapped = 0;
  let joinable = false;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const measured = measureText(item.str);
    glyphs += measured.glyphs;
    unmapped += measured.unmapped;
    const text = repairRadicals(item.str);
    if (text.trim() === '' || item.width <= 0) {
      // A space run or a line end separates what comes before from what comes after.
      joinable = false;
      continue;
    }
    const box: TextBox = { text, bbox: itemBox(item, viewport) };
    const previous = boxes.at(-1);
    if (joinable && previous && continues(previous, box)) {
      previous.text += text;
      previous.bbox = [Math.min(previous.bbox[0], box.bbox[0]), Math.min(previous.bbox[1], box.bbox[1]), Math.max(previous.bbox[2], box.bbox[2]), Math.max(previous.bbox[3], box.bbox[3])];
    } else {
      boxes.push(box);
    }
    joinable = !item.hasEOL;
  }
  return { boxes, quality: { glyphs, unmapped } };
}

// Text boxes → visual lines → text. Shared by table cells and paragraphs: a line is the boxes
// whose vertical centres agree; within a line boxes read left to right. Chinese runs join
// without spaces (the contract's normaliser would remove them anyway), Latin and number runs
// that stood apart keep one space, so `≥95 %` and `ISO 9001` survive.
import type { BBox, TextBox } from './types.ts';

export interface TextLine {
  boxes: TextBox[];
  bbox: BBox;
  /** Median box height: the line's own scale for gaps. */
  height: number;
}

/** Characters after or before which a gap carries no space (CJK, full-width forms, CJK punctuation). */
const WIDE = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF“”‘’…—·]/u;

export function isWide(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

/** A gap wider than this share of the text height was a typed space (a space is about 0.25–0.33 em). */
const SPACE_GAP = 0.15;

export function centreY(box: BBox): number {
  return (box[1] + box[3]) / 2;
}

export function heightOf(box: BBox): number {
  return Math.max(box[3] - box[1], 0.01);
}

export function unionBox(boxes: readonly BBox[]): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    x0 = Math.min(x0, box[0]);
    y0 = Math.min(y0, box[1]);
    x1 = Math.max(x1, box[2]);
    y1 = Math.max(y1, box[3]);
  }
  return [x0, y0, x1, y1];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function makeLine(boxes: TextBox[]): TextLine {
  boxes.sort((a, b) => a.bbox[0] - b.bbox[0]);
  return { boxes, bbox: unionBox(boxes.map((box) => box.bbox)), height: median(boxes.map((box) => heightOf(box.bbox))) };
}

/** Group boxes into lines, top to bottom; a box joins the line whose centre is within half its height. */
export function groupLines(boxes: readonly TextBox[]): TextLine[] {
  const sorted = [...boxes].sort((a, b) => centreY(a.bbox) - centreY(b.bbox) || a.bbox[0] - b.bbox[0]);
  const groups: { centre: number; height: number; boxes: TextBox[] }[] = [];
  for (const box of sorted) {
    const centre = centreY(box.bbox);
    const height = heightOf(box.bbox);
    const last = groups.at(-1);
    if (last && Math.abs(centre - last.centre) <= 0.5 * Math.min(Math.max(height, last.height), 2 * Math.min(height, last.height))) {
      last.boxes.push(box);
      // The line's centre follows its boxes, so a slight slope (a skewed scan) stays one line.
      last.centre = (last.centre * (last.boxes.length - 1) + centre) / last.boxes.length;
      last.height = Math.max(last.height, height);
    } else {
      groups.push({ centre, height, boxes: [box] });
    }
  }
  return groups.map((group) => makeLine(group.boxes));
}

/**
 * The text of one line. `columnGap` (in text heights), when given, marks a gap that separates
 * columns of an unruled table: it becomes a TAB.
 */
export function lineText(line: TextLine, columnGap?: number): string {
  let text = '';
  let previous: TextBox | null = null;
  for (const box of line.boxes) {
    const piece = box.text;
    if (previous && piece !== '') {
      const gap = box.bbox[0] - previous.bbox[2];
      const height = Math.max(line.height, 0.01);
      if (columnGap !== undefined && gap > columnGap * height) text += '\t';
      else if (gap > SPACE_GAP * height && !isWide(text.at(-1)) && !isWide(piece[0]) && !/\s$/.test(text) && !/^\s/.test(piece)) text += ' ';
    }
    text += piece;
    if (piece !== '') previous = box;
  }
  return text;
}

const SOFT_WRAP_END = /[A-Za-z0-9]$/;
const SOFT_WRAP_START = /^[A-Za-z0-9]/;
/** A token this long cut at a line end was broken by the cell's width (a code or a long number), not by a typed break. */
const MIN_CUT_TOKEN = 6;

/**
 * The lines of one cell joined by line breaks. A code or number too long for its cell wraps
 * in the middle (`13060526P0000` / `3110004W`): when a line ends such a token at the cell's
 * full width and the next continues it, the two join without a break.
 */
export function joinCellLines(lines: readonly TextLine[]): string {
  const right = Math.max(...lines.map((line) => line.bbox[2]));
  let text = '';
  lines.forEach((line, index) => {
    const piece = lineText(line);
    if (index > 0) {
      const previous = lines[index - 1];
      const lastToken = /[A-Za-z0-9]+$/.exec(text)?.[0] ?? '';
      const full = previous !== undefined && previous.bbox[2] >= right - previous.height;
      const cut = full && SOFT_WRAP_END.test(text) && SOFT_WRAP_START.test(piece) && lastToken.length >= MIN_CUT_TOKEN;
      if (!cut) text += '\n';
    }
    text += piece;
  });
  return text;
}

/**
 * A line cut where its boxes stand further apart than `columnGap` text heights: the cells of a
 * table drawn without rules (`304001某单位（本级）` … `单位：万元`), each its own run of text.
 */
export function splitAtColumns(line: TextLine, columnGap: number): TextLine[] {
  const parts: TextBox[][] = [];
  let previous: TextBox | null = null;
  for (const box of line.boxes) {
    if (!previous || box.bbox[0] - previous.bbox[2] > columnGap * line.height) parts.push([box]);
    else parts.at(-1)!.push(box);
    previous = box;
  }
  return parts.length === 1 ? [line] : parts.map((boxes) => makeLine(boxes));
}

// The recogniser barely knows ≥ and ≤ in the Song (宋体) shapes these forms print them in, and
// reads them as 2, >, S or nothing; yet they start most 指标值. Their shape is unmistakable: a
// chevron standing on a separate bar. This looks at the first glyph of a line for exactly that.
import type { GreyImage } from './image.ts';
import { labelComponents } from './components.ts';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Comparator = '≥' | '≤';

export interface LeadingGlyph {
  comparator: Comparator;
  /** the column, in the line image, where the glyph ends */
  end: number;
}

/**
 * Ink thresholds tried in turn: the bar of a blurred scan is dark, but the thin diagonals of its
 * chevron are light grey. A strict threshold keeps the bar apart from what touches it; the chevron,
 * looked for only above the bar and within its width, may need a looser one.
 */
const BAR_THRESHOLDS = [110, 140, 170, 200];
const CHEVRON_LOOSENING = [0, 30, 60];

export function leadingComparator(line: GreyImage): LeadingGlyph | null {
  for (const threshold of BAR_THRESHOLDS) {
    const separate = findBar(line, threshold);
    const bar = separate ?? findBarByRows(line, threshold);
    if (!bar) continue;
    for (const loosening of CHEVRON_LOOSENING) {
      // A bar that is not a component of its own may be the foot of a 2, whose arc also bulges to
      // the right: its chevron must also start and end at the far side.
      const pointing = chevronAbove(line, bar, Math.min(threshold + loosening, 230), separate === null);
      if (pointing) return { comparator: pointing === 'right' ? '≥' : '≤', end: bar.x1 + 1 };
    }
  }
  return null;
}

interface Bar extends Box {
  /** top of the line's text */
  top: number;
  textHeight: number;
}

/** The bar: the leftmost thing on the line, thin, wide and low. */
function findBar(line: GreyImage, threshold: number): Bar | null {
  const { width, height, data } = line;
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! < threshold ? 1 : 0;
  const parts = labelComponents(mask, width, height).components.filter((c) => c.area >= 3);
  if (parts.length < 2) return null;
  const top = Math.min(...parts.map((c) => c.y0));
  const textHeight = Math.max(...parts.map((c) => c.y1)) - top + 1;
  const firstColumn = Math.min(...parts.map((c) => c.x0));
  const bar = parts.find((c) => {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    return c.x0 <= firstColumn + 2 && h <= textHeight * 0.2 && w >= textHeight * 0.35 && w <= textHeight && w >= h * 3 && c.y0 >= top + textHeight * 0.55;
  });
  return bar ? { x0: bar.x0, x1: bar.x1, y0: bar.y0, y1: bar.y1, top, textHeight } : null;
}

/**
 * The bar found row by row, for when a blurred chevron's end runs into it and they make one
 * component: the lowest few rows whose ink starts at the line's left edge and runs at least a
 * third of the text height.
 */
function findBarByRows(line: GreyImage, threshold: number): Bar | null {
  const { width, height, data } = line;
  const inkAt = (x: number, y: number) => data[y * width + x]! < threshold;
  let top = -1;
  let bottom = -1;
  let firstColumn = width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!inkAt(x, y)) continue;
      if (top < 0) top = y;
      bottom = y;
      firstColumn = Math.min(firstColumn, x);
      break;
    }
  }
  if (top < 0) return null;
  const textHeight = bottom - top + 1;
  const startSlack = Math.max(3, Math.round(textHeight * 0.15));
  /** the run of ink from the row's first ink pixel, bridging one-pixel gaps; 0 when the row starts too far right */
  const runAt = (y: number): { x0: number; length: number } => {
    let x = firstColumn;
    while (x < width && !inkAt(x, y)) x++;
    if (x > firstColumn + startSlack) return { x0: x, length: 0 };
    const x0 = x;
    while (x < width && (inkAt(x, y) || (x + 1 < width && inkAt(x + 1, y)))) x++;
    return { x0, length: x - x0 };
  };
  const rows: { y: number; x0: number; length: number }[] = [];
  for (let y = bottom; y >= top + textHeight * 0.55; y--) {
    const run = runAt(y);
    const isBar = run.length >= textHeight * 0.35;
    if (isBar) rows.push({ y, ...run });
    else if (rows.length > 0) break;
  }
  if (rows.length === 0 || rows.length > textHeight * 0.2) return null;
  const lengths = rows.map((row) => row.length).sort((a, b) => a - b);
  const x0 = Math.min(...rows.map((row) => row.x0));
  const length = Math.min(lengths[Math.floor(lengths.length / 2)]!, textHeight);
  return { x0, x1: x0 + length - 1, y0: rows.at(-1)!.y, y1: rows[0]!.y, top, textHeight };
}

/**
 * The chevron: the ink above the bar and within its width (a blurred chevron falls apart into
 * pieces at one threshold and runs into the next digit at another, so it is not one component).
 */
function chevronAbove(line: GreyImage, bar: Bar, threshold: number, strict: boolean): 'right' | 'left' | null {
  const { width, data } = line;
  let chevronTop = -1;
  let chevronBottom = -1;
  let inkCount = 0;
  const mask = new Uint8Array(data.length);
  for (let y = bar.top; y < bar.y0 - 1; y++) {
    for (let x = bar.x0; x <= bar.x1; x++) {
      if (data[y * width + x]! >= threshold) continue;
      mask[y * width + x] = 1;
      if (chevronTop < 0) chevronTop = y;
      chevronBottom = y;
      inkCount++;
    }
  }
  const rows = chevronBottom - chevronTop + 1;
  if (chevronTop < 0 || rows < bar.textHeight * 0.3) return null;
  // A filled block is a smudge or a bold digit, not two thin strokes.
  if (inkCount > (bar.x1 - bar.x0 + 1) * rows * 0.5) return null;
  return chevronDirection(mask, width, { x0: bar.x0, x1: bar.x1, y0: chevronTop, y1: chevronBottom }, strict);
}

/** How far (as a share of its width) a chevron's middle must sit right or left of its ends. */
const SHIFT = 0.2;
/** How close to one side a strict chevron's ends must lie, as a share of its width. */
const FAR_SIDE = 0.3;

function chevronDirection(mask: Uint8Array, width: number, part: Box, strict: boolean): 'right' | 'left' | null {
  const span = part.x1 - part.x0 + 1;
  const rows = part.y1 - part.y0 + 1;
  // Top and bottom quarters against the middle half: the tip of a blurred chevron is thick.
  const quarter = Math.max(1, Math.floor(rows / 4));
  const meanX = (from: number, to: number) => {
    let sum = 0;
    let count = 0;
    for (let y = from; y <= to; y++) {
      for (let x = part.x0; x <= part.x1; x++) {
        if (mask[y * width + x]) {
          sum += x - part.x0;
          count++;
        }
      }
    }
    return count ? sum / count / span : 0.5;
  };
  const top = meanX(part.y0, part.y0 + quarter - 1);
  const middle = meanX(part.y0 + quarter, part.y1 - quarter);
  const bottom = meanX(part.y1 - quarter + 1, part.y1);
  const nearSide = (share: number, side: 'left' | 'right') => !strict || (side === 'left' ? share <= FAR_SIDE : share >= 1 - FAR_SIDE);
  if (middle - top >= SHIFT && middle - bottom >= SHIFT && nearSide(top, 'left') && nearSide(bottom, 'left')) return 'right';
  if (top - middle >= SHIFT && bottom - middle >= SHIFT && nearSide(top, 'right') && nearSide(bottom, 'right')) return 'left';
  return null;
}

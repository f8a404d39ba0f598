// The table's ruling lines, found on the ink mask as long straight runs (a morphological opening
// with a long thin kernel, done as a run-length scan). They become RuleSegments for the layout
// step, and they are wiped from the picture the recogniser sees, where a border caught in a crop
// reads as 丨 or 1.
import type { BBox, RuleSegment } from '../layout/types.ts';
import { labelComponents, type Component } from './components.ts';

export interface RulingLines {
  rules: RuleSegment[];
  /** 1 on the pixels of the kept rules (slightly widened), to be painted white before OCR. */
  mask: Uint8Array;
}

interface Scale {
  /** shortest horizontal run that can be a rule */
  minHorizontal: number;
  /** shortest vertical run that can be a rule */
  minVertical: number;
  /** a horizontal run this long is a rule even with no vertical rule touching it */
  freeHorizontal: number;
  /** breaks in a printed or scanned line bridged when scanning runs */
  gap: number;
  /** how near a rule's end must come to another rule to count as touching it */
  touch: number;
  /** thickest a rule may be on average (a 3-pt border is about 4 units) */
  maxThickness: number;
}

/** How far a rule may drift across its length: what deskewing leaves of a photo's perspective. */
const MAX_SLOPE = 0.03;

/**
 * Thresholds follow the page's size: a page's long side is about 297 mm whatever the resolution,
 * so one unit is about 0.3 mm. Runs shorter than about 4 mm (vertical) or 7.5 mm (horizontal) are
 * character strokes, not rules.
 */
function scaleFor(width: number, height: number): Scale {
  const unit = Math.max(width, height) / 1000;
  const minHorizontal = Math.max(50, Math.round(25 * unit));
  return {
    minHorizontal,
    minVertical: Math.max(30, Math.round(15 * unit)),
    freeHorizontal: minHorizontal * 4,
    gap: Math.max(2, Math.round(unit)),
    touch: Math.max(6, Math.round(4 * unit)),
    maxThickness: Math.max(6, Math.round(4 * unit)),
  };
}

/** Marks the ink pixels lying on runs of at least `min` along rows (`horizontal`) or columns. */
function longRuns(ink: Uint8Array, width: number, height: number, horizontal: boolean, min: number, gap: number): Uint8Array {
  return horizontal ? longRowRuns(ink, width, height, min, gap) : longColumnRuns(ink, width, height, min, gap);
}

/** A run is ink pixels along a row or column with gaps of at most `gap` between them. */
function longRowRuns(ink: Uint8Array, width: number, height: number, min: number, gap: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let lastInk = -1;
    for (let x = 0; x < width; x++) {
      if (!ink[row + x]) continue;
      if (start < 0 || x - lastInk - 1 > gap) {
        if (start >= 0 && lastInk - start + 1 >= min) out.fill(1, row + start, row + lastInk + 1);
        start = x;
      }
      lastInk = x;
    }
    if (start >= 0 && lastInk - start + 1 >= min) out.fill(1, row + start, row + lastInk + 1);
  }
  return out;
}

/**
 * The same down the columns, walked row by row with a run open per column, so the page is read in
 * memory order (walking each column top to bottom read a byte per row and cost the most of this step).
 */
function longColumnRuns(ink: Uint8Array, width: number, height: number, min: number, gap: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const start = new Int32Array(width).fill(-1);
  const lastInk = new Int32Array(width).fill(-1);
  const close = (x: number) => {
    if (start[x]! >= 0 && lastInk[x]! - start[x]! + 1 >= min) for (let y = start[x]!; y <= lastInk[x]!; y++) out[y * width + x] = 1;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (!ink[row + x]) continue;
      if (start[x]! < 0 || y - lastInk[x]! - 1 > gap) {
        close(x);
        start[x] = y;
      }
      lastInk[x] = y;
    }
  }
  for (let x = 0; x < width; x++) close(x);
  return out;
}

interface Candidate {
  component: Component;
  label: number;
  rule: RuleSegment;
}

function candidates(mask: Uint8Array, width: number, height: number, horizontal: boolean, min: number, maxThickness: number) {
  const { labels, components } = labelComponents(mask, width, height);
  const found: Candidate[] = [];
  components.forEach((component, index) => {
    const length = horizontal ? component.x1 - component.x0 + 1 : component.y1 - component.y0 + 1;
    const breadth = horizontal ? component.y1 - component.y0 + 1 : component.x1 - component.x0 + 1;
    if (length < min) return;
    // A rule is thin and straight: a dark area (the table behind a photographed page, a filled
    // cell) is long runs too, but thick, and would otherwise become a rule through its middle.
    if (component.area / length > maxThickness || breadth > length * MAX_SLOPE + maxThickness) return;
    const rule = horizontal
      ? { x0: component.x0, x1: component.x1 + 1, y0: component.sumY / component.area, y1: component.sumY / component.area }
      : { x0: component.sumX / component.area, x1: component.sumX / component.area, y0: component.y0, y1: component.y1 + 1 };
    found.push({ component, label: index + 1, rule });
  });
  return { labels, found };
}

/** How far a stroke may stick out of the text box it belongs to. */
const TEXT_MARGIN = 3;

/** A run that lies inside a line of text is a stroke of its characters (bold titles have long ones). */
function within(rule: RuleSegment, box: BBox): boolean {
  return (
    rule.x0 >= box[0] - TEXT_MARGIN && rule.x1 <= box[2] + TEXT_MARGIN && rule.y0 >= box[1] - TEXT_MARGIN && rule.y1 <= box[3] + TEXT_MARGIN
  );
}

function touches(vertical: RuleSegment, horizontal: RuleSegment, tolerance: number): boolean {
  const withinX = vertical.x0 >= horizontal.x0 - tolerance && vertical.x0 <= horizontal.x1 + tolerance;
  const withinY = horizontal.y0 >= vertical.y0 - tolerance && horizontal.y0 <= vertical.y1 + tolerance;
  return withinX && withinY;
}

/** Joins pieces of one line broken by scan noise: same row (or column), ends close together. */
function mergeCollinear(rules: RuleSegment[], horizontal: boolean, tolerance: number): RuleSegment[] {
  const across = (r: RuleSegment) => (horizontal ? r.y0 : r.x0);
  const start = (r: RuleSegment) => (horizontal ? r.x0 : r.y0);
  const end = (r: RuleSegment) => (horizontal ? r.x1 : r.y1);
  const sorted = [...rules].sort((a, b) => start(a) - start(b));
  const merged: RuleSegment[] = [];
  for (const rule of sorted) {
    const previous = merged.find((m) => Math.abs(across(m) - across(rule)) <= tolerance / 2 && start(rule) <= end(m) + tolerance);
    if (!previous) {
      merged.push({ ...rule });
      continue;
    }
    const lengthA = end(previous) - start(previous);
    const lengthB = end(rule) - start(rule);
    const position = (across(previous) * lengthA + across(rule) * lengthB) / Math.max(lengthA + lengthB, 1);
    if (horizontal) {
      previous.x1 = Math.max(previous.x1, rule.x1);
      previous.y0 = previous.y1 = position;
    } else {
      previous.y1 = Math.max(previous.y1, rule.y1);
      previous.x0 = previous.x1 = position;
    }
  }
  return merged;
}

/**
 * Runs inside a detected line of text are strokes, not rules. Of the rest, horizontal rules are
 * kept when a vertical rule meets them or when they are very long (the open
 * rules of a 三线表); vertical rules only when they meet a horizontal rule, since a tall character's
 * stroke never does.
 */
export function findRulingLines(ink: Uint8Array, width: number, height: number, textBoxes: readonly BBox[] = []): RulingLines {
  const scale = scaleFor(width, height);
  const horizontalMask = longRuns(ink, width, height, true, scale.minHorizontal, scale.gap);
  const verticalMask = longRuns(ink, width, height, false, scale.minVertical, scale.gap);
  const notText = (candidate: Candidate) => !textBoxes.some((box) => within(candidate.rule, box));
  const horizontal = candidates(horizontalMask, width, height, true, scale.minHorizontal, scale.maxThickness);
  const vertical = candidates(verticalMask, width, height, false, scale.minVertical, scale.maxThickness);
  horizontal.found = horizontal.found.filter(notText);
  vertical.found = vertical.found.filter(notText);
  const keptVertical = vertical.found.filter((v) => horizontal.found.some((h) => touches(v.rule, h.rule, scale.touch)));
  const keptHorizontal = horizontal.found.filter(
    (h) => h.rule.x1 - h.rule.x0 >= scale.freeHorizontal || keptVertical.some((v) => touches(v.rule, h.rule, scale.touch)),
  );
  const mask = new Uint8Array(width * height);
  paint(mask, horizontal.labels, keptHorizontal, width, height);
  paint(mask, vertical.labels, keptVertical, width, height);
  const rules = [
    ...mergeCollinear(
      keptHorizontal.map((c) => c.rule),
      true,
      scale.touch,
    ),
    ...mergeCollinear(
      keptVertical.map((c) => c.rule),
      false,
      scale.touch,
    ),
  ].map(roundRule);
  return { rules, mask };
}

function roundRule(rule: RuleSegment): RuleSegment {
  return { x0: Math.round(rule.x0), y0: Math.round(rule.y0), x1: Math.round(rule.x1), y1: Math.round(rule.y1) };
}

/** Paints the kept components' pixels and their 8 neighbours, which hold the line's anti-aliased edge. */
function paint(mask: Uint8Array, labels: Int32Array, kept: Candidate[], width: number, height: number): void {
  for (const { component, label } of kept) {
    for (let y = component.y0; y <= component.y1; y++) {
      for (let x = component.x0; x <= component.x1; x++) {
        if (labels[y * width + x] !== label) continue;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const ny = y + dy;
            const nx = x + dx;
            if (ny >= 0 && ny < height && nx >= 0 && nx < width) mask[ny * width + nx] = 1;
          }
        }
      }
    }
  }
}

/** The picture with the rules painted white. */
export function eraseLines(data: Uint8Array, mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(data);
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[i] = 255;
  return out;
}

// The detector sometimes joins the text of neighbouring cells into one box (the rule between them
// is wiped before detection, and short cells sit close). A ruling line running right through a box
// is a cell border, so the box is cut there before it is read, and each part is shrunk to its ink.
import type { BBox, RuleSegment } from '../layout/types.ts';

/** How far inside a box a rule must lie to cut it, in pixels: boxes overhang their ink a little. */
const INSET = 4;
/** How far beyond the box's ends the rule must run: a stroke of a big character never does. */
const OVERHANG = 2;

function cuts(box: BBox, rules: RuleSegment[]): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const rule of rules) {
    const vertical = Math.abs(rule.x1 - rule.x0) < Math.abs(rule.y1 - rule.y0);
    if (vertical) {
      const x = (rule.x0 + rule.x1) / 2;
      if (x > box[0] + INSET && x < box[2] - INSET && rule.y0 <= box[1] + OVERHANG && rule.y1 >= box[3] - OVERHANG) xs.push(x);
    } else {
      const y = (rule.y0 + rule.y1) / 2;
      if (y > box[1] + INSET && y < box[3] - INSET && rule.x0 <= box[0] + OVERHANG && rule.x1 >= box[2] - OVERHANG) ys.push(y);
    }
  }
  return { xs: xs.sort((a, b) => a - b), ys: ys.sort((a, b) => a - b) };
}

/** The smallest box holding the ink inside `box`, or null when there is none. */
function shrinkToInk(box: BBox, ink: Uint8Array, width: number, height: number): BBox | null {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(width, Math.ceil(box[2]));
  const y1 = Math.min(height, Math.ceil(box[3]));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!ink[y * width + x]) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < minX) return null;
  // A margin like the detector's keeps the recogniser's view of the strokes' edges.
  const margin = Math.max(2, Math.round((maxY - minY + 1) * 0.15));
  return [Math.max(x0, minX - margin), Math.max(y0, minY - margin), Math.min(x1, maxX + 1 + margin), Math.min(y1, maxY + 1 + margin)];
}

/**
 * Cuts every box crossed by a rule; boxes no rule crosses are returned as they are. `ink` is the
 * binarised page with the rules already wiped.
 */
export function splitAtRules(boxes: BBox[], rules: RuleSegment[], ink: Uint8Array, width: number, height: number): BBox[] {
  const out: BBox[] = [];
  for (const box of boxes) {
    const { xs, ys } = cuts(box, rules);
    if (xs.length === 0 && ys.length === 0) {
      out.push(box);
      continue;
    }
    const columns = [box[0], ...xs, box[2]];
    const rows = [box[1], ...ys, box[3]];
    for (let r = 0; r + 1 < rows.length; r++) {
      for (let c = 0; c + 1 < columns.length; c++) {
        const part = shrinkToInk([columns[c]!, rows[r]!, columns[c + 1]!, rows[r + 1]!], ink, width, height);
        if (part && part[2] - part[0] >= 3 && part[3] - part[1] >= 3) out.push(part);
      }
    }
  }
  return out;
}

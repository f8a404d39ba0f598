// Ruling segments as drawn (or as a line detector found them in a scan) → clean horizontal and
// vertical lines. A PDF draws one border as many short pieces, thin filled rectangles or doubled
// strokes; a scan's lines are broken by noise and a little off-axis. Here the page is turned
// level, pieces on one line are joined across small gaps, and what is neither horizontal nor
// vertical is dropped.
import type { RuleSegment } from './types.ts';

export interface HLine {
  y: number;
  x0: number;
  x1: number;
}

export interface VLine {
  x: number;
  y0: number;
  y1: number;
}

export interface StraightRules {
  h: HLine[];
  v: VLine[];
}

/** Scans lean by at most this much; more than that is not a tilted table line. */
const MAX_SKEW = (2 * Math.PI) / 180;
/** After levelling, a line may still slope this much (rise over run) and count as straight. */
const MAX_SLOPE = 0.02;

/**
 * How far the page leans, in radians (y grows downwards, so positive turns clockwise): the
 * length-weighted median slope of the long, nearly straight segments.
 */
export function estimateSkew(segments: readonly RuleSegment[], minLength: number): number {
  const samples: { angle: number; weight: number }[] = [];
  for (const { x0, y0, x1, y1 } of segments) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const length = Math.hypot(dx, dy);
    if (length < minLength) continue;
    // Horizontal: the angle of the run; vertical: how far it leans from straight down.
    const angle = Math.abs(dx) >= Math.abs(dy) ? Math.atan2(dy * Math.sign(dx), Math.abs(dx)) : Math.atan2(-dx * Math.sign(dy), Math.abs(dy));
    if (Math.abs(angle) <= MAX_SKEW) samples.push({ angle, weight: length });
  }
  if (samples.length === 0) return 0;
  samples.sort((a, b) => a.angle - b.angle);
  const half = samples.reduce((sum, sample) => sum + sample.weight, 0) / 2;
  let seen = 0;
  for (const sample of samples) {
    seen += sample.weight;
    if (seen >= half) return sample.angle;
  }
  return 0;
}

/** Turns page points by -angle about the origin (levelling) and back. */
export interface Frame {
  level(x: number, y: number): [number, number];
  unlevel(x: number, y: number): [number, number];
}

export function frameFor(angle: number): Frame {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  if (Math.abs(angle) < 1e-4) return { level: (x, y) => [x, y], unlevel: (x, y) => [x, y] };
  return {
    level: (x, y) => [x * cos + y * sin, -x * sin + y * cos],
    unlevel: (x, y) => [x * cos - y * sin, x * sin + y * cos],
  };
}

interface Run {
  position: number;
  from: number;
  to: number;
}

/**
 * Joins runs that lie on one line (positions within `positionTolerance`) and overlap or
 * nearly touch (gap at most `gapTolerance`). The joined position is length-weighted.
 */
export function mergeCollinear(runs: readonly Run[], positionTolerance: number, gapTolerance: number): Run[] {
  const byPosition = [...runs].sort((a, b) => a.position - b.position);
  const bands: Run[][] = [];
  let bandStart = -Infinity;
  for (const run of byPosition) {
    const band = bands.at(-1);
    if (band && run.position - bandStart <= positionTolerance) band.push(run);
    else {
      bands.push([run]);
      bandStart = run.position;
    }
  }
  const merged: Run[] = [];
  for (const band of bands) {
    band.sort((a, b) => a.from - b.from);
    let current: { from: number; to: number; weighted: number; length: number } | null = null;
    const flush = () => {
      if (current) merged.push({ position: current.length > 0 ? current.weighted / current.length : band[0]!.position, from: current.from, to: current.to });
    };
    for (const run of band) {
      const length = run.to - run.from;
      if (current && run.from - current.to <= gapTolerance) {
        current.to = Math.max(current.to, run.to);
        current.weighted += run.position * length;
        current.length += length;
      } else {
        flush();
        current = { from: run.from, to: run.to, weighted: run.position * length, length };
      }
    }
    flush();
  }
  return merged;
}

export interface StraightenOptions {
  /** Lines closer than this across their direction are one line. */
  positionTolerance: number;
  /** Pieces of one line this far apart along it are joined (broken scan lines, dashed borders). */
  gapTolerance: number;
  /** Joined lines shorter than this are specks, not rules. */
  minLength: number;
}

/** Levelled horizontal and vertical lines, each border once. */
export function straighten(segments: readonly RuleSegment[], frame: Frame, options: StraightenOptions): StraightRules {
  const h: Run[] = [];
  const v: Run[] = [];
  for (const segment of segments) {
    const [ax, ay] = frame.level(segment.x0, segment.y0);
    const [bx, by] = frame.level(segment.x1, segment.y1);
    const dx = Math.abs(bx - ax);
    const dy = Math.abs(by - ay);
    if (dx >= dy && dy <= Math.max(options.positionTolerance, MAX_SLOPE * dx)) {
      h.push({ position: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    } else if (dy > dx && dx <= Math.max(options.positionTolerance, MAX_SLOPE * dy)) {
      v.push({ position: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  }
  const keep = (run: Run) => run.to - run.from >= options.minLength;
  return {
    h: mergeCollinear(h, options.positionTolerance, options.gapTolerance)
      .filter(keep)
      .map((run) => ({ y: run.position, x0: run.from, x1: run.to })),
    v: mergeCollinear(v, options.positionTolerance, options.gapTolerance)
      .filter(keep)
      .map((run) => ({ x: run.position, y0: run.from, y1: run.to })),
  };
}

/** A line this far inside a text box (share of the box's size across the line) runs through its text. */
const CROSSING_DEPTH = 0.2;
/** A line running through this many text boxes is no rule: a fold, a page edge or a strike-through. */
const MAX_CROSSINGS = 2;

/**
 * Drops lines that run through text. Rules bound cells and never cross what is written in them;
 * a scan's fold, the edge of a photographed sheet or a strike-through does.
 */
export function dropLinesThroughText(rules: StraightRules, boxes: readonly [number, number, number, number][]): StraightRules {
  const crossesH = (line: HLine, [x0, y0, x1, y1]: readonly number[]) => {
    const depth = CROSSING_DEPTH * (y1! - y0!);
    const cx = (x0! + x1!) / 2;
    return line.y > y0! + depth && line.y < y1! - depth && cx > line.x0 && cx < line.x1;
  };
  const crossesV = (line: VLine, [x0, y0, x1, y1]: readonly number[]) => {
    const depth = CROSSING_DEPTH * (x1! - x0!);
    const cy = (y0! + y1!) / 2;
    return line.x > x0! + depth && line.x < x1! - depth && cy > line.y0 && cy < line.y1;
  };
  const count = <T>(line: T, crosses: (line: T, box: readonly number[]) => boolean) => boxes.filter((box) => crosses(line, box)).length;
  return {
    h: rules.h.filter((line) => count(line, crossesH) < MAX_CROSSINGS),
    v: rules.v.filter((line) => count(line, crossesV) < MAX_CROSSINGS),
  };
}

/**
 * Drops lines attached to nothing: neither end meets a crossing line and no crossing line ends
 * on them. A photographed sheet's edge or fold crosses the whole table without belonging to it;
 * a table's own lines start, end or are ended on at other lines. The inner rules of a table
 * without side borders have free ends too, but the same extent as its anchored top or bottom
 * rule, so they stay.
 */
export function dropStrayLines(rules: StraightRules, reach: number): StraightRules {
  const near = (a: number, b: number) => Math.abs(a - b) <= reach;
  const within = (value: number, from: number, to: number) => value >= from - reach && value <= to + reach;
  const hAnchored = rules.h.map(
    (h) =>
      rules.v.some((v) => within(h.y, v.y0, v.y1) && (near(v.x, h.x0) || near(v.x, h.x1))) ||
      rules.v.some((v) => within(v.x, h.x0, h.x1) && (near(v.y0, h.y) || near(v.y1, h.y))),
  );
  const vAnchored = rules.v.map(
    (v) =>
      rules.h.some((h) => within(v.x, h.x0, h.x1) && (near(h.y, v.y0) || near(h.y, v.y1))) ||
      rules.h.some((h) => within(h.y, v.y0, v.y1) && (near(h.x0, v.x) || near(h.x1, v.x))),
  );
  const anchoredH = rules.h.filter((_, i) => hAnchored[i]);
  const anchoredV = rules.v.filter((_, i) => vAnchored[i]);
  return {
    h: rules.h.filter((h, i) => hAnchored[i] || anchoredH.some((a) => near(a.x0, h.x0) && near(a.x1, h.x1))),
    v: rules.v.filter((v, i) => vAnchored[i] || anchoredV.some((a) => near(a.y0, v.y0) && near(a.y1, v.y1))),
  };
}

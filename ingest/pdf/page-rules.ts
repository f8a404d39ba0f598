// A page's drawing operators → ruling segments in y-down page units. Tables are drawn either as
// stroked paths (a line, or a rectangle: four lines) or as thin filled rectangles (Chromium,
// some Word exports); both end up as segments. Wide fills are cell shading, curves are not
// rules, and white strokes cannot be seen.
import { OPS } from './pdfjs.ts';
import type { RuleSegment } from '../layout/types.ts';

type Matrix = [number, number, number, number, number, number];

/** pdf.js's path buffer codes (DrawOPS in pdf.js). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const CLOSE_PATH = 3;

/** A filled rectangle at most this thick (page units: points) is a line. */
const MAX_FILL_THICKNESS = 3;
/** Colours at least this light on every channel are paper, not ink. */
const PAPER = 0xe0;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const BOTH = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = n as Matrix;
  return [m[0] * a + m[2] * b, m[1] * a + m[3] * b, m[0] * c + m[2] * d, m[1] * c + m[3] * d, m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function isPaper(color: unknown): boolean {
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return false;
  const value = parseInt(color.slice(1), 16);
  return [value >> 16, (value >> 8) & 0xff, value & 0xff].every((channel) => channel >= PAPER);
}

/** Straight subpaths of a path buffer, as point lists; `closed` when the subpath returns to its start. */
function subpaths(buffer: ArrayLike<number>, matrix: Matrix): { points: [number, number][]; closed: boolean; curved: boolean }[] {
  const paths: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean; curved: boolean } | null = null;
  for (let k = 0; k < buffer.length; ) {
    const code = buffer[k++];
    if (code === MOVE_TO) {
      current = { points: [apply(matrix, buffer[k]!, buffer[k + 1]!)], closed: false, curved: false };
      paths.push(current);
      k += 2;
    } else if (code === LINE_TO) {
      current?.points.push(apply(matrix, buffer[k]!, buffer[k + 1]!));
      k += 2;
    } else if (code === CURVE_TO) {
      if (current) {
        current.curved = true;
        current.points.push(apply(matrix, buffer[k + 4]!, buffer[k + 5]!));
      }
      k += 6;
    } else if (code === CLOSE_PATH) {
      if (current) current.closed = true;
    } else {
      break; // an unknown code: the rest cannot be parsed safely
    }
  }
  return paths;
}

function strokeSegments(path: { points: [number, number][]; closed: boolean; curved: boolean }, out: RuleSegment[]): void {
  if (path.curved) return;
  const points = path.closed ? [...path.points, path.points[0]!] : path.points;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    if (x0 !== x1 || y0 !== y1) out.push({ x0, y0, x1, y1 });
  }
}

/** A thin filled rectangle's centre line. */
function fillSegment(path: { points: [number, number][]; curved: boolean }, out: RuleSegment[]): void {
  if (path.curved || path.points.length < 3 || path.points.length > 5) return;
  const xs = path.points.map((p) => p[0]);
  const ys = path.points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = x1 - x0;
  const height = y1 - y0;
  // Axis-aligned: every corner on the box's edge.
  const aligned = path.points.every(([x, y]) => (Math.abs(x - x0) < 0.01 || Math.abs(x - x1) < 0.01) && (Math.abs(y - y0) < 0.01 || Math.abs(y - y1) < 0.01));
  if (!aligned) return;
  if (height <= MAX_FILL_THICKNESS && width >= 2 * height) out.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
  else if (width <= MAX_FILL_THICKNESS && height >= 2 * width) out.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
}

interface State {
  matrix: Matrix;
  fill: unknown;
  stroke: unknown;
}

/** Ruling segments of a page, in the viewport's y-down coordinates. */
export function pageRuleSegments(operatorList: { fnArray: number[]; argsArray: unknown[] }, viewport: readonly number[]): RuleSegment[] {
  const segments: RuleSegment[] = [];
  let state: State = { matrix: [...viewport] as Matrix, fill: '#000000', stroke: '#000000' };
  const stack: State[] = [];
  const { fnArray, argsArray } = operatorList;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.matrix = multiply(state.matrix, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const matrix = args?.[0];
        if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) state.matrix = multiply(state.matrix, Array.from(matrix as ArrayLike<number>));
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setFillRGBColor:
        state.fill = args?.[0];
        break;
      case OPS.setStrokeRGBColor:
        state.stroke = args?.[0];
        break;
      case OPS.constructPath: {
        const paint = args?.[0] as number;
        const buffer = (args?.[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
        if (!buffer) break;
        const stroke = (STROKES.has(paint) || BOTH.has(paint)) && !isPaper(state.stroke);
        const fill = (FILLS.has(paint) || BOTH.has(paint)) && !isPaper(state.fill);
        if (!stroke && !fill) break;
        for (const path of subpaths(buffer, state.matrix)) {
          if (stroke) strokeSegments(path, segments);
          if (fill) fillSegment(path, segments);
        }
        break;
      }
    }
  }
  return segments;
}

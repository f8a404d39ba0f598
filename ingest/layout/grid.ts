// Levelled lines → tables. Lines that cross or nearly meet form one table; its row and column
// boundaries are the distinct heights of its horizontal lines and the distinct positions of its
// vertical lines. A cell is a region bounded by lines: where an inner line is missing, the
// regions on both sides are one cell, which is how rowSpan and colSpan arise.
import type { BBox } from './types.ts';
import type { HLine, StraightRules, VLine } from './rules.ts';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** In levelled page coordinates. */
  bbox: BBox;
}

export interface Grid {
  /** Column boundaries, left to right (columns + 1 values). */
  xs: number[];
  /** Row boundaries, top to bottom (rows + 1 values). */
  ys: number[];
  cells: GridCell[];
  bbox: BBox;
}

export interface GridOptions {
  /** Lines that stop this short of each other still meet (scans, hairline gaps). */
  reach: number;
  /** Boundaries closer than this are one (double borders, a border drawn twice). */
  minGap: number;
}

/** An inner line must cover at least this share of a row's height (a column's width) to divide it. */
const MIN_COVER = 0.5;

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let j = i; this.parent[j] !== root; ) {
      const next = this.parent[j]!;
      this.parent[j] = root;
      j = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function meets(h: HLine, v: VLine, reach: number): boolean {
  return v.x >= h.x0 - reach && v.x <= h.x1 + reach && h.y >= v.y0 - reach && h.y <= v.y1 + reach;
}

/** Positions that differ by less than minGap are one boundary; returns the boundaries and each position's index. */
function clusterPositions(positions: readonly number[], minGap: number): { boundaries: number[]; indexOf: (position: number) => number } {
  const sorted = [...positions].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const position of sorted) {
    const group = groups.at(-1);
    if (group && position - group[group.length - 1]! < minGap) group.push(position);
    else groups.push([position]);
  }
  const boundaries = groups.map((group) => group.reduce((sum, value) => sum + value, 0) / group.length);
  const indexOf = (position: number): number => {
    let best = 0;
    for (let i = 1; i < boundaries.length; i++) if (Math.abs(boundaries[i]! - position) < Math.abs(boundaries[best]! - position)) best = i;
    return best;
  };
  return { boundaries, indexOf };
}

function coverage(intervals: readonly [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = from;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    covered += b - Math.max(a, end);
    end = b;
  }
  return to > from ? covered / (to - from) : 0;
}

function buildGrid(hs: readonly HLine[], vs: readonly VLine[], options: GridOptions): Grid | null {
  const minX = Math.min(...hs.map((h) => h.x0), ...vs.map((v) => v.x));
  const maxX = Math.max(...hs.map((h) => h.x1), ...vs.map((v) => v.x));
  const minY = Math.min(...vs.map((v) => v.y0), ...hs.map((h) => h.y));
  const maxY = Math.max(...vs.map((v) => v.y1), ...hs.map((h) => h.y));
  // A table drawn without outer verticals (or without a top or bottom rule) still ends where its
  // other lines end.
  const columns = clusterPositions([...vs.map((v) => v.x), minX, maxX], options.minGap);
  const rows = clusterPositions([...hs.map((h) => h.y), minY, maxY], options.minGap);
  const xs = columns.boundaries;
  const ys = rows.boundaries;
  const columnCount = xs.length - 1;
  const rowCount = ys.length - 1;
  if (columnCount < 1 || rowCount < 1 || columnCount * rowCount < 2) return null;

  // Where inner boundaries are drawn: verticals[c] are the intervals of the lines at xs[c].
  const verticals: [number, number][][] = xs.map(() => []);
  for (const v of vs) verticals[columns.indexOf(v.x)]!.push([v.y0, v.y1]);
  const horizontals: [number, number][][] = ys.map(() => []);
  for (const h of hs) horizontals[rows.indexOf(h.y)]!.push([h.x0, h.x1]);
  const dividesColumns = (row: number, boundary: number) => coverage(verticals[boundary]!, ys[row]!, ys[row + 1]!) >= MIN_COVER;
  const dividesRows = (col: number, boundary: number) => coverage(horizontals[boundary]!, xs[col]!, xs[col + 1]!) >= MIN_COVER;

  // Greedy rectangles in reading order: widen while no line divides, then deepen while the whole
  // width is undivided below. Irregular merges still come out as rectangles.
  const taken: boolean[][] = Array.from({ length: rowCount }, () => new Array<boolean>(columnCount).fill(false));
  const cells: GridCell[] = [];
  for (let row = 0; row < rowCount; row++) {
    for (let col = 0; col < columnCount; col++) {
      if (taken[row]![col]) continue;
      let colSpan = 1;
      while (col + colSpan < columnCount && !taken[row]![col + colSpan] && !dividesColumns(row, col + colSpan)) colSpan++;
      let rowSpan = 1;
      const open = (below: number) => {
        for (let c = col; c < col + colSpan; c++) {
          if (taken[below]![c] || dividesRows(c, below)) return false;
          if (c > col && dividesColumns(below, c)) return false;
        }
        return true;
      };
      while (row + rowSpan < rowCount && open(row + rowSpan)) rowSpan++;
      for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) taken[r]![c] = true;
      cells.push({ row, col, rowSpan, colSpan, bbox: [xs[col]!, ys[row]!, xs[col + colSpan]!, ys[row + rowSpan]!] });
    }
  }
  return { xs, ys, cells, bbox: [xs[0]!, ys[0]!, xs[columnCount]!, ys[rowCount]!] };
}

/** Every table the lines draw, top to bottom. Lines that form no cell of their own (underlines, a frame round a title) are not tables. */
export function findGrids(rules: StraightRules, options: GridOptions): Grid[] {
  const { h, v } = rules;
  const sets = new UnionFind(h.length + v.length);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) if (meets(h[i]!, v[j]!, options.reach)) sets.union(i, h.length + j);
  }
  const components = new Map<number, { hs: HLine[]; vs: VLine[] }>();
  const componentOf = (i: number) => {
    const root = sets.find(i);
    let component = components.get(root);
    if (!component) components.set(root, (component = { hs: [], vs: [] }));
    return component;
  };
  h.forEach((line, i) => componentOf(i).hs.push(line));
  v.forEach((line, j) => componentOf(h.length + j).vs.push(line));
  const grids: Grid[] = [];
  for (const { hs, vs } of components.values()) {
    if (hs.length < 2 || vs.length < 1) continue;
    const grid = buildGrid(hs, vs, options);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.bbox[1] - b.bbox[1]);
}

/** The cell of `grid` containing the point, or null outside the grid. */
export function cellAt(grid: Grid, x: number, y: number): GridCell | null {
  const [x0, y0, x1, y1] = grid.bbox;
  if (x < x0 || x > x1 || y < y0 || y > y1) return null;
  const col = Math.min(lastIndexAtMost(grid.xs, x), grid.xs.length - 2);
  const row = Math.min(lastIndexAtMost(grid.ys, y), grid.ys.length - 2);
  return grid.cells.find((cell) => row >= cell.row && row < cell.row + cell.rowSpan && col >= cell.col && col < cell.col + cell.colSpan) ?? null;
}

function lastIndexAtMost(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (values[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

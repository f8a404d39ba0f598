// A table that runs over a page break is one table. Its parts are joined here: columns are
// matched by position, a header row the continuation repeats is dropped, and a merged cell cut
// by the break (its lower part an empty cell in the same columns) becomes one cell again.

export interface PlacedCell<Source> {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  source: Source;
}

export interface TablePart<Source> {
  /** Column boundaries relative to the table's left edge. */
  xs: number[];
  rowCount: number;
  cells: PlacedCell<Source>[];
}

/** Repeated headers this many rows deep are recognised (a two-level header plus a unit row). */
const MAX_HEADER_ROWS = 3;

function closeTo(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance;
}

/**
 * Whether `next` continues `previous`: the same width, and the column boundaries of the one
 * with fewer columns all found in the other (a part whose rows merge some columns draws fewer
 * lines), which must have at least half as many columns.
 */
export function sameColumns(previous: readonly number[], next: readonly number[], tolerance: number): boolean {
  const widthA = previous.at(-1) ?? 0;
  const widthB = next.at(-1) ?? 0;
  if (!closeTo(widthA, widthB, tolerance)) return false;
  const [fewer, more] = previous.length <= next.length ? [previous, next] : [next, previous];
  if ((fewer.length - 1) * 2 < more.length - 1) return false;
  return fewer.every((x) => more.some((y) => closeTo(x, y, tolerance)));
}

function unionColumns(a: readonly number[], b: readonly number[], tolerance: number): number[] {
  const union = [...a];
  for (const x of b) if (!union.some((y) => closeTo(x, y, tolerance))) union.push(x);
  return union.sort((p, q) => p - q);
}

function nearestIndex(values: readonly number[], target: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - target) < Math.abs(values[best]! - target)) best = i;
  return best;
}

function remapColumns<Source>(part: TablePart<Source>, union: readonly number[]): PlacedCell<Source>[] {
  const map = part.xs.map((x) => nearestIndex(union, x));
  return part.cells.map((cell) => {
    const col = map[cell.col] ?? cell.col;
    const end = map[cell.col + cell.colSpan] ?? col + cell.colSpan;
    return { ...cell, col, colSpan: Math.max(1, end - col) };
  });
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** Each row's texts, in column order, keyed for comparison; rows with fewer than two filled cells have no key. */
function rowKeys<Source>(cells: readonly PlacedCell<Source>[], rowCount: number): (string | null)[] {
  const rows: PlacedCell<Source>[][] = Array.from({ length: rowCount }, () => []);
  for (const cell of cells) rows[cell.row]?.push(cell);
  return rows.map((row) => {
    const sorted = [...row].sort((a, b) => a.col - b.col);
    if (sorted.filter((cell) => squash(cell.text) !== '').length < 2) return null;
    return sorted.map((cell) => `${cell.col}:${cell.colSpan}:${squash(cell.text)}`).join('|');
  });
}

/** How many leading rows of the continuation repeat rows of the table so far. */
function repeatedHeaderRows(previousKeys: readonly (string | null)[], nextKeys: readonly (string | null)[]): number {
  for (let depth = Math.min(MAX_HEADER_ROWS, nextKeys.length); depth >= 1; depth--) {
    const wanted = nextKeys.slice(0, depth);
    if (wanted.some((key) => key === null)) continue;
    for (let start = 0; start + depth <= previousKeys.length; start++) {
      if (wanted.every((key, k) => previousKeys[start + k] === key)) return depth;
    }
  }
  return 0;
}

/** `previous` with `next` appended below it. */
export function joinParts<Source>(previous: TablePart<Source>, next: TablePart<Source>, tolerance: number): TablePart<Source> {
  const xs = unionColumns(previous.xs, next.xs, tolerance);
  const upper = remapColumns(previous, xs);
  let lower = remapColumns(next, xs);

  const dropped = repeatedHeaderRows(rowKeys(upper, previous.rowCount), rowKeys(lower, next.rowCount));
  lower = lower.filter((cell) => cell.row >= dropped).map((cell) => ({ ...cell, row: cell.row - dropped }));

  // A merged cell cut by the break: the continuation's first row leaves the same columns empty.
  const lastRow = previous.rowCount - 1;
  const joined = new Set<PlacedCell<Source>>();
  for (const cell of lower) {
    if (cell.row !== 0 || squash(cell.text) !== '') continue;
    const above = upper.find((u) => u.col === cell.col && u.colSpan === cell.colSpan && u.row + u.rowSpan - 1 === lastRow);
    if (!above) continue;
    above.rowSpan += cell.rowSpan;
    joined.add(cell);
  }
  const shifted = lower.filter((cell) => !joined.has(cell)).map((cell) => ({ ...cell, row: cell.row + previous.rowCount }));
  return { xs, rowCount: previous.rowCount + next.rowCount - dropped, cells: [...upper, ...shifted] };
}

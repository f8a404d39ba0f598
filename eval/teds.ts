// Cell-level TEDS (tree-edit-distance similarity) of reconstructed table grids: how well a PDF's or
// a scan's tables were rebuilt, against the tables of the document they were made from (the Word
// file). A table is a tree of rows of cells; the edit distance is found by aligning rows, and the
// cells within aligned rows, each cell's substitution costing its normalized text edit distance
// (a cell merged over a different number of rows costs 1). Column spans are not compared: Word
// counts them in its fine layout grid, a PDF's in ruled columns, so equal tables differ there.
// TEDS = 1 − distance / the larger tree's node count.
import type { Block, Cell, Doc } from '../schemas/doc.ts';
import { levenshtein } from './strings.ts';

type Table = Extract<Block, { kind: 'table' }>;

const clean = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

function cellCost(a: Cell, b: Cell): number {
  if (a.rowSpan !== b.rowSpan) return 1;
  const left = clean(a.text);
  const right = clean(b.text);
  const length = Math.max([...left].length, [...right].length);
  return length === 0 ? 0 : levenshtein(left, right) / length;
}

/** Edit distance between two sequences, with insert/delete costs and a substitution cost. */
function sequenceDistance<T>(left: readonly T[], right: readonly T[], insertCost: (item: T) => number, substitute: (a: T, b: T) => number): number {
  let previous = [0];
  for (let j = 1; j <= right.length; j++) previous[j] = previous[j - 1]! + insertCost(right[j - 1]!);
  for (let i = 1; i <= left.length; i++) {
    const current = [previous[0]! + insertCost(left[i - 1]!)];
    for (let j = 1; j <= right.length; j++) {
      current[j] = Math.min(previous[j]! + insertCost(left[i - 1]!), current[j - 1]! + insertCost(right[j - 1]!), previous[j - 1]! + substitute(left[i - 1]!, right[j - 1]!));
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** A row costs itself and its cells to insert or delete. */
const rowNodes = (row: readonly Cell[]) => 1 + row.length;

function rowDistance(a: readonly Cell[], b: readonly Cell[]): number {
  return sequenceDistance(a, b, () => 1, cellCost);
}

function tableNodes(table: Table): number {
  return 1 + table.rows.reduce((sum, row) => sum + rowNodes(row), 0);
}

/** TEDS of two tables, 0..1. */
export function tableTeds(a: Table, b: Table): number {
  const distance = sequenceDistance(a.rows, b.rows, rowNodes, rowDistance);
  return Math.max(0, 1 - distance / Math.max(tableNodes(a), tableNodes(b)));
}

/** Tables worth comparing: those with at least two rows of two cells. */
const gridTables = (doc: Doc) => doc.blocks.filter((block): block is Table => block.kind === 'table' && block.rows.length >= 2 && block.rows.some((row) => row.length >= 2));

/**
 * A document's TEDS against a reference: each rebuilt table scored against the reference table it
 * is most like, weighted by its size; null when either has no table. Reference tables nothing was
 * rebuilt for (a scan of some of a Word file's pages) do not count against it.
 */
export function documentTeds(rebuilt: Doc, reference: Doc): number | null {
  const tables = gridTables(rebuilt);
  const references = gridTables(reference);
  if (tables.length === 0 || references.length === 0) return null;
  let weighted = 0;
  let weight = 0;
  for (const table of tables) {
    const best = Math.max(...references.map((candidate) => tableTeds(table, candidate)));
    weighted += best * tableNodes(table);
    weight += tableNodes(table);
  }
  return weighted / weight;
}

// Fits a grid's cells to its columns by what they say, not where they sit. A best path
// (Viterbi) through the token stream chooses, for every run of tokens, one cell of one column:
// each choice costs what the classifier says of that text in that column, skipping columns costs
// what an omitted merged or empty cell is likely to cost, and a new row costs by what separates
// it from the row before. Cuts that were only guessed may be closed again (a wrapped cell, a
// name with a space). What fits nowhere is left out and reported, never silently dropped.
import { CANONICAL_LEVEL1, LEVEL_SUFFIXES, undecoratedLevel } from '../../vocab/levels.ts';
import { classify, ownCell, type CellClass } from './classify.ts';
import type { Column, ColumnField } from './header-map.ts';
import { joinedRaw, wrapsOnto, type Break, type Token } from './tokens.ts';

const NEVER = Number.POSITIVE_INFINITY;

/** A cell of an aligned row: tokens [start, end) and their text. */
export interface AlignedCell {
  start: number;
  end: number;
  raw: string;
}

export interface AlignedRow {
  cells: Map<number, AlignedCell>;
  /** token range of the row */
  start: number;
  end: number;
  /** what the row's cells cost on average: high means it fits badly */
  cost: number;
  /** tokens inside the row that fitted no column */
  junk: number[];
  /** the text marked its rows (lines, pipes, a format's own rows) rather than running them together */
  rowsMarked: boolean;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/** A level name without its decorations and its 指标/目标. */
function levelStem(key: string): string {
  return undecoratedLevel(key).replace(LEVEL_SUFFIXES, '');
}
const CANONICAL: ReadonlySet<string> = new Set(CANONICAL_LEVEL1);

function textLike(cell: CellClass): boolean {
  return !cell.blank && !cell.valueShaped && !cell.comparatorOnly && !cell.unitOnly;
}

/** 不涉及 / 涉密: written in every cell of a row that does not apply or is withheld. */
function withheld(cell: CellClass): boolean {
  return cell.value.kind === 'not_applicable' || cell.value.kind === 'classified';
}

/**
 * What one cell's text costs in a column: 0 for a perfect fit. `levelShift`: this grid writes the
 * framework's level1 names (产出指标, 效益指标) in its level2 column, under an older level1
 * (实施效果指标), as central-investment forms do.
 */
export function fitCost(field: ColumnField, cell: CellClass, levelShift = false): number {
  if (cell.blank) {
    switch (field) {
      case 'name':
        return 2;
      case 'value':
        return 1.2;
      case 'actual':
      case 'previous':
      case 'midValue':
      case 'weight':
      case 'score':
      case 'ordinal':
        return 0.25;
      default:
        return 0.05;
    }
  }
  // Level names in other columns: a known one is out of place, a level-shaped one (工作目标) hardly.
  const level = cell.level;
  const known = level?.known ?? false;
  const text = textLike(cell);
  switch (field) {
    case 'caption':
      return cell.caption ? 0 : 9;
    case 'level1':
      if (levelShift && level?.as1 && CANONICAL.has(cell.value.raw.replace(/\s/g, ''))) return 1.5;
      // A name that is both (成本指标, 满意度指标) stands in the level2 column unless that is taken.
      if (level?.as1) return level.known ? (level.as2 ? 0.4 : 0) : 1.2;
      if (level?.as2) return 2.5;
      if (cell.caption) return 2;
      return text && cell.length <= 8 ? 4 : 9;
    case 'level2':
      if (level?.as2 && level.known) return 0;
      if (level?.as1 && level.known) return levelShift ? 0 : 1;
      if (level) return 1.2;
      return text && cell.length <= 8 ? 4 : 9;
    case 'ordinal':
      return cell.ordinal ? 0 : 9;
    case 'name':
      if (level) return level.known ? 4.5 : 2;
      if (cell.caption) return 6;
      if (cell.header || cell.field) return 3;
      if (cell.ordinal) return 3;
      if (cell.comparatorOnly || cell.valueType || cell.unitOnly) return 6;
      // 不涉及 / 涉密 fill a row that does not apply or is withheld, its name cell first.
      if (withheld(cell)) return 0.5;
      if (cell.valueShaped) return cell.value.kind === 'date' ? 2.5 : cell.value.unit ? 3 : 4;
      if (cell.explanation) return 1.5;
      // A document's title alone (《…实施意见》) is the basis of a value, not an indicator.
      if (/^《[^《》]+》$/.test(cell.value.raw)) return 3;
      if (cell.length <= 2) return 2.5;
      // A name says something: two characters or more that are not digits or marks.
      if ((cell.value.raw.match(/[\p{L}]/gu) ?? []).length < 2) return 4;
      return cell.length > 50 ? 0.8 : 0.3;
    case 'value':
    case 'areaValue':
    case 'actual':
    case 'previous':
    case 'midValue': {
      const extra = field === 'value' || field === 'areaValue' ? 0 : 0.2;
      if (cell.valueShaped) return extra;
      if (known) return 6;
      if (cell.comparatorOnly) return 3;
      if (cell.qualitative || cell.valueType) return 0.3 + extra;
      if (cell.explanation) return 3.5;
      if (cell.header || cell.field) return 5;
      return (cell.length <= 12 ? 0.8 : cell.length <= 25 ? 1.2 : 1.6) + extra;
    }
    case 'weight':
    case 'score':
      if (cell.score) return 0;
      if (withheld(cell)) return 0.2;
      return cell.valueShaped ? 4 : 6;
    case 'comparator':
      if (cell.comparatorOnly) return 0;
      return cell.valueType ? 0.2 : 7;
    case 'valueType':
      return cell.valueType || cell.comparatorOnly ? 0 : 6;
    case 'unit':
      if (cell.unitOnly) return 0;
      return !cell.valueShaped && cell.length <= 4 && !/\d/.test(cell.value.raw) ? 1.5 : 7;
    case 'description':
      if (cell.explanation || withheld(cell)) return 0;
      if (known) return 6;
      return cell.valueShaped ? 3 : level ? 1.5 : 0.9;
    case 'basis':
      if (known) return 6;
      if (withheld(cell)) return 0.3;
      // 工作目标, 年度目标: level-shaped, but what a target is set by.
      if (level && !/目标$/.test(cell.value.raw)) return 1.5;
      if (cell.valueShaped) return 1.5;
      if (cell.explanation) return 1.2;
      return /依据|标准|计划|文件|《|办法|规定|方案|要求|统计|问卷|调查|历史|行业|实际|目标/.test(cell.value.raw) ? 0.3 : 0.8;
    case 'budget':
      return cell.valueShaped ? 0 : 5;
    case 'projectName':
      return known ? 6 : cell.valueShaped ? 4 : 0.5;
    case 'deviation':
    case 'remark':
      // Mostly empty: a text here is likelier the next row's name unless nothing else fits.
      if (known) return 6;
      return cell.valueShaped ? 1.5 : 1.3;
    default:
      if (known) return 6;
      return cell.valueShaped ? 1.5 : 1;
  }
}

/** Cost of a column having no cell at all in a row (collapsed empties, merged cells omitted). */
function skipCost(field: ColumnField): number {
  switch (field) {
    case 'caption':
    case 'level1':
    case 'level2':
    case 'ordinal':
      return 0;
    case 'name':
      return 2;
    case 'value':
      return 1.2;
    default:
      return 0.25;
  }
}

const SAME_ROW: Record<Break, number> = { block: 3, row: NEVER, line: 1.2, cell: 0, soft: 0.05 };
const NEW_ROW: Record<Break, number> = { block: 0, row: 0, line: 0.05, cell: 0.5, soft: 2 };
const MERGE: Record<Break, number> = { block: NEVER, row: NEVER, line: 2.5, cell: 1.2, soft: 0.1 };
const ROW_OPEN = 0.3;
const JUNK = 5;
/** A bare number of a few digits (a page number, an ordinal's leftover) is likelier debris than a cell. */
const JUNK_NUMBER = 2.5;
const NO_CONTENT = 2.5;
const LEVEL_ONLY = 4;
const MAX_MERGE = 12;
const MAX_SKIP = 10;
const BEAM = 15;

const CONTENT: ReadonlySet<ColumnField> = new Set(['name', 'value', 'actual', 'areaValue']);
/** Cells a row may hold without being an indicator: its levels, or the project it opens (a multi-project grid's total row). */
const LEVELS: ReadonlySet<ColumnField> = new Set(['level1', 'level2', 'caption', 'unitName', 'projectName', 'budget', 'goal']);

interface Step {
  cost: number;
  from: number; // state index at the previous position
  fromPos: number;
  /** the cell this step filled (column), or -1 for junk, -2 for the start */
  column: number;
  newRow: boolean;
}

/**
 * Aligns tokens [start, end) to the columns. Exact tables keep each cell at its own column (and no
 * cut is closed); other layouts are read by content.
 */
export function alignRows(tokens: readonly Token[], start: number, end: number, columns: readonly Column[], exact: boolean, levelShift = false): AlignedRow[] {
  if (exact && columns.every((column) => column.gridCol !== null || column.field === 'caption' || column.field === 'ordinal')) {
    return readByPosition(tokens, start, end, columns, levelShift);
  }
  return alignByContent(tokens, start, end, columns, exact, levelShift);
}

/**
 * An exact grid (a Word, web or spreadsheet table, text copied with TABs): each row is its row and
 * each cell sits in its column, so the path is the positions themselves. What a cell says still
 * prices the row, so a row that fits its columns badly is reported like any other; a cell in no
 * labelled column fits none.
 */
function readByPosition(tokens: readonly Token[], start: number, end: number, columns: readonly Column[], levelShift: boolean): AlignedRow[] {
  const byCol = new Map<number, number>();
  columns.forEach((column, index) => {
    if (column.gridCol !== null && !byCol.has(column.gridCol)) byCol.set(column.gridCol, index);
  });
  const rows: AlignedRow[] = [];
  let row: AlignedRow | null = null;
  let cost = 0;
  const close = () => {
    if (row && (row.cells.size > 0 || row.junk.length > 0)) {
      row.cost = cost / Math.max(1, row.cells.size);
      rows.push(row);
    }
  };
  for (let at = start; at < end; at++) {
    const token = tokens[at] as Token;
    if (!row || token.before === 'row' || token.before === 'block') {
      close();
      row = { cells: new Map(), start: at, end: at + 1, cost: 0, junk: [], rowsMarked: true };
      cost = 0;
    }
    row.end = at + 1;
    if (token.blank) continue;
    const column = token.col === null ? undefined : byCol.get(token.col);
    if (column === undefined) {
      row.junk.push(at);
      continue;
    }
    const fit = fitCost((columns[column] as Column).field, classify(token.text), levelShift);
    cost += Math.min(MEANINGFUL.test(token.text) || (columns[column] as Column).field !== 'name' ? fit : fit + 4, 2);
    row.cells.set(column, { start: at, end: at + 1, raw: token.raw });
  }
  close();
  return rows;
}

function alignByContent(tokens: readonly Token[], start: number, end: number, columns: readonly Column[], exact: boolean, levelShift: boolean): AlignedRow[] {
  const n = columns.length;
  const length = end - start;
  if (length <= 0 || n === 0) return [];
  // States: s = (column j in -1..n-1) * 4 + content(0/1) * 2 + other(0/1); "other": a non-level cell.
  const stateCount = (n + 1) * 4;
  const stateOf = (j: number, content: number, other: number) => (j + 1) * 4 + content * 2 + other;
  // The path table in flat typed arrays: one slot per (position, state).
  const size = (length + 1) * stateCount;
  const costs = new Float64Array(size).fill(NEVER);
  const fromState = new Int32Array(size);
  const fromPos = new Int32Array(size);
  const filled = new Int32Array(size);
  const opened = new Uint8Array(size);
  costs[stateOf(-1, 0, 0)] = 0;
  fromPos[stateOf(-1, 0, 0)] = -1;
  filled[stateOf(-1, 0, 0)] = -2;

  // Text run together or flattened to one line marks no rows: a guessed cut may start one.
  const rowsMarked = !['one-line', 'concatenated'].includes((tokens[start] as Token).rendering ?? '');
  const marked = rowsMarked && !['cell-per-paragraph', 'plain-lines'].includes((tokens[start] as Token).rendering ?? '');
  const fitMemo = new Map<number, number>();
  const spanText = (a: number, b: number) => joinedRaw(tokens, start + a, start + b);
  const fit = (a: number, b: number, column: number): number => {
    const memoKey = (a * (MAX_MERGE + 1) + (b - a)) * n + column;
    const known = fitMemo.get(memoKey);
    if (known !== undefined) return known;
    const col = columns[column] as Column;
    const text = spanText(a, b);
    const cell = classify(text);
    let cost = fitCost(col.field, cell, levelShift);
    if (b - a > 1) {
      const pieces = tokens.slice(start + a, start + b).map((token) => classify(token.text));
      // A value closing a run of text pieces is its own cell, not the end of a name (`…台胞 100%`);
      // a value cell is one value, not a value and words.
      if ((col.field === 'name' || col.field === 'description' || col.field === 'basis') && pieces[pieces.length - 1]?.valueShaped) cost += 1.5;
      // A value cell is one value, not a value and words; a text cell does not run on into numbers.
      const mixed = pieces.some((piece) => piece.valueShaped) && pieces.some((piece) => !piece.valueShaped && piece.ideographs >= 2);
      if (mixed && col.field !== 'name') cost += 2;
    }
    if (!cell.blank && !MEANINGFUL.test(text) && col.field === 'name') cost += 4;
    // A level name right after the same level (服务对象满意度指标, then 服务对象满意度) restates it:
    // it is the row's name, not a level with no rows of its own.
    if (b - a === 1 && restates(a)) {
      if (col.field === 'level1' || col.field === 'level2') cost += 4;
      else if (col.field === 'name' || col.field === 'description') cost = Math.min(cost, 0.8);
    }
    if (exact) {
      // Positions are the truth of an exact grid: what a cell says only breaks ties.
      const first = tokens[start + a] as Token;
      if (col.gridCol === null) cost = 3 + Math.min(cost, 2);
      else cost = first.col === col.gridCol ? Math.min(cost, 2) : 12 + cost;
    }
    fitMemo.set(memoKey, cost);
    return cost;
  };
  const restates = (i: number): boolean => {
    if (i === 0) return false;
    const here = classify((tokens[start + i] as Token).text).level;
    const before = classify((tokens[start + i - 1] as Token).text).level;
    return here !== null && before !== null && levelStem((tokens[start + i] as Token).key) === levelStem((tokens[start + i - 1] as Token).key);
  };
  // A known level name or a label is a cell of its own: closing a cut around it is dear.
  const strongMemo = new Map<number, boolean>();
  const strong = (i: number): boolean => {
    let known = strongMemo.get(i);
    if (known === undefined) {
      const cell = classify((tokens[start + i] as Token).text);
      known = Boolean(cell.level?.known || cell.header || cell.caption);
      strongMemo.set(i, known);
    }
    return known;
  };
  const shapedMemo = new Map<number, boolean>();
  const shaped = (i: number): boolean => {
    let known = shapedMemo.get(i);
    if (known === undefined) {
      known = classify((tokens[start + i] as Token).text).valueShaped;
      shapedMemo.set(i, known);
    }
    return known;
  };
  const explainsMemo = new Map<number, boolean>();
  const explains = (i: number): boolean => {
    let known = explainsMemo.get(i);
    if (known === undefined) {
      known = classify((tokens[start + i] as Token).text).explanation;
      explainsMemo.set(i, known);
    }
    return known;
  };
  const comparatorMemo = new Map<number, boolean>();
  const comparator = (i: number): boolean => {
    let known = comparatorMemo.get(i);
    if (known === undefined) {
      known = classify((tokens[start + i] as Token).text).comparatorOnly;
      comparatorMemo.set(i, known);
    }
    return known;
  };
  // A PDF's cells a line each: a line of a character or two after a long line of text is the
  // end of its wrapped cell (`年度工作计划、采购合` / `同`).
  const wrapsOn = (i: number): boolean => wrapsOnto(tokens, start + i, ownCell);
  const mergeCost = (a: number, b: number): number => {
    let cost = b - a > 1 && strong(a) ? 3 : 0;
    for (let i = a + 1; i < b; i++) {
      const token = tokens[start + i] as Token;
      const brk = token.before;
      if (exact && brk !== 'soft') return NEVER;
      // Cells of a pipe row or a line are whole; a paragraph may be a piece of a wrapped cell. A
      // cut at a space is likelier a real boundary than a cut the lexer guessed in text run together.
      const wrapped = brk === 'cell' && wrapsOn(i);
      cost += wrapped ? 0.6 : brk === 'cell' && token.rendering !== 'cell-per-paragraph' ? 3 : brk === 'soft' && token.gap === ' ' ? 1 : brk === 'soft' && token.gap === '\n' ? 0.6 : MERGE[brk];
      if (cost === NEVER) return NEVER;
      if (strong(i)) cost += 3;
      // An explanation (反映…) opens a cell of its own.
      if (explains(i)) cost += 2;
      if (comparator(i - 1)) continue;
      // A comparator binds to the value after it, never to the name before it; a value the lexer
      // cut out of text run together is likelier a cell than part of a name, and two values side
      // by side (`100%100%`, target and actual) are two cells.
      if (comparator(i)) cost += 2;
      else if (shaped(i) || shaped(i - 1)) cost += brk !== 'soft' || (shaped(i) && shaped(i - 1)) ? 2 : 0.5;
    }
    return cost;
  };
  const skipBetween = (from: number, to: number) => {
    let cost = 0;
    for (let j = from; j < to; j++) cost += skipCost((columns[j] as Column).field);
    return cost;
  };
  // Where nothing marks rows (a PDF's cells a line each), a level2 cell is only there because a row
  // of indicators starts beside it: a row that ends at its level2 took the next level for a level.
  const endsAtLevel = (j: number) => !marked && (columns[j] as Column).field === 'level2' ? LEVEL_ONLY : 0;
  const rowEnd = (j: number, content: number, other: number) => skipBetween(j + 1, n) + (content === 0 && other === 1 ? NO_CONTENT : 0) + (content === 0 && other === 0 ? endsAtLevel(j) : 0);
  const relax = (pos: number, state: number, cost: number, from: number, at: number, column: number, newRow: boolean) => {
    const slot = pos * stateCount + state;
    if (cost < (costs[slot] as number)) {
      costs[slot] = cost;
      fromState[slot] = from;
      fromPos[slot] = at;
      filled[slot] = column;
      opened[slot] = newRow ? 1 : 0;
    }
  };

  // Skipping columns [0, jj) and [j + 1, jj): prefix sums, so each is one subtraction.
  const skipPrefix = [0];
  for (const column of columns) skipPrefix.push((skipPrefix[skipPrefix.length - 1] as number) + skipCost(column.field));
  const skipRange = (from: number, to: number) => (to > from ? (skipPrefix[to] as number) - (skipPrefix[from] as number) : 0);
  // In an exact grid a cell can only be its own column's (or a column the header left unnamed).
  const allColumns = columns.map((_, index) => index);
  const unnamed = allColumns.filter((jj) => (columns[jj] as Column).gridCol === null);
  const byGridCol = new Map<number, number[]>();
  for (const jj of allColumns) {
    const col = (columns[jj] as Column).gridCol;
    if (col !== null) byGridCol.set(col, [...(byGridCol.get(col) ?? []), jj]);
  }
  const exactCandidates = new Map<number | null, number[]>();
  const candidates = (p: number): number[] => {
    if (!exact) return allColumns;
    const col = (tokens[start + p] as Token).col;
    let list = exactCandidates.get(col);
    if (!list) {
      list = [...(col === null ? [] : (byGridCol.get(col) ?? [])), ...unnamed].sort((a, b) => a - b);
      exactCandidates.set(col, list);
    }
    return list;
  };

  for (let p = 0; p < length; p++) {
    const base = p * stateCount;
    const breakHere = (tokens[start + p] as Token).before;
    const blankHere = (tokens[start + p] as Token).blank;
    const junkHere = /^\d{1,3}$/.test((tokens[start + p] as Token).text) ? JUNK_NUMBER : JUNK;
    const opening = breakHere === 'soft' && !rowsMarked ? NEW_ROW.cell : NEW_ROW[breakHere];
    // The cheapest way to have closed a row before p: a new row starts from it, whatever came before.
    let closedCost = NEVER;
    let closedState = -1;
    // A beam: states far dearer than the best here cannot lead to the best path in practice.
    let cheapest = NEVER;
    for (let s = 0; s < stateCount; s++) if ((costs[base + s] as number) < cheapest) cheapest = costs[base + s] as number;
    if (cheapest === NEVER) continue;
    const ceiling = cheapest + BEAM;
    for (let s = 0; s < stateCount; s++) {
      const here = costs[base + s] as number;
      if (here > ceiling) continue;
      const j = Math.floor(s / 4) - 1;
      const cost = here + (j >= 0 ? rowEnd(j, (s >> 1) & 1, s & 1) : 0);
      if (cost < closedCost) [closedCost, closedState] = [cost, s];
    }
    for (let k = 1; k <= MAX_MERGE && p + k <= length; k++) {
      const merge = mergeCost(p, p + k);
      // A merge this dear is never the best reading.
      if (merge === NEVER || merge > 8) break;
      const blankSpan = k === 1 && blankHere;
      const targets = k === 1 ? candidates(p) : allColumns;
      for (let s = 0; s < stateCount; s++) {
        const here = costs[base + s] as number;
        if (here > ceiling) continue;
        const j = Math.floor(s / 4) - 1;
        const content = (s >> 1) & 1;
        const other = s & 1;
        // Junk: a token that fits no column of this row.
        if (k === 1) relax(p + 1, s, here + (blankHere ? 0.3 : junkHere) + (p === 0 ? 0 : Math.min(SAME_ROW[breakHere], 3)), s, p, -1, false);
        // The same row, a later column.
        if (j < 0 || SAME_ROW[breakHere] === NEVER) continue;
        for (const jj of targets) {
          // A row skips a few merged or empty cells, not a dozen columns at once.
          if (jj <= j || jj > j + MAX_SKIP + 1) continue;
          const cost = here + SAME_ROW[breakHere] + skipRange(j + 1, jj) + merge + fit(p, p + k, jj);
          if (cost === NEVER) continue;
          const field = (columns[jj] as Column).field;
          relax(p + k, stateOf(jj, content || (CONTENT.has(field) && !blankSpan) ? 1 : 0, other || (!LEVELS.has(field) && !blankSpan) ? 1 : 0), cost, s, p, jj, false);
        }
      }
      // A new row.
      if (closedState === -1) continue;
      for (const jj of targets) {
        const cost = closedCost + opening + ROW_OPEN + skipRange(0, jj) + merge + fit(p, p + k, jj);
        if (cost === NEVER) continue;
        const field = (columns[jj] as Column).field;
        relax(p + k, stateOf(jj, CONTENT.has(field) && !blankSpan ? 1 : 0, !LEVELS.has(field) && !blankSpan ? 1 : 0), cost, closedState, p, jj, true);
      }
    }
  }

  // The best end, its open row closed.
  let endState = -1;
  let endCost = NEVER;
  for (let s = 0; s < stateCount; s++) {
    const here = costs[length * stateCount + s] as number;
    if (here === NEVER) continue;
    const j = Math.floor(s / 4) - 1;
    const cost = here + (j >= 0 ? rowEnd(j, (s >> 1) & 1, s & 1) : 0);
    if (cost < endCost) [endCost, endState] = [cost, s];
  }
  if (endState === -1) return [];

  // Walk back, collecting the steps in order.
  const steps: Array<Step & { to: number }> = [];
  for (let pos = length, s = endState; pos > 0; ) {
    const slot = pos * stateCount + s;
    steps.push({ cost: costs[slot] as number, from: fromState[slot] as number, fromPos: fromPos[slot] as number, column: filled[slot] as number, newRow: opened[slot] === 1, to: pos });
    pos = fromPos[slot] as number;
    s = fromState[slot] as number;
  }
  steps.reverse();

  const rows: AlignedRow[] = [];
  let row: AlignedRow | null = null;
  let rowCost = 0;
  let previousCost = 0;
  const closeRow = () => {
    if (!row) return;
    const filled = Math.max(1, row.cells.size);
    row.cost = rowCost / filled;
    rows.push(row);
  };
  for (const step of steps) {
    const stepCost = step.cost - previousCost;
    previousCost = step.cost;
    if (step.column === -1) {
      if (row && !(tokens[start + step.fromPos] as Token).blank) row.junk.push(start + step.fromPos);
      else if (!row && !(tokens[start + step.fromPos] as Token).blank) {
        row = { cells: new Map(), start: start + step.fromPos, end: start + step.to, cost: 0, junk: [start + step.fromPos], rowsMarked: marked };
        rowCost = 0;
      }
      if (row) row.end = start + step.to;
      continue;
    }
    if (step.newRow || !row) {
      closeRow();
      row = { cells: new Map(), start: start + step.fromPos, end: start + step.to, cost: 0, junk: [], rowsMarked: marked };
      rowCost = 0;
    }
    row.cells.set(step.column, { start: start + step.fromPos, end: start + step.to, raw: spanText(step.fromPos, step.to) });
    row.end = start + step.to;
    rowCost += stepCost;
  }
  closeRow();
  return rows;
}

// The indicator grids of a stream: each header found, the cells after it up to where the grid
// ends (a signature row, 合计, the next form's labels, the next header), aligned into rows. A
// department table's targets (年度整体支出目标N) cut its grid into sections under one header.
import { fieldMatch } from '../../vocab/fields.ts';
import { FORM_TITLE, SITE_DEBRIS } from '../../vocab/furniture.ts';
import { fold } from '../../vocab/fold.ts';
import { CANONICAL_LEVEL1, OTHER_LEVEL1 } from '../../vocab/levels.ts';
import { normalizeText } from '../normalize.ts';
import { classify, levelReading } from './classify.ts';
import { findHeaders, type Column, type GridHeader } from './header-map.ts';
import { alignRows, type AlignedRow } from './row-align.ts';
import type { Token } from './tokens.ts';

export interface Grid {
  header: GridHeader;
  /** the grid's tokens: [start, end); its rows are read from bodyStart */
  start: number;
  bodyStart: number;
  end: number;
  rows: AlignedRow[];
}

/** Labels that open a form's header part: a grid never holds them as cells. */
const FORM_FIELDS = new Set(['code', 'name', 'unit', 'implementer', 'department', 'owner', 'budgetSection', 'spendingPlan', 'budgetAndPurpose', 'total']);

/** A department table's target row: the grid goes on under it with the same header. */
export const TARGET_ROW = /^年度整体支出目标\d+$/;

function endsGrid(token: Token): boolean {
  if (token.blank) return false;
  const cell = classify(token.text);
  if (cell.gridEnd || SITE_DEBRIS.test(token.text.trim())) return true;
  const field = fieldMatch(token.text);
  // In text run together a label may be a guess inside a name (`项目资金使用合规性`): only a
  // project's name or code label then opens the next form.
  const guessed = token.before === 'soft' || token.rendering === 'concatenated' || token.rendering === 'one-line';
  if (field && (guessed ? field.field === 'name' || field.field === 'code' : FORM_FIELDS.has(field.field)) && !cell.level) return true;
  if (FORM_TITLE.test(token.key.replace(/[(（]\d{4}年度?[)）]$/, '')) && token.key.length >= 6) return true;
  // Prose after the table: a long paragraph with sentences.
  return token.paragraph && token.text.length > 60 && /[。；]/.test(token.text);
}

/** The first token of the row after `at`. */
function nextRow(tokens: readonly Token[], at: number): number {
  let i = at + 1;
  while (i < tokens.length && !['row', 'line', 'block'].includes((tokens[i] as Token).before)) i++;
  return i;
}

/**
 * A level cell a web page wrapped around its row, copied a paragraph at a time: its first words
 * come before the row's other cells and the rest after them (`社会公众或服务` … `对象满意度指标`).
 * The two pieces are put back together in the first one's place.
 */
function joinWrappedLevels(view: Token[]): Token[] {
  for (let i = 0; i < view.length; i++) {
    const first = view[i] as Token;
    if (first.rendering !== 'cell-per-paragraph' || first.blank || first.key.length > 8) continue;
    // A short form wrapped before its `指标` (`经济效益` / `指标`).
    const next = view[i + 1];
    if (classify(first.text).level && next?.key === '指标' && !first.key.endsWith('指标')) {
      const raw = first.raw + next.raw;
      view[i] = { ...first, raw, text: normalizeText(raw), key: fold(raw) };
      view[i + 1] = { ...next, raw: '', text: '', key: '', blank: true };
      continue;
    }
    if (classify(first.text).level) continue;
    for (let j = i + 1; j < Math.min(view.length, i + 5); j++) {
      const second = view[j] as Token;
      if (!second.key.endsWith('指标') || !levelReading(first.key + second.key)?.known) continue;
      const raw = first.raw + second.raw;
      view[i] = { ...first, raw, text: normalizeText(raw), key: fold(raw) };
      view[j] = { ...second, raw: '', text: '', key: '', blank: true };
      break;
    }
  }
  return view;
}

/** A cell the text was cut off in is no cell to align: it stays out, and its row is judged without it. */
function withoutCutCell(view: Token[]): Token[] {
  const last = view[view.length - 1];
  if (last?.cutOff) view[view.length - 1] = { ...last, raw: '', text: '', key: '', blank: true };
  return view;
}

/** The grid's body aligned to its columns, read from a copy of its own tokens only. */
function alignBody(tokens: readonly Token[], bodyStart: number, end: number, header: GridHeader): AlignedRow[] {
  const view = joinWrappedLevels(withoutCutCell(tokens.slice(bodyStart, end)));
  let rows = alignRows(view, 0, view.length, header.columns, header.exact);
  if (writesLevel1AsLevel2(rows, header.columns)) rows = alignRows(view, 0, view.length, header.columns, header.exact, true);
  return rows.map((row) => ({
    ...row,
    start: row.start + bodyStart,
    end: row.end + bodyStart,
    junk: row.junk.map((at) => at + bodyStart),
    cells: new Map([...row.cells].map(([column, cell]) => [column, { ...cell, start: cell.start + bodyStart, end: cell.end + bodyStart }])),
  }));
}

/** An older scheme's level1 (实施效果指标) over the framework's level1 names in the level2 column. */
function writesLevel1AsLevel2(rows: readonly AlignedRow[], columns: readonly Column[]): boolean {
  const level1 = columns.findIndex((column) => column.field === 'level1');
  const level2 = columns.findIndex((column) => column.field === 'level2');
  if (level1 === -1 || level2 === -1) return false;
  return rows.some((row) => {
    const one = row.cells.get(level1);
    const two = row.cells.get(level2);
    return one !== undefined && two !== undefined && OTHER_LEVEL1.includes(fold(one.raw)) && (CANONICAL_LEVEL1 as readonly string[]).includes(fold(two.raw));
  });
}

export function readGrids(tokens: readonly Token[]): Grid[] {
  const headers = findHeaders(tokens);
  const grids: Grid[] = [];
  headers.forEach((header, index) => {
    const limit = headers[index + 1]?.start ?? tokens.length;
    let start = header.start;
    let bodyStart = header.end;
    let end = bodyStart;
    for (;;) {
      while (end < limit && !endsGrid(tokens[end] as Token) && !TARGET_ROW.test((tokens[end] as Token).key)) end++;
      grids.push({ header, start, bodyStart, end, rows: alignBody(tokens, bodyStart, end, header) });
      if (end >= limit || !TARGET_ROW.test((tokens[end] as Token).key)) break;
      start = nextRow(tokens, end);
      bodyStart = start;
      end = start;
    }
  });
  return grids;
}

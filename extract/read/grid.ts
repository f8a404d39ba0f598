// The indicator grids of a stream: each header found, the cells after it up to where the grid
// ends (a signature row, 合计, the next form's labels, the next header), aligned into rows. A
// department table's targets (年度整体支出目标N) cut its grid into sections under one header.
import { fieldMatch } from '../../vocab/fields.ts';
import { FORM_TITLE, PAGE_NUMBER, SITE_DEBRIS } from '../../vocab/furniture.ts';
import { fold } from '../../vocab/fold.ts';
import { canonicalLevel2 } from '../../vocab/canonical-levels.ts';
import { CANONICAL_LEVEL1, LEVEL2_PARENT, OTHER_LEVEL1 } from '../../vocab/levels.ts';
import { normalizeText } from '../normalize.ts';
import { classify, levelReading } from './classify.ts';
import { displacedLabels, findHeaders, type Column, type GridHeader } from './header-map.ts';
import { alignRows, type AlignedCell, type AlignedRow } from './row-align.ts';
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

/** A token of the grid's own copy read as no cell (its text moved into another, or furniture). */
function blanked(token: Token): Token {
  return { ...token, raw: '', text: '', key: '', blank: true };
}

/**
 * A level cell a web page wrapped around its row, copied a paragraph at a time: its first words
 * come before the row's other cells and the rest after them (`社会公众或服务` … `对象满意度指标`).
 * The two pieces are put back together in the first one's place.
 */
function joinWrappedLevels(view: Token[]): Token[] {
  for (let i = 0; i < view.length; i++) {
    const first = view[i] as Token;
    // A PDF's cells a line each wrap a level straight onto the next line (`服务对象` / `满意度指标`).
    const reach = first.rendering === 'cell-per-paragraph' ? 5 : first.rendering === 'plain-lines' ? 2 : 0;
    if (reach === 0 || first.blank || first.key.length > 8) continue;
    // A short form wrapped before its `指标` (`经济效益` / `指标`).
    const next = view[i + 1];
    if (classify(first.text).level && next?.key === '指标' && !first.key.endsWith('指标')) {
      const raw = first.raw + next.raw;
      view[i] = { ...first, raw, text: normalizeText(raw), key: fold(raw) };
      view[i + 1] = blanked(next);
      continue;
    }
    if (classify(first.text).level) continue;
    for (let j = i + 1; j < Math.min(view.length, i + reach); j++) {
      const second = view[j] as Token;
      if (!second.key.endsWith('指标') || !levelReading(first.key + second.key)?.known) continue;
      const raw = first.raw + second.raw;
      view[i] = { ...first, raw, text: normalizeText(raw), key: fold(raw) };
      view[j] = blanked(second);
      break;
    }
  }
  return view;
}

/**
 * Vertical text a PDF prints a character a line (绩 / 效 / 指 / 标 down a merged caption cell): a run
 * of three or more single characters, a line each, is one cell, in the first one's place (two may
 * be a target and its actual value, 高 / 高).
 */
function joinVerticalText(view: Token[]): Token[] {
  const single = (token: Token | undefined) => token !== undefined && !token.blank && token.before !== 'block' && token.before !== 'soft' && token.rendering === 'plain-lines' && /^\p{Unified_Ideograph}$/u.test(token.text);
  for (let i = 0; i < view.length; i++) {
    if (!single(view[i]) || !single(view[i + 1]) || !single(view[i + 2])) continue;
    let end = i + 1;
    while (single(view[end])) end++;
    const first = view[i] as Token;
    const raw = view.slice(i, end).map((token) => token.text).join('');
    view[i] = { ...first, raw, text: raw, key: fold(raw) };
    for (let k = i + 1; k < end; k++) view[k] = blanked(view[k] as Token);
    i = end - 1;
  }
  return view;
}

/** A page number a PDF's text carries into the table where it ran over a page (第1页, - 2 -): no cell. */
function withoutPageNumbers(view: Token[]): Token[] {
  return view.map((token) => (PAGE_NUMBER.test(token.key) ? blanked(token) : token));
}

/** A cell the text was cut off in is no cell to align: it stays out, and its row is judged without it. */
function withoutCutCell(view: Token[]): Token[] {
  const last = view[view.length - 1];
  if (last?.cutOff) view[view.length - 1] = blanked(last);
  return view;
}

/** The grid's body aligned to its columns, read from a copy of its own tokens only. */
function alignBody(tokens: readonly Token[], bodyStart: number, end: number, header: GridHeader, skip: readonly number[] = []): AlignedRow[] {
  const view = joinVerticalText(joinWrappedLevels(withoutPageNumbers(withoutCutCell(tokens.slice(bodyStart, end)))));
  for (const at of skip) {
    const token = view[at - bodyStart];
    if (token) view[at - bodyStart] = blanked(token);
  }
  let rows = alignRows(view, 0, view.length, header.columns, header.exact);
  if (writesLevel1AsLevel2(rows, header.columns)) rows = alignRows(view, 0, view.length, header.columns, header.exact, true);
  if ((view[0] as Token | undefined)?.rendering === 'plain-lines') rows = placeDisplacedLevels(rows, header.columns);
  return rows.map((row) => ({
    ...row,
    start: row.start + bodyStart,
    end: row.end + bodyStart,
    junk: row.junk.map((at) => at + bodyStart),
    cells: new Map([...row.cells].map(([column, cell]) => [column, { ...cell, start: cell.start + bodyStart, end: cell.end + bodyStart }])),
  }));
}

const LEVEL2_ORDER: readonly string[] = Object.keys(LEVEL2_PARENT);
const CONTENT_FIELDS: ReadonlySet<string> = new Set(['name', 'value', 'description', 'basis', 'actual', 'areaValue']);

/**
 * Merged level cells a PDF's text in block order prints after the rows they span (… 职工满意度 /
 * ≥98% / 依据部门职责 / 质量指标 / 产出指标 / 绩效指标): rows at the grid's end that hold only level
 * names are no rows; each canonical level2 among them goes to the rows that have none of their
 * own where the framework's order puts it (质量指标 after the 数量指标 rows, before 时效指标).
 */
function placeDisplacedLevels(rows: AlignedRow[], columns: readonly Column[]): AlignedRow[] {
  const level2Column = columns.findIndex((column) => column.field === 'level2');
  if (level2Column === -1) return rows;
  const orderOf = (text: string) => LEVEL2_ORDER.indexOf(canonicalLevel2(text));
  let tail = rows.length;
  const displaced: AlignedCell[] = [];
  while (tail > 0) {
    const row = rows[tail - 1] as AlignedRow;
    const cells = [...row.cells].filter(([, cell]) => normalizeText(cell.raw) !== '');
    const onlyLevels = cells.length > 0 && cells.every(([column, cell]) => !CONTENT_FIELDS.has((columns[column] as Column).field) || classify(cell.raw).level !== null || classify(cell.raw).caption);
    if (!onlyLevels) break;
    for (const [, cell] of cells) if (orderOf(cell.raw) !== -1) displaced.unshift(cell);
    tail--;
  }
  if (tail === rows.length || displaced.length === 0) return rows;
  const body = rows.slice(0, tail);
  for (const cell of displaced) {
    const order = orderOf(cell.raw);
    // The first run of rows with no level2 of their own between a lower and a higher one.
    let before = -1;
    for (let index = 0; index < body.length; index++) {
      const own = (body[index] as AlignedRow).cells.get(level2Column);
      if (own && normalizeText(own.raw) !== '') {
        before = orderOf(own.raw);
        continue;
      }
      if (before >= order) continue;
      let next = index;
      while (next < body.length && !(body[next] as AlignedRow).cells.get(level2Column)?.raw.trim()) next++;
      const after = next < body.length ? orderOf((body[next] as AlignedRow).cells.get(level2Column)?.raw ?? '') : LEVEL2_ORDER.length;
      if (after !== -1 && after <= order) {
        index = next - 1;
        continue;
      }
      const first = body[index] as AlignedRow;
      body[index] = { ...first, cells: new Map([...first.cells, [level2Column, cell]]) };
      break;
    }
  }
  return body;
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
      const displaced = displacedLabels(tokens, bodyStart, end, header);
      const own = displaced?.header ?? header;
      grids.push({ header: own, start, bodyStart, end, rows: alignBody(tokens, bodyStart, end, own, displaced?.at) });
      if (end >= limit || !TARGET_ROW.test((tokens[end] as Token).key)) break;
      start = nextRow(tokens, end);
      // A target row that is the text's last: no section follows it.
      if (start >= limit) break;
      bodyStart = start;
      end = start;
    }
  });
  return grids;
}

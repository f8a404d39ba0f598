// Aligned grid rows → the contract's indicators: merged level cells filled down, levels made
// canonical, split comparator / number / unit columns joined, one target per area resolved, and
// what could not be read reported with its text.
import type { SourceSpan } from '../../schemas/doc.ts';
import type { Indicator, Value, Warning } from '../../schemas/extraction.ts';
import { canonicalLevels } from '../../vocab/canonical-levels.ts';
import { normalizeOptional, normalizeText } from '../normalize.ts';
import { parseValue } from '../values.ts';
import { suspectComparator } from '../suspect.ts';
import { classify } from './classify.ts';
import type { Grid } from './grid.ts';
import type { Column, ColumnField } from './header-map.ts';
import { confidenceOf, provenanceOf, spanOf } from './provenance.ts';
import type { AlignedCell, AlignedRow } from './row-align.ts';
import type { Token } from './tokens.ts';

/** A row of a multi-project grid names its project (单位名称 | 项目名称 | 预算数 | 年度目标 | …). */
export interface ProjectCells {
  unitName: string | null;
  projectName: string | null;
  budget: string | null;
  /** how surely OCR read the 预算数 cell; undefined when it was not read by OCR */
  budgetConfidence: number | undefined;
  goal: string | null;
}

export interface GridIndicators {
  /** indicators in table order, each with the project cells in force where it was read */
  items: Array<{ indicator: Indicator; project: ProjectCells | null }>;
  warnings: Warning[];
}

const ROW_UNFIT = 3;

/** Where each field's columns are, found once per column list. */
const indexes = new WeakMap<readonly Column[], Map<ColumnField, number[]>>();

function columnsOf(columns: readonly Column[], field: ColumnField): number[] {
  let map = indexes.get(columns);
  if (!map) {
    map = new Map();
    columns.forEach((column, index) => {
      if (!column.ignored) map?.set(column.field, [...(map.get(column.field) ?? []), index]);
    });
    indexes.set(columns, map);
  }
  return map.get(field) ?? [];
}

function cellOf(row: AlignedRow, columns: readonly Column[], field: ColumnField): string | null {
  const index = columnsOf(columns, field)[0];
  if (index === undefined) return null;
  return row.cells.get(index)?.raw ?? '';
}

function alignedCellOf(row: AlignedRow, columns: readonly Column[], field: ColumnField): AlignedCell | undefined {
  const index = columnsOf(columns, field)[0];
  return index === undefined ? undefined : row.cells.get(index);
}

function cellsOf(row: AlignedRow, columns: readonly Column[], field: ColumnField): string[] {
  return columnsOf(columns, field).map((index) => row.cells.get(index)?.raw ?? '');
}

/** A level cell as written; a mark with no word in a merged level cell (a stray `0`) is no level. */
function levelCellOf(row: AlignedRow, columns: readonly Column[], field: ColumnField): string | null {
  const written = normalizeOptional(cellOf(row, columns, field));
  return written !== null && /\p{L}/u.test(written) ? written : null;
}

/** The row's text, for warnings only: made when one is written. */
function rowText(tokens: readonly Token[], row: AlignedRow): string {
  return tokens
    .slice(row.start, row.end)
    .filter((token) => !token.blank)
    .map((token) => token.text)
    .join(' | ');
}

function locOf(tokens: readonly Token[], at: number): Warning['loc'] {
  const token = tokens[at];
  if (!token) return {};
  return { ...(token.source.lineStart ? { line: token.source.lineStart } : {}), ...(token.source.page ? { page: token.source.page } : {}), ...(token.table ? { table: token.table, row: token.row + 1 } : {}) };
}

/**
 * The row's target: the value cell with its comparator (计算符号, 指标方向) put before it when the
 * value has none and the cell is a comparator, and its unit (计量单位) after it when the value is a
 * bare number. One column per area: the value they share.
 */
function valueOf(row: AlignedRow, columns: readonly Column[]): { value: Value; areasDiffer: boolean } {
  const comparators = cellsOf(row, columns, 'comparator').map(normalizeText).filter((cell) => classify(cell).comparatorOnly);
  const units = cellsOf(row, columns, 'unit').map(normalizeText).filter((cell) => cell !== '');
  const areas = cellsOf(row, columns, 'areaValue').map(normalizeText).filter((cell) => cell !== '');
  let written = normalizeText(cellOf(row, columns, 'value') ?? '');
  let areasDiffer = false;
  const areaColumns = columns.filter((column) => column.field === 'areaValue' && !column.ignored).length;
  if (written === '' && areas.length > 0) {
    // Each area has its target: one value only when they agree, and when every area's cell was read
    // (targets run together in text with no separators cannot be told apart).
    areasDiffer = new Set(areas).size > 1 || (areas.length < areaColumns && row.cells.size > 0 && isRunTogether(row));
    written = areas[0] ?? '';
  }
  const comparator = comparators[0];
  if (comparator && written !== '' && !/^[≥≤<>=﹦＝＞＜≧≦═]|^(不低于|不少于|不高于|不超过|不多于|大于|小于|等于|高于|低于|超过|多于|少于)/.test(written)) written = comparator + written;
  const unit = units[0];
  if (unit) {
    const parsed = parseValue(written);
    if (parsed.kind === 'numeric' && parsed.unit === null) written += unit;
  }
  return { value: parseValue(written), areasDiffer };
}

function numberOf(text: string | null): number | null {
  const parsed = parseValue(text ?? '');
  return parsed.kind === 'numeric' && (parsed.unit === null || parsed.unit === '分' || parsed.unit === '%') ? parsed.number : null;
}

function isRunTogetherGrid(grid: Grid): boolean {
  const rendering = currentTokens[grid.bodyStart]?.rendering;
  return rendering === 'concatenated' || rendering === 'one-line';
}

/** Fields more than half the grid's named rows fill: in a table every row fills them or none does. */
function usualFields(rows: readonly AlignedRow[], columns: readonly Column[]): ColumnField[] {
  const named = rows.filter((row) => normalizeText(cellOf(row, columns, 'name') ?? '') !== '');
  if (named.length < 3) return [];
  const fields: ColumnField[] = ['value', 'actual', 'weight', 'score', 'description', 'areaValue'];
  return fields.filter((field) => named.filter((row) => cellsOf(row, columns, field).some((cell) => normalizeText(cell) !== '')).length > named.length * 0.5);
}

function isRunTogether(row: AlignedRow): boolean {
  return rowRendering(row) === 'concatenated' || rowRendering(row) === 'one-line';
}

let currentTokens: readonly Token[] = [];
function rowRendering(row: AlignedRow): string | null {
  return currentTokens[row.start]?.rendering ?? null;
}

/** A 绩效标准 column that holds explanations (反映…) is the description column of its form. */
function refineColumns(grid: Grid): Column[] {
  return grid.header.columns.map((column, index) => {
    if (column.field !== 'basis') return column;
    const cells = grid.rows.flatMap((row) => {
      const cell = row.cells.get(index);
      return cell && normalizeText(cell.raw) !== '' ? [classify(normalizeText(cell.raw))] : [];
    });
    const explanations = cells.filter((cell) => cell.explanation).length;
    return explanations > 0 && explanations * 2 >= cells.length ? { ...column, field: 'description' } : column;
  });
}

const CONTENT_FIELDS: readonly ColumnField[] = ['name', 'description', 'value', 'unit', 'actual', 'weight', 'score', 'basis', 'areaValue'];

/**
 * The last row of a text that ends inside the grid, when it was cut off: its last cell lost its
 * closing mark, or it stops before columns every other row fills (a page store's excerpt, an
 * interrupted copy). A cut row is not read as if whole.
 */
function cutOffRow(grid: Grid, columns: readonly Column[], tokens: readonly Token[]): AlignedRow | null {
  const last = grid.rows[grid.rows.length - 1];
  if (!last || grid.end < tokens.length) return null;
  const rest = tokens.slice(last.end).filter((token) => !token.blank && !token.cutOff);
  if (rest.length > 0) return null;
  // A split target (计算符号 | 指标值 | 度量单位) stopped before its unit.
  const unitColumn = columns.findIndex((column) => column.field === 'unit' && !column.ignored);
  const valueCell = normalizeText(cellOf(last, columns, 'value') ?? '');
  if (unitColumn !== -1 && /^\d+(\.\d+)?$/.test(valueCell) && !last.cells.has(unitColumn) && ![...last.cells.keys()].some((index) => index > unitColumn)) return last;
  const others = grid.rows.slice(0, -1).filter((row) => CONTENT_FIELDS.some((field) => normalizeText(cellOf(row, columns, field) ?? '') !== ''));
  if (others.length < 2) return null;
  const has = (row: AlignedRow, field: ColumnField) => cellsOf(row, columns, field).some((cell) => normalizeText(cell) !== '');
  for (const field of CONTENT_FIELDS) {
    const filled = others.filter((row) => has(row, field)).length;
    if (filled >= others.length * 0.8 && !has(last, field)) return last;
  }
  return null;
}

export function indicatorsOf(grid: Grid, tokens: readonly Token[]): GridIndicators {
  currentTokens = tokens;
  const columns = refineColumns(grid);
  const cut = cutOffRow(grid, columns, tokens);
  const valued = grid.rows.filter((row) => normalizeText(cellOf(row, columns, 'value') ?? '') !== '' || cellsOf(row, columns, 'areaValue').some((cell) => normalizeText(cell) !== '')).length;
  const named = grid.rows.filter((row) => normalizeText(cellOf(row, columns, 'name') ?? '') !== '').length;
  const mostHaveValues = named > 0 && valued >= named * 0.7;
  // In text run together, the columns nearly every row fills: a row without one of them was cut wrong.
  const usual = isRunTogetherGrid(grid) ? usualFields(grid.rows, columns) : [];
  const has = (field: ColumnField) => columns.some((column) => column.field === field && !column.ignored);
  const items: GridIndicators['items'] = [];
  const warnings: Warning[] = [];
  const unknownLevels = new Set<string>();
  let level1: string | null = null;
  let level2: string | null = null;
  let fundingLine: string | null = null;
  let project: ProjectCells | null = null;
  let unitName: string | null = null;
  const levelSpans: { level1?: SourceSpan | undefined; level2?: SourceSpan | undefined; fundingLine?: SourceSpan | undefined } = {};

  for (const row of grid.rows) {
    if (row.junk.length > 0) {
      warnings.push({
        code: 'ROW_UNALIGNED',
        message: `有单元格无法对应到表格列，未读入: cells that fit no column of the grid were left out (${row.junk.length})`,
        loc: locOf(tokens, row.junk[0] as number),
        text: row.junk.map((at) => (tokens[at] as Token).text).join(' | '),
      });
    }
    if (row.cells.size === 0) continue;
    const written1 = levelCellOf(row, columns, 'level1');
    const written2 = levelCellOf(row, columns, 'level2');
    // A level cell that names no level of any scheme (续表, a district): the row is no grid row.
    if ([written1, written2].some((written) => written !== null && classify(written).level === null)) {
      warnings.push({ code: 'ROW_UNALIGNED', message: '该行的层级单元格不是指标层级，无法与表头各列对应，未读入: the row\'s level cells name no level', loc: locOf(tokens, row.start), text: rowText(tokens, row) });
      continue;
    }
    if (written1 !== null) {
      level1 = written1;
      level2 = null;
      levelSpans.level1 = spanOf(tokens, alignedCellOf(row, columns, 'level1'));
      levelSpans.level2 = undefined;
    }
    if (written2 !== null) {
      level2 = written2;
      levelSpans.level2 = spanOf(tokens, alignedCellOf(row, columns, 'level2'));
    }
    const funding = normalizeOptional(cellOf(row, columns, 'fundingLine'));
    if (funding !== null) {
      fundingLine = funding;
      levelSpans.fundingLine = spanOf(tokens, alignedCellOf(row, columns, 'fundingLine'));
    }
    const unitCell = normalizeOptional(cellOf(row, columns, 'unitName'));
    if (unitCell !== null) unitName = unitCell;
    const projectName = normalizeOptional(cellOf(row, columns, 'projectName'));
    if (projectName !== null) {
      project = {
        unitName,
        projectName,
        budget: normalizeOptional(cellOf(row, columns, 'budget')),
        budgetConfidence: confidenceOf(tokens, alignedCellOf(row, columns, 'budget')),
        goal: normalizeOptional(cellOf(row, columns, 'goal')),
      };
    }

    const name = normalizeOptional(cellOf(row, columns, 'name'));
    const { value: read, areasDiffer } = valueOf(row, columns);
    const value: Value = read.kind === 'empty' && name === '不涉及' ? { ...read, kind: 'not_applicable' } : read;
    if (name === null && value.kind === 'empty') continue;
    // Where the text marks no rows, a row with no name is a misfit of the alignment, not a row;
    // where it runs cells together, so is a name with no target among rows that have theirs.
    const missing = usual.filter((field) => !cellsOf(row, columns, field).some((cell) => normalizeText(cell) !== ''));
    if ((name === null && !row.rowsMarked) || (value.kind === 'empty' && isRunTogether(row) && mostHaveValues) || missing.length > 0) {
      warnings.push({ code: 'ROW_UNALIGNED', message: '该行没有指标名称，无法确定其归属，未读入: a row with no indicator name could not be placed', loc: locOf(tokens, row.start), text: rowText(tokens, row) });
      continue;
    }
    if (row === cut) {
      warnings.push({ code: 'ROW_CUT_OFF', message: '文本在此行中途结束，该行不完整，未读入: the text ends in the middle of this row', loc: locOf(tokens, row.start), text: rowText(tokens, row) });
      continue;
    }
    if (row.cost >= ROW_UNFIT) {
      warnings.push({ code: 'ROW_UNALIGNED', message: '该行无法与表头各列对应，未读入: the row does not fit the columns of its grid', loc: locOf(tokens, row.start), text: rowText(tokens, row) });
      continue;
    }
    if (areasDiffer) {
      warnings.push({ code: 'AREA_VALUES_DIFFER', message: '各区域目标值不同，无法合为一个指标值，未读入: the areas\' targets differ and the contract holds one value', loc: locOf(tokens, row.start), text: rowText(tokens, row) });
      continue;
    }
    const levels = canonicalLevels(level1, level2);
    for (const written of [written1, written2]) {
      if (written === null) continue;
      const reading = classify(written).level;
      if (reading && !reading.known && !unknownLevels.has(written)) {
        unknownLevels.add(written);
        warnings.push({ code: 'UNKNOWN_LEVEL', message: `未知的指标层级名称“${written}”，按原文保留: a level name outside the framework, kept as written`, loc: locOf(tokens, row.start), text: written });
      }
    }
    const indicator: Indicator = {
      level1: levels.level1,
      level2: levels.level2,
      name,
      description: has('description') ? normalizeOptional(cellOf(row, columns, 'description')) : null,
      value,
      basis: has('basis') ? normalizeOptional(cellOf(row, columns, 'basis')) : null,
      remark: has('remark') ? normalizeOptional(cellOf(row, columns, 'remark')) : null,
      fundingLine: has('fundingLine') ? fundingLine : null,
    };
    if (has('weight')) indicator.weight = numberOf(cellOf(row, columns, 'weight'));
    if (has('actual')) indicator.actual = parseValue(cellOf(row, columns, 'actual') ?? '');
    if (has('score')) indicator.score = numberOf(cellOf(row, columns, 'score'));
    if (has('deviation')) indicator.deviation = normalizeOptional(cellOf(row, columns, 'deviation'));
    if (has('previous')) indicator.previous = parseValue(cellOf(row, columns, 'previous') ?? '');
    // Merged level cells point at the cell that holds their text.
    const provenance = provenanceOf({
      level1: levelSpans.level1,
      level2: levelSpans.level2,
      fundingLine: has('fundingLine') ? levelSpans.fundingLine : undefined,
      name: spanOf(tokens, alignedCellOf(row, columns, 'name')),
      description: spanOf(tokens, alignedCellOf(row, columns, 'description')),
      value: spanOf(tokens, alignedCellOf(row, columns, 'value') ?? alignedCellOf(row, columns, 'areaValue') ?? alignedCellOf(row, columns, 'comparator')),
      basis: spanOf(tokens, alignedCellOf(row, columns, 'basis')),
      remark: spanOf(tokens, alignedCellOf(row, columns, 'remark')),
    });
    if (provenance) indicator.provenance = provenance;
    const suspect = suspectComparator(value);
    if (suspect) warnings.push({ code: 'SUSPECT_COMPARATOR', message: suspect, loc: locOf(tokens, row.start), text: value.raw });
    items.push({ indicator, project });
  }
  return { items, warnings };
}

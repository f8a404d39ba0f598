// Finds the header of an indicator grid in the token stream and maps its labels to contract
// fields: wrapped labels joined (`年度` / `指标值`), two-row headers merged (年度指标值 over
// 指标性质 | 指标值 | 度量单位), side-by-side blocks (中期 | 年度) told apart, one target column per
// area found, and the columns every grid has but a header may not name (its caption, a name).
import type { GridField } from '../../vocab/headers.ts';
import { classify } from './classify.ts';
import { joinedRaw, type Token } from './tokens.ts';

export type ColumnField = GridField | 'areaValue' | 'ignore';

export interface Column {
  field: ColumnField;
  /** the label as written; '' for a column the header does not name */
  label: string;
  /** the grid column when the table's columns are exact */
  gridCol: number | null;
  implicit: boolean;
  /** read for alignment but not output: the mid-term block beside the annual one, level scores */
  ignored?: boolean;
}

export interface GridHeader {
  /** token range of the header (area labels included) */
  start: number;
  end: number;
  columns: Column[];
  /** positions can be trusted */
  exact: boolean;
}

interface Label {
  field: GridField;
  text: string;
  weight: number;
  gridCol: number | null;
  row: number;
  /** the label starts a new row or line */
  rowStart: boolean;
}

/** The longest run of 1–3 tokens from `at` that reads as one header label, within one block. */
function labelAt(tokens: readonly Token[], at: number, exact: boolean): { label: Label; end: number } | null {
  const first = tokens[at];
  if (!first || first.blank) return null;
  for (let length = exact ? 1 : 3; length >= 1; length--) {
    const end = at + length;
    if (end > tokens.length) continue;
    let crosses = false;
    for (let i = at + 1; i < end; i++) if ((tokens[i] as Token).before === 'block' || (tokens[i] as Token).before === 'row' || (tokens[i] as Token).blank) crosses = true;
    if (crosses) continue;
    // A label wrapped over cells has at most one piece that is a label alone (`实际` / `完成值`);
    // two labels side by side are two labels.
    if (length > 1) {
      const pieces = tokens.slice(at, end).map((token) => classify(token.text));
      if (pieces.filter((piece) => piece.header || piece.caption).length > 1 || pieces.some((piece) => piece.level?.known)) continue;
    }
    const text = joinedRaw(tokens, at, end);
    const cell = classify(text);
    // The first label of its row or line, empty cells before it not counted.
    let rowStart = false;
    for (let i = at; ; i--) {
      const token = tokens[i] as Token;
      if (token.before === 'row' || token.before === 'line' || token.before === 'block') {
        rowStart = true;
        break;
      }
      if (i === 0 || !(tokens[i - 1] as Token).blank) break;
    }
    if (cell.header) return { label: { field: cell.header.field, text, weight: cell.header.weight, gridCol: first.col, row: first.row, rowStart }, end };
    if (cell.caption) return { label: { field: 'caption', text, weight: 0, gridCol: first.col, row: first.row, rowStart }, end };
  }
  return null;
}

const MAX_COLUMNS = 32;

/** A level name or a single character of vertical text (绩 / 效 / 指 / 标): a merged column's cell. */
function displacedCell(token: Token): boolean {
  if (token.blank || token.before === 'block') return false;
  return classify(token.text).level?.as1 === true || /^\p{Unified_Ideograph}$/u.test(token.text);
}

const ROW_HEAD: ReadonlySet<GridField> = new Set(['level1', 'level2', 'ordinal', 'name', 'description']);
const VALUE_PARTS: ReadonlySet<GridField> = new Set(['comparator', 'value', 'unit', 'valueType']);

function qualifies(labels: readonly Label[]): boolean {
  const fields = new Set(labels.map((label) => label.field));
  const weight = labels.reduce((sum, label) => sum + label.weight, 0);
  const rowHead = fields.has('level1') || fields.has('level2') || fields.has('name');
  const body = fields.has('value') || fields.has('name') || fields.has('actual') || fields.has('weight') || fields.has('areaValues');
  return fields.size >= 3 && weight >= 2.5 && rowHead && body;
}

/**
 * A header written in two rows (年度指标值 | 实际完成值 … over 指标性质 | 指标值 | 度量单位, or a
 * caption 绩效指标 over 一级指标 | 二级指标 | 三级指标): each top label is replaced by the bottom
 * labels it spans. Only when every bottom label is spanned so; otherwise the rows are one header
 * wrapped over lines.
 */
function mergeTwoRows(labels: readonly Label[]): Label[] {
  const split = labels.findIndex((label, index) => index > 0 && label.rowStart);
  if (split <= 0) return [...labels];
  const top = labels.slice(0, split);
  const bottom = labels.slice(split);
  const rowHead = bottom.filter((label) => ROW_HEAD.has(label.field));
  const valueParts = bottom.filter((label) => VALUE_PARTS.has(label.field));
  if (rowHead.length + valueParts.length !== bottom.length) return [...labels];
  const spansRowHead = top.some((label) => label.field === 'caption');
  const spansValue = top.some((label) => label.field === 'value' || label.field === 'midValue');
  if ((rowHead.length > 0 && !spansRowHead) || (valueParts.length > 0 && !spansValue) || top.some((label) => ROW_HEAD.has(label.field) && rowHead.length > 0)) return [...labels];
  const out: Label[] = [];
  let rowHeadUsed = false;
  let valueUsed = false;
  for (const label of top) {
    if (label.field === 'caption' && rowHead.length > 0 && !rowHeadUsed) {
      out.push(...rowHead);
      rowHeadUsed = true;
    } else if ((label.field === 'value' || label.field === 'midValue') && valueParts.length > 0 && !valueUsed) {
      out.push(...(label.field === 'midValue' ? valueParts.map((part) => ({ ...part, field: part.field === 'value' ? ('midValue' as const) : part.field })) : valueParts));
      valueUsed = true;
    } else out.push(label);
  }
  return out;
}

/** Side-by-side blocks (中期 | 年度): the block whose labels say 年度, else the last, gives the row. */
function keepAnnualBlock(columns: Column[]): Column[] {
  const seen = new Map<ColumnField, number>();
  let second = -1;
  for (const [index, column] of columns.entries()) {
    if (column.field === 'level2' || column.field === 'name' || column.field === 'value') {
      if (seen.has(column.field)) {
        second = index;
        break;
      }
      seen.set(column.field, index);
    }
  }
  if (second === -1) return columns;
  const firstBlock = columns.slice(0, second);
  const secondBlock = columns.slice(second);
  const saysAnnual = (block: Column[]) => block.some((column) => /年度|当年|本年/.test(column.label));
  const saysMid = (block: Column[]) => block.some((column) => /中期|实施期|长期/.test(column.label));
  const annualFirst = saysAnnual(firstBlock) && !saysAnnual(secondBlock) && saysMid(secondBlock);
  const drop = annualFirst ? secondBlock : firstBlock;
  return columns.map((column) => (drop.includes(column) && column.field !== 'level1' && column.field !== 'caption' ? { ...column, ignored: true } : column));
}

/** Short labels right after the header with no meaning of their own: one target column per area. */
function areaLabels(tokens: readonly Token[], from: number, columns: readonly Column[]): { at: number; count: number } {
  const none = { at: from, count: 0 };
  const wanted = columns.some((column) => column.field === 'areaValues') || !columns.some((column) => column.field === 'value' || column.field === 'midValue');
  if (!wanted) return none;
  // A spreadsheet's merged 区域目标值 leaves empty cells after it and under the columns before it.
  let at = from;
  while (at < tokens.length && at - from < 12 && (tokens[at] as Token).blank) at++;
  let count = 0;
  for (let i = at; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.blank) break;
    const cell = classify(token.text);
    if (cell.level || cell.valueShaped || cell.header || cell.field || cell.explanation || token.key.length > 16 || cell.ideographs < 2) break;
    count++;
  }
  return count >= 2 ? { at, count } : none;
}

export function headerAt(tokens: readonly Token[], start: number): GridHeader | null {
  const exact = tokens[start]?.col !== null && tokens[start]?.col !== undefined;
  const labels: Label[] = [];
  let i = start;
  let lastLabelEnd = start;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (i > start && token.before === 'block') break;
    // A grid has a score of columns at most; a header repeated across (中期 | 年度) twice. Labels
    // past that are not one grid's header.
    if (labels.length >= MAX_COLUMNS) break;
    if (token.blank) {
      i++;
      continue;
    }
    let found = labelAt(tokens, i, exact);
    if (!found && !exact && labels.length > 0) {
      // A PDF's text in block order prints a merged column's cells between its label and the
      // next (一级指标 / 产出指标 / 绩 / 效 / 指 / 标 / 效益指标 / 二级指标): passed over when a label follows.
      let j = i;
      while (j < tokens.length && j - i < 12 && displacedCell(tokens[j] as Token)) j++;
      found = j > i ? labelAt(tokens, j, exact) : null;
    }
    if (!found) break;
    labels.push(found.label);
    i = found.end;
    lastLabelEnd = i;
  }
  if (labels.length === 0 || !qualifies(labels)) return null;
  // Two caption-like labels (绩效指标 … 年度绩效目标(90分)) count once.
  const merged = mergeTwoRows(labels);
  let columns: Column[] = merged.map((label) => ({ field: label.field, label: label.text, gridCol: exact ? label.gridCol : null, implicit: false }));
  columns = keepAnnualBlock(columns);
  // 分值 columns before the name score the level cells, not the row.
  const nameAt = columns.findIndex((column) => column.field === 'name');
  columns = columns.map((column, index) => (column.field === 'weight' && nameAt !== -1 && index < nameAt ? { ...column, ignored: true } : column));
  let end = lastLabelEnd;
  const areas = areaLabels(tokens, end, columns);
  if (areas.count > 0) {
    const areaColumns: Column[] = tokens.slice(areas.at, areas.at + areas.count).map((token) => ({ field: 'areaValue', label: token.text, gridCol: exact ? token.col : null, implicit: false }));
    const group = columns.findIndex((column) => column.field === 'areaValues');
    if (group === -1) columns.push(...areaColumns);
    else columns.splice(group, 1, ...areaColumns);
    end = areas.at + areas.count;
  }
  columns = columns.filter((column) => column.field !== 'areaValues');
  // Every grid has a name column and may have a caption column its header leaves unnamed.
  if (!columns.some((column) => column.field === 'name')) {
    let after = -1;
    columns.forEach((column, index) => {
      if (column.field === 'level1' || column.field === 'level2' || column.field === 'caption') after = index;
    });
    columns.splice(after + 1, 0, { field: 'name', label: '', gridCol: null, implicit: true });
  }
  if (!exact) {
    if (!columns.some((column) => column.field === 'caption')) columns.unshift({ field: 'caption', label: '', gridCol: null, implicit: true });
    const name = columns.findIndex((column) => column.field === 'name');
    if (!columns.some((column) => column.field === 'ordinal')) columns.splice(name, 0, { field: 'ordinal', label: '', gridCol: null, implicit: true });
  }
  return { start, end, columns, exact };
}

/** The order columns stand in when only their labels are known, not where they were. */
const USUAL_ORDER: readonly GridField[] = ['caption', 'level1', 'level2', 'ordinal', 'name', 'description', 'comparator', 'value', 'unit', 'midValue', 'actual', 'weight', 'score', 'deviation', 'basis', 'remark'];

/**
 * A header whose labels are scattered among data cells, as a spreadsheet flattened column by
 * column to one line gives it (`一级 指标 — … 年度 实际 指标值 完成值 … 二级指标 三级指标 … 分值 得分`):
 * the labels found close together stand for the columns, in their usual order, and the rows
 * start after the last of them. Only where the text marks no rows.
 */
function scatteredHeaderAt(tokens: readonly Token[], start: number): GridHeader | null {
  const first = tokens[start] as Token;
  if (first.rendering !== 'one-line' && first.rendering !== 'concatenated') return null;
  const labels: Label[] = [];
  let end = start;
  for (let i = start; i < Math.min(tokens.length, start + 40); ) {
    const found = labelAt(tokens, i, false);
    if (found) {
      if (found.label.field !== 'caption') labels.push(found.label);
      i = found.end;
      end = i;
    } else i++;
  }
  if (!qualifies(labels) || labels.length < 4) return null;
  const fields = new Set(labels.map((label) => label.field));
  const columns: Column[] = USUAL_ORDER.filter((field) => fields.has(field)).map((field) => ({ field, label: labels.find((label) => label.field === field)?.text ?? '', gridCol: null, implicit: false }));
  if (!fields.has('name')) columns.splice(columns.findIndex((column) => column.field !== 'caption' && column.field !== 'level1' && column.field !== 'level2'), 0, { field: 'name', label: '', gridCol: null, implicit: true });
  columns.unshift({ field: 'caption', label: '', gridCol: null, implicit: true });
  columns.splice(columns.findIndex((column) => column.field === 'name'), 0, { field: 'ordinal', label: '', gridCol: null, implicit: true });
  return { start, end, columns, exact: false };
}

const DISPLACEABLE: ReadonlySet<GridField> = new Set(['description', 'value', 'basis', 'remark', 'actual', 'weight', 'score', 'deviation']);

/**
 * A header without its target column whose missing labels stand among or after its rows, as a
 * PDF's text in block order prints the last cells of a header row at the page's end (… 服务对象满意度
 * / 客户满意度 / ≥95% / 历史经验 / 第1页 / 指标值 / 指标值确定依据): the columns are added in their
 * usual order, and the places of their labels returned, to be read as no cell.
 */
export function displacedLabels(tokens: readonly Token[], from: number, to: number, header: GridHeader): { header: GridHeader; at: number[] } | null {
  if (header.exact || header.columns.some((column) => column.field === 'value' || column.field === 'areaValue')) return null;
  const have = new Set(header.columns.map((column) => column.field));
  const found = new Map<GridField, { at: number; text: string }>();
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    if (token.blank) continue;
    const field = classify(token.text).header?.field;
    if (field && DISPLACEABLE.has(field) && !have.has(field) && !found.has(field)) found.set(field, { at: i, text: token.text });
  }
  if (!found.has('value')) return null;
  const fields = new Set<ColumnField>([...have, ...found.keys()]);
  const ordered = USUAL_ORDER.filter((field) => fields.has(field));
  const columns: Column[] = ordered.map((field) => header.columns.find((column) => column.field === field) ?? { field, label: found.get(field)?.text ?? '', gridCol: null, implicit: false });
  // Columns outside the usual order (areas, funding lines) keep their places after the rest.
  for (const column of header.columns) if (!columns.includes(column)) columns.push(column);
  return { header: { ...header, columns }, at: [...found.values()].map((label) => label.at) };
}

/** Where each grid header of the stream is: headers in one piece, else one scattered over the text. */
export function findHeaders(tokens: readonly Token[]): GridHeader[] {
  const headers: GridHeader[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const cell = classify((tokens[i] as Token).text);
    if (!cell.header && !cell.caption) continue;
    const header = headerAt(tokens, i);
    if (header) {
      headers.push(header);
      i = header.end - 1;
    }
  }
  const withHeader = new Set(headers.map((header) => (tokens[header.start] as Token).block));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (withHeader.has(token.block) || !/^(一级|二级|三级)(指标)?$/.test(token.key)) continue;
    const header = scatteredHeaderAt(tokens, i);
    if (header) {
      headers.push(header);
      withHeader.add(token.block);
    }
  }
  return headers.sort((a, b) => a.start - b.start);
}

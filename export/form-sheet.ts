// One project laid out as the 项目支出绩效目标表 a clerk fills and hands in: the title, the form's
// header fields, the money (资金情况, 万元) and its spending plan, the goals, then the indicator
// grid with the 一级 and 二级 cells merged down over their rows, and the reviewer's notes (审核意见)
// beside each row and under the grid. This file only decides what stands where (a pure layout);
// xlsx.ts draws it.
//
// The layout follows the forms themselves (shared/domain, fixtures/formats): labels in the left
// column with their values beside them, amounts as numbers, every other cell as its text. Fields
// the project does not have are left out rather than written blank, so nothing reads a blank as a
// value. Columns the project has no data for (绩效指标描述, 备注, the self-evaluation columns) are
// left out the same way.
import type { Indicator, Project } from '../schemas/extraction.ts';
import type { Severity } from '../schemas/findings.ts';
import { countLine, gravest, noteLine, noteText, type ReviewNotes } from './review-notes.ts';

/** What a cell is, which decides how it is drawn. */
export type CellRole =
  | 'title' // the form's title
  | 'subtitle' // its year line
  | 'moneyUnit' // 单位：万元, at the right
  | 'label' // a field label (项目名称, 资金情况 …)
  | 'field' // a field's value, text
  | 'amount' // an amount in 万元, a number
  | 'header' // a label of the indicator grid
  | 'level' // a merged 一级 / 二级 cell
  | 'text' // an indicator cell, text
  | 'number' // an indicator cell, a number (分值, 得分)
  | 'note'; // 审核意见

export interface FormCell {
  /** 1-based, as spreadsheets count */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  value: string | number | null;
  role: CellRole;
  /** the gravest finding of a 审核意见 cell */
  severity?: Severity | null;
}

export interface FormLayout {
  /** column widths, in characters */
  widths: number[];
  cells: FormCell[];
  /** the row of the indicator grid's labels, repeated on every printed page */
  gridHeaderRow: number;
  rowCount: number;
}

interface GridColumn {
  header: string;
  width: number;
  numeric?: true;
  cell: (indicator: Indicator) => string | number | null;
  /** shown when this holds for the project's rows; absent: always */
  shown?: (indicators: readonly Indicator[]) => boolean;
}

const anyText = (pick: (indicator: Indicator) => string | null | undefined) => (indicators: readonly Indicator[]) => indicators.some((indicator) => (pick(indicator) ?? '') !== '');
/** An optional contract field is present when the form had the column, even where a row left it blank. */
const hasKey = (key: 'weight' | 'actual' | 'score' | 'deviation' | 'previous') => (indicators: readonly Indicator[]) => indicators.some((indicator) => indicator[key] !== undefined);

/** The indicator grid's columns, in the forms' order; 审核意见 is added after the last. */
const GRID_COLUMNS: readonly GridColumn[] = [
  { header: '一级指标', width: 11, cell: (i) => i.level1 },
  { header: '二级指标', width: 14, cell: (i) => i.level2 },
  { header: '三级指标', width: 22, cell: (i) => i.name },
  { header: '绩效指标描述', width: 22, cell: (i) => i.description, shown: anyText((i) => i.description) },
  { header: '上年指标值', width: 12, cell: (i) => i.previous?.raw || null, shown: hasKey('previous') },
  { header: '指标值', width: 13, cell: (i) => i.value.raw || null },
  { header: '实际完成值', width: 12, cell: (i) => i.actual?.raw || null, shown: hasKey('actual') },
  { header: '分值', width: 7, numeric: true, cell: (i) => i.weight ?? null, shown: hasKey('weight') },
  { header: '得分', width: 7, numeric: true, cell: (i) => i.score ?? null, shown: hasKey('score') },
  { header: '指标值确定依据', width: 22, cell: (i) => i.basis },
  { header: '偏差原因分析及改进措施', width: 20, cell: (i) => i.deviation ?? null, shown: hasKey('deviation') },
  { header: '备注', width: 12, cell: (i) => i.remark, shown: anyText((i) => i.remark) },
];

export const NOTES_HEADER = '审核意见';
const NOTES_WIDTH = 34;
/** The form's name when the project's own title is not known (a generic heading, not a title). */
export const FORM_NAME = '项目支出绩效目标表';

/** The budget block's rows: sub-label and amount. */
const BUDGET_ROWS: ReadonlyArray<[string, (budget: Project['budget']) => number | null]> = [
  ['年度资金总额', (b) => b.total],
  ['其中：财政拨款', (b) => b.fiscal],
  ['其他资金', (b) => b.other],
];

/** The unit as forms write it: a six-digit code runs into the name (`304001某中心`), a shorter one is bracketed. */
export function unitText(unit: Project['unit']): string | null {
  if (!unit) return null;
  if (!unit.code) return unit.name;
  return /^\d{6,}$/.test(unit.code) ? `${unit.code}${unit.name}` : `[${unit.code}]${unit.name}`;
}

/** Goals one per line, numbered when there are several, as forms list them. */
function goalsText(goals: readonly string[]): string | null {
  if (goals.length === 0) return null;
  return goals.length === 1 ? goals[0]! : goals.map((goal, index) => `${index + 1}.${goal}`).join('\n');
}

/** `n` columns shared among `parts` as evenly as can be, the first ones a column wider. */
function share(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(n / parts) + (index < n % parts ? 1 : 0));
}

/** Runs of equal, non-empty keys: [start, end) over the rows. */
function runs(keys: readonly (string | null)[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start]) continue;
    if (keys[start] !== null) found.push([start, i]);
    start = i;
  }
  return found;
}

export interface FormContext {
  /** the document's budget year, for the form's year line */
  year: number | null;
  notes: ReviewNotes;
}

export function formLayout(project: Project, { year, notes }: FormContext): FormLayout {
  const columns = GRID_COLUMNS.filter((column) => !column.shown || column.shown(project.indicators));
  const width = columns.length + 1;
  const cells: FormCell[] = [];
  let row = 1;
  const put = (col: number, value: string | number | null, role: CellRole, span: { rowSpan?: number; colSpan?: number } = {}, severity?: Severity | null) =>
    cells.push({ row, col, rowSpan: span.rowSpan ?? 1, colSpan: span.colSpan ?? 1, value, role, ...(severity === undefined ? {} : { severity }) });
  const line = (value: string, role: CellRole) => {
    put(1, value, role, { colSpan: width });
    row++;
  };
  const field = (label: string, value: string | null) => {
    if (value === null) return;
    put(1, label, 'label');
    put(2, value, 'field', { colSpan: width - 1 });
    row++;
  };

  line(project.title ?? FORM_NAME, 'title');
  if (year !== null) line(`（${year}年度）`, 'subtitle');
  line('单位：万元', 'moneyUnit');

  field('项目名称', project.name);
  const unit = unitText(project.unit);
  if (project.code !== null && unit !== null) {
    const [left] = share(width - 2, 2) as [number, number];
    put(1, '项目编码', 'label');
    put(2, project.code, 'field', { colSpan: left });
    put(2 + left, '预算单位', 'label');
    put(3 + left, unit, 'field', { colSpan: width - 2 - left });
    row++;
  } else {
    field('项目编码', project.code);
    field('预算单位', unit);
  }
  field('项目负责人及联系电话', project.owner);

  put(1, '资金情况', 'label', { rowSpan: BUDGET_ROWS.length });
  for (const [label, amount] of BUDGET_ROWS) {
    put(2, label, 'label');
    put(3, amount(project.budget), 'amount', { colSpan: width - 2 });
    row++;
  }
  field('资金用途', project.purpose);

  const plan = project.spendingPlan ?? [];
  if (plan.length > 0) {
    // Periods share the columns after the label; more periods than columns widen the sheet.
    const spans = share(Math.max(width - 1, plan.length), plan.length);
    put(1, '资金支出计划', 'label', { rowSpan: 2 });
    let col = 2;
    plan.forEach((entry, index) => {
      put(col, entry.period, 'header', { colSpan: spans[index]! });
      cells.push({ row: row + 1, col, rowSpan: 1, colSpan: spans[index]!, value: entry.raw || null, role: 'field' });
      col += spans[index]!;
    });
    row += 2;
  }
  field('年度目标', goalsText(project.goals));

  const gridHeaderRow = row;
  columns.forEach((column, index) => put(index + 1, column.header, 'header'));
  put(width, NOTES_HEADER, 'header');
  row++;
  const first = row;
  const levelRuns = [
    runs(project.indicators.map((indicator) => indicator.level1)),
    runs(project.indicators.map((indicator) => (indicator.level2 === null ? null : `${indicator.level1}\u0000${indicator.level2}`))),
  ];
  project.indicators.forEach((indicator, index) => {
    columns.forEach((column, col) => {
      if (col < 2) {
        const run = levelRuns[col]!.find(([start]) => start === index);
        if (run) cells.push({ row: first + index, col: col + 1, rowSpan: run[1] - run[0], colSpan: 1, value: column.cell(indicator), role: 'level' });
        else if (!levelRuns[col]!.some(([start, end]) => index > start && index < end)) cells.push({ row: first + index, col: col + 1, rowSpan: 1, colSpan: 1, value: null, role: 'level' });
        return;
      }
      cells.push({ row: first + index, col: col + 1, rowSpan: 1, colSpan: 1, value: column.cell(indicator), role: column.numeric ? 'number' : 'text' });
    });
    const found = notes.byRow.get(index);
    cells.push({ row: first + index, col: width, rowSpan: 1, colSpan: 1, value: noteText(found), role: 'note', severity: gravest(found) });
  });
  row = first + project.indicators.length;
  // A grid with no rows keeps one blank row, as a blank form does, so the notes do not stand where rows go.
  if (project.indicators.length === 0) {
    columns.forEach((_, index) => put(index + 1, null, 'text'));
    put(width, null, 'note');
    row++;
  }

  // The table's own findings under the grid, as approval forms (审批表) end with theirs.
  const lines: Array<[string, Severity | null]> = [[countLine(notes.all), gravest(notes.all)], ...notes.project.map((finding): [string, Severity] => [noteLine(finding), finding.severity])];
  put(1, NOTES_HEADER, 'label', { rowSpan: lines.length });
  for (const [text, severity] of lines) {
    put(2, text, 'note', { colSpan: width - 1 }, severity);
    row++;
  }

  return { widths: [...columns.map((column) => column.width), NOTES_WIDTH], cells, gridHeaderRow, rowCount: row - 1 };
}

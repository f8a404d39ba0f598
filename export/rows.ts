// An extraction as one flat table, the shape spreadsheets and budget systems import: one row per
// indicator, with its project's fields repeated on every row.
import type { Extraction, Indicator, Project } from '../schemas/extraction.ts';

/** The comparator as forms write it. */
const OP_SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

interface Column {
  header: string;
  /** width in characters, for spreadsheets */
  width: number;
  /** a number column (序号, the amounts, 数值): every other column holds text */
  numeric?: true;
  cell: (project: Project, indicator: Indicator, projectIndex: number) => string | number | null;
}

export const COLUMNS: readonly Column[] = [
  { header: '序号', width: 6, numeric: true, cell: (_p, _i, index) => index + 1 },
  { header: '项目名称', width: 28, cell: (p) => p.name },
  { header: '项目编码', width: 24, cell: (p) => p.code },
  { header: '单位编码', width: 10, cell: (p) => p.unit?.code ?? null },
  { header: '单位名称', width: 24, cell: (p) => p.unit?.name ?? null },
  { header: '预算数（万元）', width: 12, numeric: true, cell: (p) => p.budget.total },
  { header: '财政资金（万元）', width: 12, numeric: true, cell: (p) => p.budget.fiscal },
  { header: '其他资金（万元）', width: 12, numeric: true, cell: (p) => p.budget.other },
  { header: '资金用途', width: 30, cell: (p) => p.purpose },
  { header: '绩效目标', width: 30, cell: (p) => p.goals.join('\n') || null },
  { header: '一级指标', width: 12, cell: (_p, i) => i.level1 },
  { header: '二级指标', width: 16, cell: (_p, i) => i.level2 },
  { header: '三级指标', width: 24, cell: (_p, i) => i.name },
  { header: '绩效指标描述', width: 24, cell: (_p, i) => i.description },
  { header: '指标值', width: 14, cell: (_p, i) => i.value.raw || null },
  { header: '计算符号', width: 8, cell: (_p, i) => (i.value.op ? (OP_SYMBOL[i.value.op] ?? i.value.op) : null) },
  { header: '数值', width: 10, numeric: true, cell: (_p, i) => i.value.number },
  { header: '计量单位', width: 10, cell: (_p, i) => i.value.unit },
  { header: '指标值确定依据', width: 28, cell: (_p, i) => i.basis },
  { header: '备注', width: 14, cell: (_p, i) => i.remark },
];

export type Cell = string | number | null;

/** The header row, then one row per indicator of every project, in document order. */
export function indicatorRows(extraction: Extraction): { header: string[]; rows: Cell[][] } {
  const rows: Cell[][] = [];
  extraction.document.projects.forEach((project, projectIndex) => {
    for (const indicator of project.indicators) rows.push(COLUMNS.map((column) => column.cell(project, indicator, projectIndex)));
  });
  return { header: COLUMNS.map((column) => column.header), rows };
}

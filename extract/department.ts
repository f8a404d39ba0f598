// The department-level table (部门整体支出绩效目标申报表): the unit, the budget grid, and the
// targets 年度整体支出目标N with their indicator rows and funding lines.
import type { Objective, Unit } from '../schemas/extraction.ts';
import { GridReader, gridLayoutOf, type GridLayout } from './grid.ts';
import type { Item, RowItem } from './items.ts';
import { normalizeOptional, normalizeText, squeeze } from './normalize.ts';
import { parseNumeric } from './values.ts';

const DEPARTMENT_MARKERS = [/^部门名称$/, /^年度整体支出目标\s*[0-9０-９]+$/, /^整体(支出)?绩效指标$/, /^年度预算/];
const TARGET = /^年度整体支出目标\s*[0-9０-９]+$/;
const BUDGET_GROUP = /预算$/;
const OVERALL = /^年度整体支出绩效目标$/;
export const FORM_YEAR = /^[（(]\s*(\d{4})\s*年度?\s*[）)]$/;

export interface Department {
  unit: Unit | null;
  year: number | null;
  overallGoal: string | null;
  budget: Record<string, number> | null;
  objectives: Objective[];
  tables: Set<number>;
}

function isDepartmentRow(row: RowItem): boolean {
  return row.cells.some((cell) => DEPARTMENT_MARKERS.some((marker) => marker.test(squeeze(cell))));
}

function amount(cell: string): number | null {
  const numeric = parseNumeric(normalizeText(cell));
  return numeric && numeric.op === null && (numeric.unit === null || numeric.unit === '万元') ? numeric.number : null;
}

export function readDepartment(items: readonly Item[]): Department {
  const result: Department = { unit: null, year: null, overallGoal: null, budget: null, objectives: [], tables: new Set() };
  const departmentTables = new Set(items.filter((item): item is RowItem => item.kind === 'row' && isDepartmentRow(item)).map((row) => row.table));
  if (departmentTables.size === 0) return result;
  result.tables = departmentTables;

  const rows = items.filter((item): item is RowItem => item.kind === 'row' && departmentTables.has(item.table));
  let grid: GridReader | null = null;
  let objective: Objective | null = null;
  let budgetGroup: string | null = null;
  let budgetColumns: string[] | null = null;
  let gridEnded = false;

  for (const row of rows) {
    const cells = row.cells.map(normalizeText);
    const first = squeeze(cells[0] ?? '');
    const filled = cells.filter((cell) => cell !== '');
    if (filled.length === 1 && FORM_YEAR.test(filled[0] ?? '')) {
      result.year ??= Number(FORM_YEAR.exec(filled[0] ?? '')?.[1]);
      continue;
    }
    if (first === '部门名称') {
      const name = normalizeOptional(cells[1]);
      if (name) result.unit ??= { code: null, name };
      continue;
    }
    if (OVERALL.test(first)) {
      result.overallGoal ??= normalizeOptional(cells.slice(1).join('\n'));
      continue;
    }
    if (TARGET.test(first)) {
      objective = { title: normalizeText(cells[0] ?? ''), goal: normalizeOptional(cells.slice(1).join('\n')), indicatorText: null, indicators: [] };
      result.objectives.push(objective);
      grid?.resetFundingLine();
      continue;
    }
    const layout: GridLayout | null = grid ? null : gridLayoutOf(row.cells);
    if (layout) {
      grid = new GridReader(layout);
      continue;
    }
    if (grid && objective && !gridEnded) {
      const before = grid.indicators.length;
      if (grid.accept(row) === 'end') gridEnded = true;
      objective.indicators.push(...grid.indicators.slice(before));
      continue;
    }
    // The budget part: a group label row (年度收入预算), its column labels, then its amounts.
    const rest = filled.filter((cell) => !/^年度预算/.test(squeeze(cell)));
    if (rest.length === 1 && BUDGET_GROUP.test(rest[0] ?? '')) {
      budgetGroup = rest[0] ?? null;
      budgetColumns = null;
    } else if (budgetGroup && !budgetColumns && rest.length > 1) {
      budgetColumns = cells;
    } else if (budgetGroup && budgetColumns) {
      cells.forEach((cell, index) => {
        const value = amount(cell);
        const column = squeeze(budgetColumns?.[index] ?? '');
        if (value !== null && column !== '') (result.budget ??= {})[`${budgetGroup}/${column}`] = value;
      });
      budgetGroup = null;
      budgetColumns = null;
    }
  }
  return result;
}

// Builds contract Projects from the compact tables of fixtures/validation/: a table reads like
// the paper form (one array per indicator row), values parsed by the extractor's own parser.
import { parseValue } from '../../extract/values.ts';
import type { Indicator, Project } from '../../schemas/extraction.ts';

/** 一级指标, 二级指标, 三级指标, 绩效指标描述, 指标值, 指标值确定依据 ("" or null for a blank cell). */
export type FixtureRow = [string | null, string | null, string | null, string | null, string, string | null];

export interface FixtureTable {
  title?: string | null;
  name?: string | null;
  /** 预算数, 其中：财政资金, 其他资金 (万元). */
  budget?: [number | null, number | null, number | null];
  /** 3月底, 6月底, 10月底, 12月底 as written. */
  spendingPlan?: string[];
  rows?: FixtureRow[];
  /** Row number (1-based, as the table reads) → the row that replaces it. */
  replace?: Record<string, FixtureRow>;
  /** Row numbers (1-based) to drop. */
  drop?: number[];
  add?: FixtureRow[];
}

const PERIODS = ['3月底', '6月底', '10月底', '12月底'];
const blank = (cell: string | null) => (cell === null || cell === '' ? null : cell);

function indicatorOf([level1, level2, name, description, value, basis]: FixtureRow): Indicator {
  return { level1: blank(level1), level2: blank(level2), name: blank(name), description: blank(description), value: parseValue(value), basis: blank(basis), remark: null, fundingLine: null };
}

export function buildProject(base: FixtureTable, table: FixtureTable): Project {
  let rows = [...(table.rows ?? base.rows ?? [])];
  for (const [at, row] of Object.entries(table.replace ?? {})) rows[Number(at) - 1] = row;
  const dropped = new Set(table.drop ?? []);
  rows = rows.filter((_, index) => !dropped.has(index + 1)).concat(table.add ?? []);
  const [total, fiscal, other] = table.budget ?? base.budget ?? [null, null, null];
  const plan = table.spendingPlan ?? base.spendingPlan ?? [];
  return {
    title: table.title !== undefined ? table.title : (base.title ?? null),
    code: null,
    name: table.name !== undefined ? table.name : (base.name ?? null),
    unit: null,
    owner: null,
    budget: { total, fiscal, other },
    purpose: null,
    spendingPlan: plan.map((raw, index) => ({ period: PERIODS[index] ?? `${index + 1}`, raw, value: raw.trim() === '' ? null : Number(raw.replace(/[%％]/, '')) })),
    goals: [],
    indicators: rows.map(indicatorOf),
  };
}

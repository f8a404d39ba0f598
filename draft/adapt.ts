// A similar project's indicator made to fit the new project: its year, its budget, the
// quantities its purpose states, and values a reviewer accepts (rates at most 100%, deadlines in
// the year, satisfaction asked of those served). Each value says where it came from (指标值确定依据).
import { parseValue } from '../extract/values.ts';
import type { Value } from '../schemas/extraction.ts';
import { yearsWritten } from '../validate/years.ts';
import type { Candidate } from './candidates.ts';
import { quantityName, type StatedQuantity } from './quantities.ts';

export interface Fitted {
  name: string;
  value: Value;
  basis: string;
  rationale: string;
}

export interface ProjectFacts {
  name: string;
  budget: number;
  year: number;
  purpose: string | null;
  quantities: StatedQuantity[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const amount = (value: number) => String(round2(value)).replace(/\.0+$/, '');
/** A ceiling to the fen below: shares of a budget, rounded, must not add up past it. */
const ceilingAmount = (value: number) => String(Math.floor(value * 100 + 1e-9) / 100);

/** Years written in a text moved to the new project's year (2025年工作计划 → 2026年工作计划). */
export function moveYears(text: string, year: number): string {
  let moved = text;
  for (const found of yearsWritten(text).sort((a, b) => b.at - a.at)) {
    if (found.end - found.at === 4) moved = moved.slice(0, found.at) + String(year) + moved.slice(found.end);
  }
  return moved;
}

/** 历史标准: the source project, its unit and year. */
function historyBasis(candidate: Candidate): string {
  const { library } = candidate.from;
  const unit = library.project.unit?.name;
  return `历史标准：参照${library.year ? `${library.year}年` : ''}“${library.project.name ?? '同类项目'}”${unit ? `（${unit}）` : ''}的同类指标`;
}

/** 计划标准: the new project's own purpose. */
function planBasis(facts: ProjectFacts, phrase?: string): string {
  return phrase ? `计划标准：依据项目资金用途“${phrase}”` : `计划标准：依据项目预算${amount(facts.budget)}万元和${facts.year}年度实施计划`;
}

/** Money in 万元, from a value in 元, 万元 or 亿元; null for anything else (per-unit prices among them). */
function inWan(value: Value): number | null {
  if (value.kind !== 'numeric' || value.number === null || !value.unit) return null;
  const factor: Record<string, number> = { 元: 1 / 10000, 万元: 1, 亿元: 10000 };
  return factor[value.unit] === undefined ? null : value.number * factor[value.unit]!;
}

const isRate = (value: Value) => value.kind === 'numeric' && value.unit === '%';

/** A rate as a reviewer accepts it: never ≥100% or above 100% (`=100%` says the same). */
function fairRate(value: Value): Value {
  if (!isRate(value) || value.number === null) return value;
  const over = value.number > 100 || (value.number === 100 && (value.op === '>=' || value.op === '>'));
  return over ? parseValue('=100%') : value;
}

function quantity(candidate: Candidate, facts: ProjectFacts, used: Set<StatedQuantity>): Fitted {
  const value = candidate.indicator.value;
  const unit = value.kind === 'numeric' ? value.unit : null;
  const stated = facts.quantities.find((q) => !used.has(q) && q.measure === unit) ?? facts.quantities.find((q) => !used.has(q));
  if (stated) {
    used.add(stated);
    const sameMeasure = stated.measure === unit;
    return {
      name: sameMeasure ? moveYears(candidate.indicator.name!, facts.year) : quantityName(stated),
      value: parseValue(stated.raw),
      basis: planBasis(facts, stated.phrase),
      rationale: `数量取自本项目资金用途中写明的“${stated.phrase}”${sameMeasure ? `，指标名称参照同类项目` : ''}。`,
    };
  }
  return {
    name: moveYears(candidate.indicator.name!, facts.year),
    value: parseValue(moveYears(value.raw, facts.year)),
    basis: historyBasis(candidate),
    rationale: `资金用途未写明数量，参照最相近的同类项目的数量目标，请按本项目实际核定。`,
  };
}

function timeliness(candidate: Candidate, facts: ProjectFacts): Fitted {
  const value = candidate.indicator.value;
  const name = moveYears(candidate.indicator.name!, facts.year);
  if (value.kind === 'date' || isRate(value)) {
    const moved = parseValue(moveYears(value.raw, facts.year));
    return { name, value: moved, basis: historyBasis(candidate), rationale: `完成时限参照同类项目${moved.raw !== value.raw ? `，年份改为${facts.year}年` : ''}。` };
  }
  return {
    name,
    value: parseValue(`${facts.year}年12月底前`),
    basis: planBasis(facts),
    rationale: `同类项目的时效值“${value.raw}”不是完成时限，改为预算年度内的完成时限。`,
  };
}

function cost(candidate: Candidate, facts: ProjectFacts, share: number): Fitted {
  const value = candidate.indicator.value;
  const name = moveYears(candidate.indicator.name!, facts.year);
  const ceiling = inWan(value);
  const sourceBudget = candidate.from.library.project.budget.total;
  if (ceiling !== null && sourceBudget && sourceBudget > 0) {
    // The same share of the budget as in the source project, never more than this item's share of it.
    const part = Math.min(share, ceiling / sourceBudget);
    return {
      name,
      value: parseValue(`≤${ceilingAmount(part * facts.budget)}万元`),
      basis: `计划标准：按本项目预算${amount(facts.budget)}万元测算（同类项目该项成本占预算的${Math.round((ceiling / sourceBudget) * 100)}%）`,
      rationale: `成本上限按同类项目该项成本占预算的比例，由本项目预算算出，不超过预算。`,
    };
  }
  if (value.kind === 'numeric' && value.unit?.includes('/')) {
    return { name, value, basis: historyBasis(candidate), rationale: `单位成本参照同类项目的标准。` };
  }
  return {
    name,
    value: parseValue(`≤${ceilingAmount(share * facts.budget)}万元`),
    basis: planBasis(facts),
    rationale: `成本上限由本项目预算算出，不超过预算。`,
  };
}

/** Who is asked: the unit's own staff are not those a project serves. */
const INTERNAL = /工作人员|职工|干部|在职人员|本单位/;

function satisfaction(candidate: Candidate, facts: ProjectFacts): Fitted {
  const value = fairRate(candidate.indicator.value);
  const name = INTERNAL.test(candidate.indicator.name!) ? '服务对象满意度' : moveYears(candidate.indicator.name!, facts.year);
  // 85–98% is where reviewers expect a satisfaction target; outside it, the band's edge.
  const number = value.number ?? 90;
  const fair = value.kind === 'numeric' && value.unit === '%' && number >= 80 && number < 100 ? value : parseValue(number >= 100 ? '≥98%' : '≥85%');
  return {
    name,
    value: fair,
    basis: '满意度调查问卷',
    rationale: `满意度参照同类项目${name !== candidate.indicator.name ? '，改为向服务对象调查' : ''}${fair.raw !== candidate.indicator.value.raw ? `，目标值调整为${fair.raw}` : ''}。`,
  };
}

function general(candidate: Candidate, facts: ProjectFacts): Fitted {
  const value = fairRate(parseValue(moveYears(candidate.indicator.value.raw, facts.year)));
  return {
    name: moveYears(candidate.indicator.name!, facts.year),
    value,
    basis: historyBasis(candidate),
    rationale: `参照最相近的同类项目${value.raw !== candidate.indicator.value.raw ? `，指标值调整为${value.raw}` : ''}。`,
  };
}

export function fitCandidate(candidate: Candidate, facts: ProjectFacts, context: { usedQuantities: Set<StatedQuantity>; costShare: number }): Fitted {
  switch (candidate.level2) {
    case '数量指标':
      return quantity(candidate, facts, context.usedQuantities);
    case '时效指标':
      return timeliness(candidate, facts);
    case '成本指标':
    case '经济成本指标':
      return cost(candidate, facts, context.costShare);
    case '服务对象满意度指标':
      return satisfaction(candidate, facts);
    default:
      return general(candidate, facts);
  }
}

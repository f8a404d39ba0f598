// A similar project's indicator made to fit the new project: its year, its budget, the
// quantities its purpose states, and values a reviewer accepts (rates at most 100%, deadlines in
// the year, satisfaction asked of those served). Each value says where it came from (指标值确定依据)
// in words that carry only the new project's year and numbers: a precedent's own year or amount in
// the basis would read as a mistake (YEAR_MISMATCH) or a figure the value does not have.
import { parseValue } from '../extract/values.ts';
import type { Value } from '../schemas/extraction.ts';
import type { DraftIndicator } from '../schemas/library.ts';
import { yearsWritten } from '../validate/years.ts';
import type { Candidate } from './candidates.ts';
import { STRONG } from './precedents.ts';
import { quantityName, type StatedQuantity } from './quantities.ts';

export type Fitted = Pick<DraftIndicator, 'name' | 'value' | 'basis' | 'rationale' | 'origin' | 'confidence' | 'check'> & { name: string };

export interface ProjectFacts {
  name: string;
  /** 万元; null when not known yet */
  budget: number | null;
  year: number;
  purpose: string | null;
  quantities: StatedQuantity[];
  /** what the project is about, from its name (subject.ts); null when its name says nothing more than 项目 */
  subject: string | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
export const amount = (value: number) => String(round2(value)).replace(/\.0+$/, '');
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

/** A precedent's name as a basis may cite it: without its year, number or code (2022年冻肉储备补贴 → 冻肉储备补贴). */
function citedName(name: string | null): string {
  const bare = (name ?? '')
    .replace(/^[\dA-Za-z-]{8,}-?/, '')
    .replace(/\d{4}(?:\s*[-—至~]\s*\d{4})?\s*年度?/g, '')
    .replace(/[（(][^）)]*\d[^）)]*[）)]/g, '')
    .replace(/\d+/g, '')
    .trim();
  return bare || '同类项目';
}

/** 历史标准: the precedent by name, without its year or figures. */
function historyBasis(candidate: Candidate): string {
  return `历史标准：参照同类项目“${citedName(candidate.from.library.project.name)}”的同类指标`;
}

/** 计划标准: the new project's own purpose or budget. */
function planBasis(facts: ProjectFacts, phrase?: string): string {
  if (phrase) return `计划标准：依据项目资金用途“${phrase}”`;
  return facts.budget === null ? `计划标准：依据${facts.year}年度实施计划` : `计划标准：依据项目预算${amount(facts.budget)}万元和${facts.year}年度实施计划`;
}

/** How sure a row drawn from a precedent is: as sure as the precedent is close. */
function fromPrecedent(candidate: Candidate, check: string | null = null): Pick<Fitted, 'origin' | 'confidence' | 'check'> {
  const weak = candidate.similarity < STRONG;
  const reasons = [weak ? `参照的项目相似度较低（${candidate.similarity.toFixed(2)}）` : null, check].filter(Boolean);
  return { origin: 'precedent', confidence: reasons.length > 0 ? 'low' : 'high', check: reasons.length > 0 ? reasons.join('；') : null };
}

/** A value that depends on a budget not known yet: left empty for the user, and said so. */
export function pendingBudget(name: string, rationale: string): Fitted {
  return { name, value: parseValue(''), basis: '计划标准：依据本项目预算（待定）', rationale, origin: 'template', confidence: 'low', check: '预算未定：确定预算后填写此值' };
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

/**
 * Units that count what a budget buys (people served, things bought or built, area, length): twice
 * the money buys about twice as many. Sessions, items of work and rates do not scale so.
 */
const BOUGHT = /^(万|千)?(人|人次|户|台|套|件|辆|座|所|处|亩|公顷|平方米|㎡|立方米|公里|千米|米|吨|头|只|株|棵|册|本|份|张|间|名|位|个)$/;

function quantity(candidate: Candidate, facts: ProjectFacts, used: Set<StatedQuantity>): Fitted {
  const value = candidate.indicator.value;
  const unit = value.kind === 'numeric' ? value.unit : null;
  const stated = facts.quantities.find((q) => !used.has(q) && q.measure === unit) ?? facts.quantities.find((q) => !used.has(q));
  const name = moveYears(candidate.indicator.name!, facts.year);
  if (stated) {
    used.add(stated);
    const sameMeasure = stated.measure === unit;
    return {
      name: sameMeasure ? name : quantityName(stated),
      value: parseValue(stated.raw),
      basis: planBasis(facts, stated.phrase),
      rationale: `数量取自本项目资金用途中写明的“${stated.phrase}”${sameMeasure ? '，指标名称参照同类项目' : ''}。`,
      ...(sameMeasure ? fromPrecedent(candidate) : { origin: 'request' as const, confidence: 'high' as const, check: null }),
    };
  }
  const sourceBudget = candidate.from.library.project.budget.total;
  if (value.kind === 'numeric' && value.number !== null && unit && BOUGHT.test(unit) && sourceBudget && sourceBudget > 0) {
    if (facts.budget === null) return { ...pendingBudget(name, `同类项目的数量随预算而定，预算确定后按同类项目的单位成本测算。`), origin: 'precedent' };
    const scaled = value.number * (facts.budget / sourceBudget);
    const written = scaled >= 10 ? String(Math.round(scaled)) : String(Math.max(1, Math.round(scaled * 10) / 10));
    const op = value.op && value.op !== '=' ? value.raw.match(/^[^\d]*/)?.[0] ?? '' : '';
    return {
      name,
      value: parseValue(`${op}${written}${unit}`),
      basis: `计划标准：按本项目预算${amount(facts.budget)}万元和同类项目的单位成本测算`,
      rationale: '资金用途未写明数量，按同类项目每万元完成的数量和本项目预算估算。',
      ...fromPrecedent(candidate, '数量按预算比例估算，请按实际核定'),
    };
  }
  return {
    name,
    value: parseValue(moveYears(value.raw, facts.year)),
    basis: historyBasis(candidate),
    rationale: '资金用途未写明数量，参照同类项目的数量目标，请按本项目实际核定。',
    ...fromPrecedent(candidate, '数量照搬同类项目，请按实际核定'),
  };
}

function timeliness(candidate: Candidate, facts: ProjectFacts): Fitted {
  const value = candidate.indicator.value;
  const name = moveYears(candidate.indicator.name!, facts.year);
  if (value.kind === 'date' || isRate(value)) {
    const moved = parseValue(moveYears(value.raw, facts.year));
    return { name, value: fairRate(moved), basis: historyBasis(candidate), rationale: `完成时限参照同类项目${moved.raw !== value.raw ? `，年份改为${facts.year}年` : ''}。`, ...fromPrecedent(candidate) };
  }
  return {
    name,
    value: parseValue(`${facts.year}年12月底前`),
    basis: planBasis(facts),
    rationale: `同类项目的时效值不是完成时限，改为预算年度内的完成时限。`,
    ...fromPrecedent(candidate),
  };
}

function cost(candidate: Candidate, facts: ProjectFacts, share: number): Fitted {
  const value = candidate.indicator.value;
  const name = moveYears(candidate.indicator.name!, facts.year);
  if (value.kind === 'numeric' && value.unit?.includes('/')) {
    return { name, value, basis: historyBasis(candidate), rationale: '单位成本参照同类项目的标准。', ...fromPrecedent(candidate, '单位成本照搬同类项目，请按本地标准核定') };
  }
  if (facts.budget === null) return { ...pendingBudget(name, '成本上限按本项目预算测算，预算确定后填写。'), origin: 'precedent' };
  const ceiling = inWan(value);
  const sourceBudget = candidate.from.library.project.budget.total;
  // The same share of the budget as in the source project, never more than this item's share of it.
  const part = ceiling !== null && sourceBudget && sourceBudget > 0 ? Math.min(share, ceiling / sourceBudget) : share;
  return {
    name,
    value: parseValue(`≤${ceilingAmount(part * facts.budget)}万元`),
    basis: `计划标准：按本项目预算${amount(facts.budget)}万元测算`,
    rationale: ceiling !== null ? '成本上限按同类项目该项成本占预算的比例，由本项目预算算出，不超过预算。' : '成本上限由本项目预算算出，不超过预算。',
    ...fromPrecedent(candidate),
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
    ...fromPrecedent(candidate),
  };
}

function general(candidate: Candidate, facts: ProjectFacts): Fitted {
  const value = fairRate(parseValue(moveYears(candidate.indicator.value.raw, facts.year)));
  return {
    name: moveYears(candidate.indicator.name!, facts.year),
    value,
    basis: historyBasis(candidate),
    rationale: `参照同类项目${value.raw !== candidate.indicator.value.raw ? `，指标值调整为${value.raw}` : ''}。`,
    ...fromPrecedent(candidate),
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

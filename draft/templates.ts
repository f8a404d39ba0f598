// Rows with no precedent behind them: the category's usual row for a kind of indicator
// (vocab/categories.ts), or the framework's when the category is not known, and the cost ceiling
// from the new project's own budget. Each is marked as a template, with no source, for a person to
// check; none carries a number the new project did not give.
import { parseValue } from '../extract/values.ts';
import type { CategoryGuess } from '../library/category.ts';
import { FRAMEWORK_ROWS, type CategoryRow } from '../vocab/categories.ts';
import type { Fitted, ProjectFacts } from './adapt.ts';
import { amount, pendingBudget } from './adapt.ts';
import { nameFor } from './subject.ts';

const SETTLED = new Set(['时效指标', '服务对象满意度指标']);

/** The category's row for a kind, else the framework's; null when neither has one. */
function usualRow(level2: string, guess: CategoryGuess | null): { row: CategoryRow; from: string } | null {
  const own = guess?.category.rows.find((row) => row.level2 === level2);
  if (own) return { row: own, from: `“${guess!.category.name}”类项目` };
  const framework = FRAMEWORK_ROWS.find((row) => row.level2 === level2);
  return framework ? { row: framework, from: '绩效指标框架' } : null;
}

export function templateRow(level2: string, guess: CategoryGuess | null, facts: ProjectFacts): Fitted | null {
  if (level2 === '成本指标') return costFromBudget(facts);
  const usual = usualRow(level2, guess);
  if (!usual) return null;
  const year = String(facts.year);
  // A deadline in the year and a survey of those served are what every table promises; the rest
  // says what this project does, which a template can only guess.
  const settled = SETTLED.has(level2);
  const value = parseValue(usual.row.value.replaceAll('{year}', year));
  return {
    name: nameFor(usual.row.name, facts.subject),
    value,
    basis: usual.row.basis,
    rationale: `库中没有足够相近的项目可参照，采用${usual.from}的常用指标${facts.subject && usual.row.name.includes('{') ? `，名称写明本项目的“${facts.subject}”` : ''}。`,
    origin: 'template',
    confidence: settled ? 'high' : 'low',
    check: settled ? null : value.kind === 'numeric' ? '模板指标：请按本项目实际核定名称和目标值' : '模板指标：请按本项目实际核定名称，并把目标值写成可衡量的数值或分级标准',
  };
}

/** The whole budget as the cost ceiling; without a budget, left for the user. */
export function costFromBudget(facts: ProjectFacts): Fitted {
  if (facts.budget === null) return pendingBudget('项目总成本', '成本上限取本项目预算，预算确定后填写。');
  return {
    name: '项目总成本',
    value: parseValue(`≤${amount(facts.budget)}万元`),
    basis: `计划标准：本项目预算${amount(facts.budget)}万元`,
    rationale: '成本上限为本项目预算。',
    origin: 'template',
    confidence: 'low',
    check: '成本上限等于预算：能分项或按单位成本写时更好',
  };
}

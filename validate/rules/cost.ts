// Cost and budget: ceilings against 预算数, the budget's own arithmetic, the spending plan, and
// money-out measures posing as results (review-rules.md, Cost and budget).
import type { Project } from '../../schemas/extraction.ts';
import { formatWan, moneyInWan } from '../money.ts';
import { unsureBudget, unsureValue, type Unsure } from '../ocr.ts';
import { isCost, isEffect, isOutput, isTimeliness } from '../levels.ts';
import { checkedRows, rowEn, rowHit, rowZh, tableHit, type Hit, type Rule } from '../rule.ts';
import { containsAny } from '../text.ts';

interface Ceiling {
  index: number;
  /** 万元 */
  amount: number;
  /** 人均 / 每吨 / 补贴标准: a price of one unit, not an item of the budget. */
  unitCost: boolean;
}

/** Cost rows stating a money amount (a ceiling ≤, or as written), in 万元; floors are COMPARATOR_DIRECTION's. */
function costCeilings(project: Project, unitCostWords: readonly string[]): Ceiling[] {
  return checkedRows(project).flatMap(({ indicator, index }) => {
    if (!isCost(indicator) || indicator.value.op === '>=' || indicator.value.op === '>') return [];
    const amount = moneyInWan(indicator.value);
    if (amount === null) return [];
    const unitCost = containsAny(indicator.name, unitCostWords) !== null || containsAny(indicator.description, unitCostWords) !== null;
    return [{ index, amount, unitCost }];
  });
}

/**
 * Item ceilings that add up. A row equal to the sum of two or more others is their total
 * (总成本≤60万元 over 40 and 20): then the total alone stands for them.
 */
function itemsToAdd(items: readonly Ceiling[], tolerance: number): Ceiling[] {
  const sum = items.reduce((total, item) => total + item.amount, 0);
  const totalRow = items.length >= 3 ? items.find((item) => Math.abs(item.amount - (sum - item.amount)) <= tolerance) : undefined;
  return totalRow ? [totalRow] : [...items];
}

export const costExceedsBudget: Rule = {
  code: 'COST_EXCEEDS_BUDGET',
  severity: 'error',
  title: '成本指标（或各分项成本之和）超过预算数',
  titleEn: 'A cost ceiling, or the sum of item ceilings, above 预算数',
  check: ({ project, config }) => {
    const budget = project.budget.total;
    if (budget === null) return [];
    // The budget and the ceilings compared with it may each be a misreading of a scan.
    const unsureTotal = unsureBudget(project, 'total', config);
    const ceilings = costCeilings(project, config.unitCostWords);
    const over = ceilings.filter(({ amount }) => amount > budget + config.moneyTolerance);
    if (over.length > 0) {
      return over.flatMap(({ index, amount }) => {
        const indicator = project.indicators[index];
        if (!indicator) return [];
        return [
          {
            ...rowHit(
              index,
              'value',
              `${rowZh(indicator, index)}的成本上限${formatWan(amount)}超过了项目预算数${formatWan(budget)}。`,
              `${rowEn(indicator, index)}: the cost ceiling ${formatWan(amount)} exceeds the budget ${formatWan(budget)}.`,
            ),
            unsure: unsureTotal ? [unsureTotal] : [],
          },
        ];
      });
    }
    const items = itemsToAdd(
      ceilings.filter(({ unitCost }) => !unitCost),
      config.moneyTolerance,
    );
    const sum = items.reduce((total, { amount }) => total + amount, 0);
    if (items.length < 2 || sum <= budget + config.moneyTolerance) return [];
    const rows = items.map(({ index }) => index + 1);
    const unsure: Unsure[] = [
      ...(unsureTotal ? [unsureTotal] : []),
      ...items.flatMap(({ index }) => {
        const indicator = project.indicators[index];
        const doubt = indicator ? unsureValue(indicator, index, config) : null;
        return doubt ? [doubt] : [];
      }),
    ];
    return [
      {
        ...tableHit(
          'indicators',
          `第${rows.join('、')}行各分项成本合计${formatWan(sum)}，超过了项目预算数${formatWan(budget)}。`,
          `The cost ceilings of rows ${rows.join(', ')} add up to ${formatWan(sum)}, above the budget ${formatWan(budget)}.`,
        ),
        unsure,
      },
    ];
  },
};

export const costRestatesBudget: Rule = {
  code: 'COST_RESTATES_BUDGET',
  severity: 'info',
  title: '唯一的成本指标等于预算总额',
  titleEn: 'The only cost indicator equals the whole budget',
  check: ({ project, config }) => {
    const budget = project.budget.total;
    const costRows = checkedRows(project).filter(({ indicator }) => isCost(indicator));
    const only = costRows.length === 1 ? costRows[0] : undefined;
    if (budget === null || only === undefined) return [];
    const amount = moneyInWan(only.indicator.value);
    if (amount === null || Math.abs(amount - budget) > config.moneyTolerance) return [];
    return [
      rowHit(
        only.index,
        'value',
        `${rowZh(only.indicator, only.index)}的成本“${only.indicator.value.raw}”只是重复了预算总额${formatWan(budget)}；建议改为单位成本（如每人、每次）或分项成本。`,
        `${rowEn(only.indicator, only.index)}: the only cost indicator (${only.indicator.value.raw}) restates the whole budget; give a unit or sub-item cost.`,
      ),
    ];
  },
};

export const budgetSumMismatch: Rule = {
  code: 'BUDGET_SUM_MISMATCH',
  severity: 'error',
  title: '财政资金与其他资金之和不等于预算数',
  titleEn: '财政资金 + 其他资金 ≠ 预算数',
  check: ({ project, config }) => {
    const { total, fiscal, other } = project.budget;
    if (total === null || (fiscal === null && other === null)) return [];
    const sum = (fiscal ?? 0) + (other ?? 0);
    if (Math.abs(sum - total) <= config.moneyTolerance) return [];
    // Any of the three may be a misreading of a scan.
    const unsure = (['total', 'fiscal', 'other'] as const).flatMap((field) => unsureBudget(project, field, config) ?? []);
    return [
      {
        ...tableHit(
          'budget',
          `财政资金${formatWan(fiscal ?? 0)}加其他资金${formatWan(other ?? 0)}为${formatWan(sum)}，与预算数${formatWan(total)}不符。`,
          `The budget does not add up: 财政资金 ${formatWan(fiscal ?? 0)} + 其他资金 ${formatWan(other ?? 0)} = ${formatWan(sum)}, not 预算数 ${formatWan(total)}.`,
        ),
        unsure,
      },
    ];
  },
};

export const spendingPlanInvalid: Rule = {
  code: 'SPENDING_PLAN_INVALID',
  severity: 'warning',
  title: '资金支出计划递减，或最后一期既不是100%也不是预算数',
  titleEn: '资金支出计划 decreases, or ends neither at 100% nor at 预算数',
  check: ({ project, config }) => {
    // The plan is cumulative: a blank period after a filled one spends nothing more.
    const filled = (project.spendingPlan ?? []).flatMap((entry) => (entry.value === null ? [] : [{ ...entry, value: entry.value }]));
    const last = filled.at(-1);
    if (last === undefined) return [];
    const hits: Hit[] = [];
    filled.forEach((entry, i) => {
      const previous = filled[i - 1];
      if (!previous || entry.value >= previous.value - config.moneyTolerance) return;
      hits.push(
        tableHit(
          'spendingPlan',
          `资金支出计划从${previous.period}的${previous.raw}降到${entry.period}的${entry.raw}；支出计划是累计数，不应减少。`,
          `The spending plan falls from ${previous.raw} (${previous.period}) to ${entry.raw} (${entry.period}); it is cumulative.`,
        ),
      );
    });
    const total = project.budget.total;
    const near = (target: number) => Math.abs(last.value - target) <= config.moneyTolerance;
    if (!near(100) && !(total !== null && near(total))) {
      const budget = total === null ? '' : formatWan(total);
      hits.push(
        tableHit(
          'spendingPlan',
          `资金支出计划最后一期（${last.period}）为${last.raw}，既不是100%，也不等于预算数${budget}。`,
          `The spending plan ends at ${last.raw} (${last.period}), neither 100% nor the budget${budget === '' ? '' : ' ' + budget}.`,
        ),
      );
    }
    return hits;
  },
};

export const inputAsResult: Rule = {
  code: 'INPUT_AS_RESULT',
  severity: 'warning',
  title: '产出或效益指标衡量的是资金投入（拨付金额、到位率、执行率），不是资金的成果',
  titleEn: 'An output or effect indicator that measures money going out',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      // 时效 may hold such rates (review-rules.md), and 成本 rows are money by nature.
      const result = (isOutput(indicator) && !isTimeliness(indicator) && !isCost(indicator)) || isEffect(indicator);
      const measure = result ? containsAny(indicator.name, config.inputMeasures) : null;
      if (!measure) return [];
      return [
        rowHit(
          index,
          'name',
          `${rowZh(indicator, index)}衡量的是资金投入（${measure}），不是资金取得的产出或效益；此类比率如需保留，应放在时效指标下。`,
          `${rowEn(indicator, index)} measures money going out (${measure}), not what the money achieves; such rates belong under 时效, if anywhere.`,
        ),
      ];
    }),
};

export const costRules: readonly Rule[] = [costExceedsBudget, costRestatesBudget, budgetSumMismatch, spendingPlanInvalid, inputAsResult];

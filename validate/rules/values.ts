// Values: what a reviewer reads in 指标值 (review-rules.md, Values).
import type { Indicator } from '../../schemas/extraction.ts';
import { isPercent } from '../money.ts';
import { isCost, isEffect, isSatisfaction, isTimeliness, level2Of } from '../levels.ts';
import { checkedRows, rowEn, rowHit, rowZh, tableHit, valueZh, type Hit, type Rule, type RuleContext } from '../rule.ts';
import { compareKey, containsAny, hasDigit } from '../text.ts';
import { yearsWritten } from '../years.ts';

/** Level 2s where more is better, besides every 效益 and 满意度 row. */
const MORE_IS_BETTER_LEVEL2: ReadonlySet<string> = new Set(['数量指标', '质量指标']);
const OP_WRITTEN: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const CEILING_OPS: ReadonlySet<string> = new Set(['<=', '<']);
const FLOOR_OPS: ReadonlySet<string> = new Set(['>=', '>']);

function isPlaceholder(raw: string, placeholders: readonly string[]): boolean {
  // ≥XX% is a placeholder too: the comparator and the percent sign are form, not content.
  const bare = raw.replace(/^[≥≤<>=＞＜＝≧≦]+/, '').replace(/[%％]$/, '').trim();
  return placeholders.some((word) => bare === word || (word.length >= 2 && raw.includes(word)));
}

export const valueMissing: Rule = {
  code: 'VALUE_MISSING',
  severity: 'error',
  title: '指标值为空、占位符或“不涉及”',
  titleEn: 'A blank or placeholder value, or a 不涉及 row',
  check: ({ project, config }) =>
    project.indicators.flatMap((indicator, index) => {
      const { value } = indicator;
      if (value.kind === 'empty') {
        return [rowHit(index, 'value', `${rowZh(indicator, index)}没有填写指标值。`, `${rowEn(indicator, index)} has no target value.`)];
      }
      if (value.kind === 'not_applicable') {
        // The name is often 不涉及 too, so the row is named by its level; `/` and `—` say the same.
        const where = `第${index + 1}行（${indicator.level2 ?? indicator.level1 ?? '未填级别'}）`;
        const written = value.raw || '不涉及';
        return [
          rowHit(
            index,
            'value',
            `${where}填写为“${written}”：不适用的指标应删除该行，或设置与项目相关的指标。`,
            `Row ${index + 1} (${indicator.level2 ?? indicator.level1 ?? 'no level'}) says "${written}" (not applicable): drop the row or set an indicator that fits the project.`,
          ),
        ];
      }
      if (value.kind === 'text' && isPlaceholder(value.raw, config.placeholders)) {
        return [rowHit(index, 'value', `${rowZh(indicator, index)}的指标值${valueZh(value)}是占位符，须填写实际目标值。`, `${rowEn(indicator, index)}: "${value.raw}" is a placeholder.`)];
      }
      return [];
    }),
};

/**
 * A value that says only that things will get better: vague words and fillers, and nothing else
 * but words of its own indicator name (企业设计创新能力得到提升 → 创新能力进一步提升).
 */
function isOnlyVague(raw: string, name: string | null, config: RuleContext['config']): boolean {
  let rest = raw;
  // Longest first, so 达到预期 goes before a shorter word could leave half of it.
  for (const word of [...config.vagueWords, ...config.vagueFillers].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  if (rest === raw) return false;
  const left = compareKey(rest);
  return left === '' || (left.length >= 2 && compareKey(name).includes(left));
}

export const valueVague: Rule = {
  code: 'VALUE_VAGUE',
  severity: 'warning',
  title: '指标值只有“明显”“显著”“提升”等定性词',
  titleEn: 'The value is only a qualitative word',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const { value } = indicator;
      // 时效 rows have their own rule (TIMELINESS_FORM): one finding per cell.
      if (value.kind !== 'text' || isTimeliness(indicator) || hasDigit(value.raw)) return [];
      if (!isOnlyVague(value.raw, indicator.name, config)) return [];
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}的指标值${valueZh(value)}过于笼统，无法考核；请改为可衡量的数值，或写明分级评价标准。`,
          `${rowEn(indicator, index)}: "${value.raw}" is only a qualitative word; give a number or graded criteria.`,
        ),
      ];
    }),
};

const BRACKETED_TAIL = /[（(]([^（()）]*)[)）]\s*$/u;

/** The name without trailing punctuation or a bracketed unit: 工作合格率（%） → 工作合格率. */
function bareName(name: string): string {
  return name.replace(BRACKETED_TAIL, '').replace(/[\s\p{P}]+$/u, '');
}

export const valueNotNumeric: Rule = {
  code: 'VALUE_NOT_NUMERIC',
  severity: 'warning',
  title: '指标名称要求数量，但指标值没有数字',
  titleEn: 'The name asks for a quantity but the value has no number',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const { value } = indicator;
      if (value.kind !== 'text' || hasDigit(value.raw) || !indicator.name) return [];
      const name = bareName(indicator.name);
      const ending = config.quantityNameEndings.find((word) => name.endsWith(word));
      if (!ending) return [];
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}以“${ending}”结尾，应填写数值，但指标值${valueZh(value)}没有数字。`,
          `${rowEn(indicator, index)} asks for a quantity (ends in ${ending}) but "${value.raw}" has no number.`,
        ),
      ];
    }),
};

/** A unit written in the name instead: 促成贸易成交额(亿元), 工作合格率（%）. */
function unitInName(name: string | null): boolean {
  const bracketed = name ? BRACKETED_TAIL.exec(name)?.[1]?.trim() : undefined;
  return bracketed !== undefined && bracketed !== '' && bracketed.length <= 8 && !hasDigit(bracketed);
}

export const unitMissing: Rule = {
  code: 'UNIT_MISSING',
  severity: 'warning',
  title: '数值没有计量单位',
  titleEn: 'A numeric value without a unit',
  check: ({ project }) =>
    checkedRows(project).flatMap(({ indicator, index }) =>
      indicator.value.kind === 'numeric' && indicator.value.unit === null && !unitInName(indicator.name)
        ? [rowHit(index, 'value', `${rowZh(indicator, index)}的指标值${valueZh(indicator.value)}没有计量单位（如%、人、次、万元）。`, `${rowEn(indicator, index)}: "${indicator.value.raw}" has no unit.`)]
        : [],
    ),
};

export const percentOver100: Rule = {
  code: 'PERCENT_OVER_100',
  severity: 'warning',
  title: '比率目标为≥100%或超过100%',
  titleEn: 'A rate targeted at ≥100%, >100% or above 100%',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const { value } = indicator;
      if (!isPercent(value) || value.number === null || containsAny(indicator.name, config.growthWords)) return [];
      // ≤120% caps a rate, it asks for nothing above 100%.
      if (value.op !== null && CEILING_OPS.has(value.op)) return [];
      if (value.number > 100 || (value.op === '>' && value.number >= 100)) {
        return [
          rowHit(
            index,
            'value',
            `${rowZh(indicator, index)}的目标${valueZh(value)}超过100%，比率最高只能是100%，无法实现；建议改为“=100%”或实际可达的比例。`,
            `${rowEn(indicator, index)} targets ${value.raw}: a rate cannot exceed 100%; write =100% or a reachable rate.`,
          ),
        ];
      }
      if (value.op !== '>=' || value.number < 100) return [];
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}的目标${valueZh(value)}：比率最高只能是100%，“≥100%”实际只能等于100%；建议写作“=100%”。`,
          `${rowEn(indicator, index)} targets ${value.raw}: a rate cannot exceed 100%, so write =100%.`,
        ),
      ];
    }),
};

/** Cost rows, and names with a harm word (事故, 投诉…) unless they measure less of it or it dealt with. */
function lessIsBetter(indicator: Indicator, config: RuleContext['config']): boolean {
  if (containsAny(indicator.name, config.harmReversalWords)) return false;
  return isCost(indicator) || containsAny(indicator.name, config.harmWords) !== null;
}

export const comparatorDirection: Rule = {
  code: 'COMPARATOR_DIRECTION',
  severity: 'warning',
  title: '计算符号方向不对：数量、质量、效益、满意度用了≤，或成本、事故、投诉用了≥',
  titleEn: 'A more-is-better indicator capped with ≤, or a cost or harm floored with ≥',
  check: ({ project, config }) =>
    checkedRows(project).flatMap(({ indicator, index }) => {
      const { op, raw } = indicator.value;
      // 时效 takes either: ≤3个工作日 (a limit) and ≥95% (a rate) are both right.
      if (indicator.value.kind !== 'numeric' || op === null || isTimeliness(indicator)) return [];
      const written = OP_WRITTEN[op] ?? op;
      if (lessIsBetter(indicator, config)) {
        if (!FLOOR_OPS.has(op)) return [];
        return [
          rowHit(
            index,
            'value',
            `${rowZh(indicator, index)}是成本或负面指标，越低越好，应使用“≤”，不应使用“${written}”（${raw}）。`,
            `${rowEn(indicator, index)} is a cost or harm indicator (less is better) floored with ${written} (${raw}); use ≤.`,
          ),
        ];
      }
      const moreIsBetter = MORE_IS_BETTER_LEVEL2.has(level2Of(indicator) ?? '') || isEffect(indicator) || isSatisfaction(indicator);
      if (!moreIsBetter || !CEILING_OPS.has(op)) return [];
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}是数量、质量、效益或满意度指标，越高越好，应使用“≥”或“=”，不应使用“${written}”（${raw}）。`,
          `${rowEn(indicator, index)} is a quantity, quality, effect or satisfaction indicator (more is better) capped with ${written} (${raw}); use ≥ or =.`,
        ),
      ];
    }),
};

const DAYS_PER_UNIT: Readonly<Record<string, number>> = { 分钟: 1 / 1440, 小时: 1 / 24, 天: 1, 日: 1, 工作日: 1, 个工作日: 1, 周: 7, 个月: 30, 月: 30 };

/** A turnaround limit: ≤3个工作日, 5天, ≤8小时 — shorter than the year itself (12个月 is the year). */
function isTurnaround(indicator: Indicator, turnaroundUnits: readonly string[]): boolean {
  const { op, number, unit } = indicator.value;
  if ((op !== null && FLOOR_OPS.has(op)) || number === null || unit === null || !turnaroundUnits.includes(unit)) return false;
  return number * (DAYS_PER_UNIT[unit] ?? 1) < 360;
}

function timelinessIsWellFormed(indicator: Indicator, context: RuleContext): boolean {
  const { value } = indicator;
  switch (value.kind) {
    case 'date':
      return containsAny(value.raw, context.config.wholeYearWords) === null;
    case 'numeric':
      return isPercent(value) || isTurnaround(indicator, context.config.turnaroundUnits);
    case 'text':
      return hasDigit(value.raw);
    default:
      return true; // blank, 不涉及 and 涉密 are VALUE_MISSING's or nobody's
  }
}

export const timelinessForm: Rule = {
  code: 'TIMELINESS_FORM',
  severity: 'warning',
  title: '时效指标不是完成时限、办理时限或及时率（如“1年”“全年”“及时”）',
  titleEn: 'A 时效 value that is neither a deadline, a turnaround limit nor a rate',
  check: (context) =>
    checkedRows(context.project).flatMap(({ indicator, index }) => {
      if (!isTimeliness(indicator) || timelinessIsWellFormed(indicator, context)) return [];
      const deadline = `${context.year === null ? '' : `${context.year}年`}12月底前`;
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}是时效指标，指标值${valueZh(indicator.value)}不是完成时限；请写明截止时间（如“${deadline}”）、办理时限（如“≤3个工作日”）或及时率（如“=100%”）。`,
          `${rowEn(indicator, index)} is a timeliness indicator but "${indicator.value.raw}" is neither a deadline (${deadline}), a turnaround limit (≤3个工作日) nor a rate (=100%).`,
        ),
      ];
    }),
};

export const timelinessOutOfYear: Rule = {
  code: 'TIMELINESS_OUT_OF_YEAR',
  severity: 'warning',
  title: '完成时限不在预算年度内',
  titleEn: 'A deadline outside the budget year',
  check: ({ project, year, config }) => {
    if (year === null) return [];
    return checkedRows(project).flatMap(({ indicator, index }) => {
      const { value } = indicator;
      if (!isTimeliness(indicator) || value.kind !== 'date') return [];
      const outside = yearsWritten(value.raw).some((found) => found.year !== year) || containsAny(value.raw, config.otherYearWords) !== null;
      if (!outside) return [];
      return [
        rowHit(
          index,
          'value',
          `${rowZh(indicator, index)}的完成时限${valueZh(value)}不在预算年度${year}年内。`,
          `${rowEn(indicator, index)}: the deadline "${value.raw}" lies outside the budget year ${year}.`,
        ),
      ];
    });
  },
};

/** Years in a text other than the budget year, leaving out history values (2024实际支出) and baselines (较2025年). */
function strayYears(text: string | null, year: number, config: RuleContext['config']): number[] {
  if (!text) return [];
  const stray = yearsWritten(text).filter((found) => {
    if (found.year === year) return false;
    if (found.year > year) return true;
    const after = text.slice(found.end).replace(/^年度?/, '');
    const before = text.slice(0, found.at);
    return !config.historyWords.some((word) => after.startsWith(word)) && !config.baselineWords.some((word) => before.endsWith(word));
  });
  return [...new Set(stray.map((found) => found.year))];
}

const FIELD_ZH: Readonly<Record<string, string>> = { name: '指标名称', value: '指标值', basis: '指标值确定依据' };
const yearList = (years: readonly number[]) => years.map((y) => `${y}年`).join('、');

export const yearMismatch: Rule = {
  code: 'YEAR_MISMATCH',
  severity: 'warning',
  title: '项目名称、指标名称、指标值或依据中的年份与预算年度不一致',
  titleEn: 'A year in a name, value or basis differs from the budget year',
  check: ({ project, year, config }) => {
    if (year === null) return [];
    const hits: Hit[] = [];
    // The heading and 项目名称 usually carry the same year: one finding for the table.
    const tableYears = [...new Set([project.title, project.name].flatMap((text) => strayYears(text, year, config)))];
    if (tableYears.length > 0) {
      hits.push(
        tableHit(
          strayYears(project.name, year, config).length > 0 ? 'name' : 'title',
          `本表的标题或项目名称写的是${yearList(tableYears)}，与预算年度${year}年不一致。`,
          `The heading or 项目名称 names ${tableYears.join(', ')}, not the budget year ${year}.`,
        ),
      );
    }
    // The same cell text on several rows (a basis copied down the table) is one finding, on its first row.
    const groups = new Map<string, { field: string; text: string; years: number[]; rows: number[] }>();
    for (const { indicator, index } of checkedRows(project)) {
      const cells: Array<[string, string | null]> = [['name', indicator.name], ['basis', indicator.basis]];
      // A deadline's year is TIMELINESS_OUT_OF_YEAR's to report.
      if (!(isTimeliness(indicator) && indicator.value.kind === 'date')) cells.push(['value', indicator.value.raw]);
      for (const [field, text] of cells) {
        const years = strayYears(text, year, config);
        if (text === null || years.length === 0) continue;
        const key = `${field}\u0000${text}`;
        const group = groups.get(key) ?? { field, text, years, rows: [] };
        group.rows.push(index);
        groups.set(key, group);
      }
    }
    for (const { field, text, years, rows } of groups.values()) {
      const [first] = rows;
      if (first === undefined) continue;
      const rowsZh = `第${rows.map((row) => row + 1).join('、')}行`;
      const rowsEn = `${rows.length === 1 ? 'row' : 'rows'} ${rows.map((row) => row + 1).join(', ')}`;
      hits.push(
        rowHit(
          first,
          field,
          `${rowsZh}的${FIELD_ZH[field] ?? field}“${text}”写的是${yearList(years)}，与预算年度${year}年不一致。`,
          `${rowsEn}: the ${field} "${text}" names ${years.join(', ')}, not the budget year ${year}.`,
        ),
      );
    }
    return hits;
  },
};

export const valueRules: readonly Rule[] = [
  valueMissing,
  valueVague,
  valueNotNumeric,
  unitMissing,
  percentOver100,
  comparatorDirection,
  timelinessForm,
  timelinessOutOfYear,
  yearMismatch,
];

// Indicators written as prose (绩效指标：机关办公用房面积3957平方米、房屋质量达标率100%…).
import type { Indicator } from '../schemas/extraction.ts';
import { FRAMEWORK_LEVEL1, LEVEL2_PARENT } from '../vocab/levels.ts';
import { canonicalLevel1, canonicalLevel2, isCanonicalLevel2 } from '../vocab/canonical-levels.ts';
import { normalizeText } from './normalize.ts';
import { COMPARATORS_LONGEST_FIRST } from '../vocab/comparators.ts';
import { MEASURE_WORDS } from '../vocab/units.ts';
import { NUMBER_SOURCE, parseValue } from './values.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const MEASURE = `(?:万|亿)?(?:${[...MEASURE_WORDS].sort((a, b) => b.length - a.length).map(escape).join('|')})`;
const UNIT = `(?:[%％‰]|${MEASURE}(?:(?:/|每)${MEASURE})?)`;
const OP = COMPARATORS_LONGEST_FIRST.map(({ word }) => escape(word)).join('|');
const TRAILING_VALUE = new RegExp(`(?:${OP})?\\s*(?:${NUMBER_SOURCE})\\s*${UNIT}$`, 'u');

const LEVEL_LABEL = /^(?:[（(][0-9０-９一二三四五六七八九十]+[）)]|[0-9０-９]+[.、．])?\s*([^：:，,；;。]{2,12}?)[：:]/u;

/** Splits at ，,；;。 and at 、 when the text since the last split holds a digit. */
export function splitClauses(text: string): string[] {
  const clauses: string[] = [];
  let current = '';
  for (const char of text) {
    const hardStop = '，,；;。'.includes(char);
    const softStop = char === '、' && /[0-9０-９]/.test(current);
    if (hardStop || softStop) {
      clauses.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  clauses.push(current);
  return clauses.map((clause) => clause.trim()).filter((clause) => clause !== '');
}

/** A `数量指标：` / `（1）产出指标：` prefix: the levels it sets and the clause after it. */
function levelLabelOf(clause: string): { level1: string; level2: string | null; rest: string } | null {
  const match = LEVEL_LABEL.exec(clause);
  if (!match?.[1]) return null;
  const label = match[1];
  const level2 = canonicalLevel2(label);
  if (isCanonicalLevel2(level2) && label !== '满意度指标' && label !== '满意度') {
    return { level1: LEVEL2_PARENT[level2] ?? '', level2, rest: clause.slice(match[0].length) };
  }
  const level1 = canonicalLevel1(label);
  if ((FRAMEWORK_LEVEL1 as readonly string[]).includes(level1)) return { level1, level2: null, rest: clause.slice(match[0].length) };
  return null;
}

export function readProseIndicators(indicatorText: string): Indicator[] {
  const indicators: Indicator[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  for (const rawClause of splitClauses(indicatorText)) {
    let clause = rawClause;
    const label = levelLabelOf(clause);
    if (label) {
      level1 = label.level1;
      level2 = label.level2;
      clause = label.rest;
    }
    const match = TRAILING_VALUE.exec(clause);
    if (!match) continue;
    const name = normalizeText(clause.slice(0, match.index));
    indicators.push({
      level1,
      level2,
      name: name === '' ? null : name,
      description: null,
      value: parseValue(match[0]),
      basis: null,
      remark: null,
      fundingLine: null,
    });
  }
  return indicators;
}

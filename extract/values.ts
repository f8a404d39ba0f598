// Parses 指标值 cells into the contract's Value: kind, comparator, number and unit.
import type { Comparator, Value } from '../schemas/extraction.ts';
import { normalizeText } from './normalize.ts';

/** Comparator spellings; matched longest first. */
export const COMPARATOR_WORDS: Record<Comparator, readonly string[]> = {
  '>=': ['≥', '≧', '>=', '＞＝', '不低于', '不少于', '大于等于', '大于或等于'],
  '<=': ['≤', '≦', '<=', '＜＝', '不高于', '不超过', '不多于', '小于等于', '小于或等于'],
  '>': ['>', '＞', '大于', '高于', '超过', '多于'],
  '<': ['<', '＜', '小于', '低于', '少于'],
  '=': ['=', '＝', '═', '等于'],
};

export const COMPARATORS_LONGEST_FIRST: ReadonlyArray<{ word: string; op: Comparator }> = Object.entries(
  COMPARATOR_WORDS,
)
  .flatMap(([op, words]) => words.map((word) => ({ word, op: op as Comparator })))
  .sort((a, b) => b.word.length - a.word.length);

export const NOT_APPLICABLE_WORDS: readonly string[] = ['不涉及', '无', '不适用', '/', '-', '—', '–'];

// A digit run is tried only from its first digit (the lookbehind): unanchored, `[0-9]+月` retried
// from every digit of a long run without 月, which is quadratic (found by the fuzzer: a cell of
// 50,000 zeros took 8 s). Whatever matches inside a run also matches from its start.
const DATE_PATTERNS: readonly RegExp[] = [/(?<![0-9０-９])[0-9０-９]+年[0-9０-９]+月/, /(?<![0-9０-９])[0-9０-９]+月/, /年底|年末|季度|上半年|下半年|全年|月底/];

const DIGIT = '[0-9０-９]';
// One number: thousands commas, a decimal point, a minus only at its start.
export const NUMBER_SOURCE = `-?${DIGIT}{1,3}(?:[,，]${DIGIT}{3})+(?:[.．]${DIGIT}+)?|-?${DIGIT}+(?:[.．]${DIGIT}+)?`;
const NUMERIC = new RegExp(`^(${NUMBER_SOURCE})\\s*([^0-9０-９]{0,8}?)\\s*$`, 'u');

export function toNumber(written: string): number {
  const ascii = written.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，]/g, '');
  return Number(ascii);
}

export function matchComparator(text: string): { op: Comparator; rest: string } | null {
  for (const { word, op } of COMPARATORS_LONGEST_FIRST) {
    if (text.startsWith(word)) return { op, rest: text.slice(word.length) };
  }
  return null;
}

function qualitative(raw: string, kind: Value['kind']): Value {
  return { raw, kind, op: null, number: null, unit: null };
}

/** Reads `[op] number [unit]`, or null when the text is not of that shape. */
export function parseNumeric(raw: string): Pick<Value, 'op' | 'number' | 'unit'> | null {
  const comparator = matchComparator(raw);
  const rest = (comparator ? comparator.rest : raw).trimStart();
  const match = NUMERIC.exec(rest);
  if (!match) return null;
  const number = toNumber(match[1] ?? '');
  // A run of more than ~309 digits reads as Infinity, which JSON and the contract cannot carry
  // (found by the fuzzer: a cell of 50,000 full-width nines); no amount or target is that large,
  // so such a cell is text, not a number.
  if (!Number.isFinite(number)) return null;
  const unit = (match[2] ?? '').trim();
  return { op: comparator?.op ?? null, number, unit: unit === '' ? null : unit };
}

export function parseValue(cell: string): Value {
  const raw = normalizeText(cell);
  if (raw.includes('涉密')) return qualitative(raw, 'classified');
  if (NOT_APPLICABLE_WORDS.includes(raw)) return qualitative(raw, 'not_applicable');
  if (raw === '') return qualitative(raw, 'empty');
  if (DATE_PATTERNS.some((pattern) => pattern.test(raw))) return qualitative(raw, 'date');
  const numeric = parseNumeric(raw);
  if (numeric) return { raw, kind: 'numeric', ...numeric };
  return qualitative(raw, 'text');
}

// Parses 指标值 cells into the contract's Value: kind, comparator, number and unit.
import type { Comparator, Value } from '../schemas/extraction.ts';
import { COMPARATORS_LONGEST_FIRST, SUFFIXES_LONGEST_FIRST } from '../vocab/comparators.ts';
import { normalizeText } from './normalize.ts';

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

/** A comparator written after the value (`90%及以上`, `3天以内`): the unit without it, and its op. */
function splitSuffix(unit: string): { unit: string; op: Comparator | null } {
  for (const { word, op } of SUFFIXES_LONGEST_FIRST) {
    if (unit.endsWith(word)) return { unit: unit.slice(0, -word.length).trim(), op };
  }
  return { unit, op: null };
}

/** Reads `[op] number [unit][suffix]`, or null when the text is not of that shape. */
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
  const suffixed = splitSuffix((match[2] ?? '').trim());
  return { op: comparator?.op ?? suffixed.op, number, unit: suffixed.unit === '' ? null : suffixed.unit };
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

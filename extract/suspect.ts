// A target whose comparator looks lost in conversion or OCR: `290%` for a rate (≥ read as 2),
// `^80%`, `$90%`, `工5%`, `二100百分比`. Kept as written, never repaired; the reader is told.
import type { Value } from '../schemas/extraction.ts';
import { DAMAGED_COMPARATOR_MARKS } from '../vocab/comparators.ts';

const RATE_UNITS = new Set(['%', '％', '百分比']);

export function suspectComparator(value: Value): string | null {
  const raw = value.raw;
  // OCR often leaves a space after the damaged mark (`^ 90%`).
  const mark = DAMAGED_COMPARATOR_MARKS.find((candidate) => raw.startsWith(candidate) && /^\s*\d/.test(raw.slice(candidate.length)));
  if (mark) return `指标值“${raw}”开头的“${mark}”疑为比较符号（≥/≤）识别错误，已按原文保留，请核对: the value may have lost its comparator`;
  if (value.kind === 'numeric' && value.op === null && value.number !== null && value.unit !== null && RATE_UNITS.has(value.unit)) {
    const digits = String(value.number);
    const rest = Number(digits.slice(1));
    // The rest must read as a rate of its own: 290% → ≥90%, but 200% is no ≥00%.
    if (value.number > 100 && /^2[1-9]/.test(digits) && digits.length >= 3 && rest <= 100) {
      return `指标值“${raw}”超过100%，疑为“≥${digits.slice(1)}%”中的≥被识别为“2”，已按原文保留，请核对: a rate over 100% whose leading 2 may be a lost ≥`;
    }
  }
  return null;
}

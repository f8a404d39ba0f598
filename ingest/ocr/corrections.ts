// Fixes for OCR confusions that matter in 指标值 cells (comparators, digits, percent), applied only
// where the reading is unambiguous. Each rule is data: a name, what it finds, what it writes, and
// the reason it cannot be wrong. Anything less certain is left for a person to see.

export interface Correction {
  name: string;
  why: string;
  apply: (text: string) => string;
}

const FULL_WIDTH_DIGIT = /[０-９]/g;
const toAscii = (char: string) => String.fromCharCode(char.charCodeAt(0) - 0xfee0);

/**
 * Letters the recogniser reads for digits of the same shape. S→5, B→8 and D→0 are left out: 5S管理
 * and 3D打印 are real values.
 */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1', Z: '2', z: '2' };
const LOOKALIKE = 'OoIl\\|Zz';

/**
 * A whole cell that is a value: an optional comparator, one number (digits, look-alike letters, at
 * most one decimal point) and an optional percent sign or short Chinese unit such as 人, 万元, 次.
 */
const VALUE_CELL = new RegExp(`^([≥≤><=＞＜＝]{0,2}\\s*)([0-9${LOOKALIKE}]+(?:\\.[0-9${LOOKALIKE}]+)?)(\\s*(?:%|‰|[\\u4e00-\\u9fff]{1,4})?)$`);

export const CORRECTIONS: readonly Correction[] = [
  {
    name: 'full-width digits and percent',
    why: 'full-width and ASCII digits are the same characters to a reader; the extractor parses ASCII',
    apply: (text) => text.replace(FULL_WIDTH_DIGIT, toAscii).replace(/％/g, '%'),
  },
  {
    name: 'two-character comparators',
    why: '>= and ＞＝ are how ≥ comes out when its two strokes are read apart; the forms write ≥ and ≤',
    apply: (text) => text.replace(/[>＞]\s*[=＝]\s*/g, '≥').replace(/[<＜]\s*[=＝]\s*/g, '≤'),
  },
  {
    name: 'decimal point read as a full stop',
    why: 'a 。 or ． between two digits is a decimal point; Chinese never ends a sentence inside a number',
    apply: (text) => text.replace(/(?<=[0-9])[。．·](?=[0-9])/g, '.'),
  },
  {
    name: 'look-alike letters inside a number',
    why: 'in a cell that is nothing but a number with a unit, a letter among digits can only be a misread digit (1O0% → 100%)',
    apply: (text) => {
      const match = VALUE_CELL.exec(text);
      if (!match) return text;
      const [, prefix = '', number = '', suffix = ''] = match;
      if (!/[0-9]/.test(number)) return text;
      return prefix + number.replace(/[OoIlZz|]/g, (char) => DIGIT_LOOKALIKES[char] ?? char) + suffix;
    },
  },
];

export function correctText(text: string): string {
  return CORRECTIONS.reduce((current, correction) => correction.apply(current), text.trim());
}

/** What ≥ and ≤ are read as when the recogniser gets them wrong. */
const COMPARATOR_MISREADINGS = new Set(['2', 'z', 'Z', '>', '＞', '<', '＜', 'S', 's', '$', '＄', '≥', '≤', '=', '＝']);

/**
 * Puts back a ≥ or ≤ that the glyph check (comparator-glyph.ts) saw at the start of a line.
 * `firstIsGlyph` says the first character read lies on that glyph, so it is the comparator misread
 * (295% → ≥95%); otherwise the recogniser skipped the glyph and the comparator is added (2万元 →
 * ≤2万元). Only a line that is a number after the comparator is touched.
 */
export function withLeadingComparator(text: string, comparator: '≥' | '≤', firstIsGlyph: boolean): string {
  if (text.startsWith(comparator)) return text;
  if (firstIsGlyph) {
    return COMPARATOR_MISREADINGS.has(text.charAt(0)) && COMPARED_VALUE.test(text.slice(1)) ? comparator + text.slice(1) : text;
  }
  return COMPARED_VALUE.test(text) ? comparator + text : text;
}

/**
 * What follows a ≥/≤: a number and a short unit (95%, 10次, 60万元, 2万元/年). A glyph seen before
 * anything longer (2026年度海关办公经费) was a 2 after all.
 */
const COMPARED_VALUE = /^[0-9][0-9.,]*\s*[^0-9\s]{0,4}$/;

/**
 * Two readings of one line (from differently cut crops) that differ only in whether it starts with
 * ≥/≤: where one reads the comparator and the other a known misreading of it (≤60 and $60, ≥10
 * and 210) or nothing (≤60 and 60), the recogniser did see a comparator there, and both get it.
 */
export function agreeOnComparator(texts: readonly string[]): string[] {
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const withComparator = texts.map(squeeze).find((text) => /^[≥≤][0-9]/.test(text));
  if (!withComparator) return [...texts];
  const rest = withComparator.slice(1);
  return texts.map((text) => {
    const squeezed = squeeze(text);
    if (squeezed === rest || (COMPARATOR_MISREADINGS.has(squeezed.charAt(0)) && squeezed.slice(1) === rest)) return withComparator;
    return text;
  });
}

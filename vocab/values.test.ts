import { describe, expect, it } from 'vitest';
import { NOT_APPLICABLE_WORDS, parseValue } from '../extract/values.ts';
import { COMPARATORS_LONGEST_FIRST } from './comparators.ts';
import { UNIT_WORDS_LONGEST_FIRST } from './units.ts';
import { QUALITATIVE_VALUES } from './values.ts';

describe('QUALITATIVE_VALUES', () => {
  it('holds the contract examples of text values', () => {
    expect(QUALITATIVE_VALUES).toEqual(expect.arrayContaining(['显著提升', '及时', '明显', '正增长', '进一步保障']));
  });

  it('lists each word once', () => {
    expect(new Set(QUALITATIVE_VALUES).size).toBe(QUALITATIVE_VALUES.length);
  });

  it('holds only whole values the contract parses as text, or as not applicable', () => {
    // 无 is a whole value too (it ends a run-together value), but the contract makes it not_applicable.
    for (const word of QUALITATIVE_VALUES) {
      const expected = NOT_APPLICABLE_WORDS.includes(word) ? 'not_applicable' : 'text';
      expect(parseValue(word).kind, word).toBe(expected);
    }
    expect(parseValue('无').kind).toBe('not_applicable');
  });

  it('overlaps no unit or comparator, so a value boundary is never ambiguous', () => {
    // `≥90%` and `10次` must end where the unit ends, not at a qualitative word.
    for (const word of QUALITATIVE_VALUES) {
      expect(word).not.toMatch(/[0-9０-９]/);
      expect(UNIT_WORDS_LONGEST_FIRST, word).not.toContain(word);
      expect(COMPARATORS_LONGEST_FIRST.some(({ word: comparator }) => word.startsWith(comparator)), word).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  COMPARATOR_SUFFIXES,
  COMPARATOR_WORDS,
  COMPARATORS_LONGEST_FIRST,
  DAMAGED_COMPARATOR_MARKS,
  SUFFIXES_LONGEST_FIRST,
  VALUE_TYPE_WORDS,
  type ComparatorOp,
} from './comparators.ts';

/** The op a reader takes for text that starts with a comparator: the first match, longest first. */
const leadingOp = (text: string): ComparatorOp | undefined => COMPARATORS_LONGEST_FIRST.find(({ word }) => text.startsWith(word))?.op;
const trailingOp = (text: string): ComparatorOp | undefined => SUFFIXES_LONGEST_FIRST.find(({ word }) => text.endsWith(word))?.op;

describe('COMPARATOR_WORDS', () => {
  it('is the contract op table', () => {
    expect(COMPARATOR_WORDS).toEqual({
      '>=': ['≥', '≧', '>=', '＞＝', '不低于', '不少于', '大于等于', '大于或等于'],
      '<=': ['≤', '≦', '<=', '＜＝', '不高于', '不超过', '不多于', '小于等于', '小于或等于'],
      '>': ['>', '＞', '大于', '高于', '超过', '多于'],
      '<': ['<', '＜', '小于', '低于', '少于'],
      '=': ['=', '＝', '═', '﹦', '等于'],
    });
  });

  it('is the contract suffix table', () => {
    expect(COMPARATOR_SUFFIXES).toEqual({ '>=': ['及以上', '以上'], '<=': ['及以下', '以下', '以内'] });
  });
});

describe('longest-first lists', () => {
  it('hold every spelling once, with its op, ordered by length', () => {
    const flat = Object.entries(COMPARATOR_WORDS).flatMap(([op, words]) => words.map((word) => `${op} ${word}`));
    expect(COMPARATORS_LONGEST_FIRST.map(({ op, word }) => `${op} ${word}`).sort()).toEqual(flat.sort());
    for (const list of [COMPARATORS_LONGEST_FIRST, SUFFIXES_LONGEST_FIRST]) {
      for (let i = 1; i < list.length; i++) expect(list[i - 1]?.word.length ?? 0).toBeGreaterThanOrEqual(list[i]?.word.length ?? 0);
    }
  });

  it.each([
    // A shorter spelling is a prefix of a longer one with another op: the longer must win.
    ['>=90%', '>='],
    ['＞＝5家', '>='],
    ['大于或等于95%', '>='],
    ['大于等于95%', '>='],
    ['大于2%', '>'],
    ['<=60万元', '<='],
    ['小于或等于3天', '<='],
    ['不超过60万元', '<='],
    ['超过3家', '>'],
    ['不少于10次', '>='],
    ['少于5起', '<'],
    ['﹦100%', '='],
  ] as const)('reads %s as %s', (text, op) => expect(leadingOp(text)).toBe(op));

  it.each([
    ['90%及以上', '>='],
    ['90%以上', '>='],
    ['5人及以下', '<='],
    ['3天以内', '<='],
  ] as const)('reads the suffix of %s as %s', (text, op) => expect(trailingOp(text)).toBe(op));

  it('tries 及以上 before 以上, so the suffix is cut whole from the unit', () => {
    expect(SUFFIXES_LONGEST_FIRST.find(({ word }) => '90%及以上'.endsWith(word))?.word).toBe('及以上');
    expect(SUFFIXES_LONGEST_FIRST.find(({ word }) => '5人及以下'.endsWith(word))?.word).toBe('及以下');
  });
});

describe('DAMAGED_COMPARATOR_MARKS', () => {
  it('names what a lost ≥ or ≤ turns into, none of it a comparator or a digit', () => {
    expect(DAMAGED_COMPARATOR_MARKS).toEqual(expect.arrayContaining(['^', '$']));
    for (const mark of DAMAGED_COMPARATOR_MARKS) {
      expect(leadingOp(mark), mark).toBeUndefined();
      expect(mark).not.toMatch(/[0-9０-９]/);
    }
  });
});

describe('VALUE_TYPE_WORDS', () => {
  it('lists target types and directions, none of them a comparator', () => {
    expect(VALUE_TYPE_WORDS).toEqual(expect.arrayContaining(['定量', '定性', '正向', '反向']));
    for (const word of VALUE_TYPE_WORDS) expect(leadingOp(word), word).toBeUndefined();
  });
});

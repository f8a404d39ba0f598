import { describe, expect, it } from 'vitest';
import { MEASURE_WORDS, OTHER_UNITS, UNIT_PREFIXES, UNIT_WORDS_LONGEST_FIRST } from './units.ts';

describe('MEASURE_WORDS', () => {
  it('is the contract list of measure words, in its order', () => {
    const contract =
      '元, 人, 人次, 个, 家, 次, 场, 期, 份, 册, 条, 项, 吨, 头, 只, 公斤, 千克, 斤, 平方米, ㎡, 立方米, 亩, 公顷, 公里, 千米, 米, 天, 日, 周, 月, 个月, 年, 小时, 台, 套, 辆, 户, 所, 批, 篇, 件, 本, 张, 间, 处, 座, 棵, 株, 位, 名, 班, 课时, 学时';
    expect(MEASURE_WORDS).toEqual(contract.split(', '));
  });
});

describe('OTHER_UNITS and UNIT_PREFIXES', () => {
  it('hold the contract percent signs and the 万/亿 multipliers', () => {
    // The contract's prose units: % (or ％), ‰, a measure word optionally after 万 or 亿.
    expect(OTHER_UNITS).toEqual(expect.arrayContaining(['%', '％', '‰']));
    expect(UNIT_PREFIXES).toEqual(expect.arrayContaining(['万', '亿']));
  });
});

describe('UNIT_WORDS_LONGEST_FIRST', () => {
  it('holds every unit once, longest first', () => {
    expect(new Set(UNIT_WORDS_LONGEST_FIRST).size).toBe(UNIT_WORDS_LONGEST_FIRST.length);
    for (let i = 1; i < UNIT_WORDS_LONGEST_FIRST.length; i++) {
      expect(UNIT_WORDS_LONGEST_FIRST[i - 1]?.length ?? 0).toBeGreaterThanOrEqual(UNIT_WORDS_LONGEST_FIRST[i]?.length ?? 0);
    }
    for (const word of [...MEASURE_WORDS, ...OTHER_UNITS]) expect(UNIT_WORDS_LONGEST_FIRST, word).toContain(word);
  });

  it('holds the prefixed forms of Chinese units', () => {
    for (const word of ['万元', '亿元', '万人', '万人次', '万亩', '千克', '万个工作日']) expect(UNIT_WORDS_LONGEST_FIRST, word).toContain(word);
    // 万元 must be found before 元, or `60万元` would end at 万.
    expect(UNIT_WORDS_LONGEST_FIRST.indexOf('万元')).toBeLessThan(UNIT_WORDS_LONGEST_FIRST.indexOf('元'));
  });

  it('prefixes no symbol or Latin abbreviation', () => {
    for (const word of ['万%', '万％', '万km', '亿kg', '万m²']) expect(UNIT_WORDS_LONGEST_FIRST).not.toContain(word);
  });

  it('holds only units the contract would read as a unit: no digit, at most 8 characters', () => {
    for (const word of UNIT_WORDS_LONGEST_FIRST) {
      expect(word).not.toMatch(/[0-9０-９]/);
      expect(word.length, word).toBeLessThanOrEqual(8);
      expect(word.length, word).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { COMPARATOR_WORDS } from '../vocab/comparators.ts';
import { parseValue } from './values.ts';

const cases: Array<[string, string, string | null, number | null, string | null]> = [
  // raw, kind, op, number, unit
  ['≥95%', 'numeric', '>=', 95, '%'],
  ['≥10次', 'numeric', '>=', 10, '次'],
  ['≤60万元', 'numeric', '<=', 60, '万元'],
  ['≤12.22万元/年', 'numeric', '<=', 12.22, '万元/年'],
  ['≥843.77万元', 'numeric', '>=', 843.77, '万元'],
  ['350万吨', 'numeric', null, 350, '万吨'],
  ['100%', 'numeric', null, 100, '%'],
  ['1个', 'numeric', null, 1, '个'],
  ['8人', 'numeric', null, 8, '人'],
  ['3957㎡', 'numeric', null, 3957, '㎡'],
  ['=1000元/吨', 'numeric', '=', 1000, '元/吨'],
  ['≥735人次', 'numeric', '>=', 735, '人次'],
  ['≥95 %', 'numeric', '>=', 95, '%'],
  ['1,000元', 'numeric', null, 1000, '元'],
  ['１２３个', 'numeric', null, 123, '个'],
  ['-5%', 'numeric', null, -5, '%'],
  ['0次', 'numeric', null, 0, '次'],
  ['100', 'numeric', null, 100, null],
  ['1年', 'numeric', null, 1, '年'],
  ['12个月', 'numeric', null, 12, '个月'],
  ['≤1年', 'numeric', '<=', 1, '年'],
  ['≥8小时', 'numeric', '>=', 8, '小时'],
  ['12月底', 'date', null, null, null],
  ['12月底前', 'date', null, null, null],
  ['2026年12月底', 'date', null, null, null],
  ['2026年6月30日前', 'date', null, null, null],
  ['2026年全年', 'date', null, null, null],
  ['年底前', 'date', null, null, null],
  ['年末', 'date', null, null, null],
  ['第三季度', 'date', null, null, null],
  ['上半年', 'date', null, null, null],
  ['下半年', 'date', null, null, null],
  ['涉密', 'classified', null, null, null],
  ['该项涉密', 'classified', null, null, null],
  ['不涉及', 'not_applicable', null, null, null],
  ['无', 'not_applicable', null, null, null],
  ['不适用', 'not_applicable', null, null, null],
  ['/', 'not_applicable', null, null, null],
  ['-', 'not_applicable', null, null, null],
  ['—', 'not_applicable', null, null, null],
  ['–', 'not_applicable', null, null, null],
  ['', 'empty', null, null, null],
  ['  ', 'empty', null, null, null],
  ['显著提升', 'text', null, null, null],
  ['及时', 'text', null, null, null],
  ['明显', 'text', null, null, null],
  ['正增长', 'text', null, null, null],
  ['进一步保障', 'text', null, null, null],
  ['2023-2025', 'text', null, null, null],
  ['≥100个以上的各类重点项目', 'text', null, null, null],
  ['≥100个以上的各类项目', 'numeric', '>=', 100, '个以上的各类项目'],
];

describe('parseValue', () => {
  it.each(cases)('%s → %s %s %s %s', (raw, kind, op, number, unit) => {
    const value = parseValue(raw);
    expect(value).toEqual({ raw: raw.trim(), kind, op, number, unit });
  });

  const comparatorCases = Object.entries(COMPARATOR_WORDS).flatMap(([op, words]) => words.map((word) => [word, op] as const));
  it.each(comparatorCases)('comparator %s is %s', (word, op) => {
    expect(parseValue(`${word}90%`)).toMatchObject({ kind: 'numeric', op, number: 90, unit: '%' });
    expect(parseValue(`${word} 90 %`)).toMatchObject({ kind: 'numeric', op, number: 90, unit: '%' });
  });

  it('keeps raw normalised but reads the unit trimmed', () => {
    expect(parseValue(' ≥ 95 % ')).toEqual({ raw: '≥ 95 %', kind: 'numeric', op: '>=', number: 95, unit: '%' });
  });

  it('rejects a unit longer than eight characters or holding a digit', () => {
    expect(parseValue('5个重点项目及其配套工程建设').kind).toBe('text');
    expect(parseValue('5个2期').kind).toBe('text');
  });
});

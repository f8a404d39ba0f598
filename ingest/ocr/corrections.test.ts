import { describe, expect, it } from 'vitest';
import { agreeOnComparator, CORRECTIONS, correctText, withLeadingComparator } from './corrections.ts';

const rule = (name: string) => {
  const found = CORRECTIONS.find((correction) => correction.name === name);
  if (!found) throw new Error(`no correction named ${name}`);
  return found.apply;
};

describe('corrections', () => {
  it('full-width digits and percent become ASCII', () => {
    const apply = rule('full-width digits and percent');
    expect(apply('≥９５％')).toBe('≥95%');
    expect(apply('１２月底')).toBe('12月底');
    expect(apply('满意度')).toBe('满意度');
  });

  it('two-character comparators become ≥ and ≤', () => {
    const apply = rule('two-character comparators');
    expect(apply('>=95%')).toBe('≥95%');
    expect(apply('＞＝90%')).toBe('≥90%');
    expect(apply('<= 60万元')).toBe('≤60万元');
    expect(apply('＜＝8万元')).toBe('≤8万元');
    expect(apply('>95%')).toBe('>95%');
  });

  it('a decimal point read as a full stop between digits becomes a point', () => {
    const apply = rule('decimal point read as a full stop');
    expect(apply('2。50')).toBe('2.50');
    expect(apply('≥99．5%')).toBe('≥99.5%');
    expect(apply('完成。')).toBe('完成。');
  });

  it('look-alike letters inside a number become digits only in a value cell', () => {
    const apply = rule('look-alike letters inside a number');
    expect(apply('1O0%')).toBe('100%');
    expect(apply('≥9O%')).toBe('≥90%');
    expect(apply('≤Z0万元')).toBe('≤20万元');
    expect(apply('l2月底')).toBe('12月底');
    expect(apply('1|0人')).toBe('110人');
    // Not values, or real letters: untouched.
    expect(apply('ISO9001认证')).toBe('ISO9001认证');
    expect(apply('5S管理')).toBe('5S管理');
    expect(apply('3D打印')).toBe('3D打印');
    expect(apply('Zl')).toBe('Zl');
    expect(apply('O')).toBe('O');
  });

  it('correctText applies them all in order and trims', () => {
    expect(correctText(' ＞＝９O％ ')).toBe('≥90%');
    expect(correctText('2。5O')).toBe('2.50');
    expect(correctText('群众满意度')).toBe('群众满意度');
  });
});

describe('withLeadingComparator', () => {
  it('replaces the character read from the comparator glyph', () => {
    expect(withLeadingComparator('295%', '≥', true)).toBe('≥95%');
    expect(withLeadingComparator('S8万元', '≤', true)).toBe('≤8万元');
    expect(withLeadingComparator('>98%', '≥', true)).toBe('≥98%');
  });

  it('adds the comparator the recogniser skipped', () => {
    expect(withLeadingComparator('2万元', '≤', false)).toBe('≤2万元');
    expect(withLeadingComparator('25%', '≥', false)).toBe('≥25%');
  });

  it('leaves text that already has it, or that is no number after it', () => {
    expect(withLeadingComparator('≥95%', '≥', true)).toBe('≥95%');
    expect(withLeadingComparator('2万元', '≥', true)).toBe('2万元');
    expect(withLeadingComparator('及时', '≥', false)).toBe('及时');
  });

  it('leaves a 2 that starts a date, a code or a name, whatever the glyph check said', () => {
    expect(withLeadingComparator('2026年度海关办公经费', '≥', true)).toBe('2026年度海关办公经费');
    expect(withLeadingComparator('2026年实际工作计划', '≥', true)).toBe('2026年实际工作计划');
    expect(withLeadingComparator('$60万元', '≤', true)).toBe('≤60万元');
  });
});

describe('agreeOnComparator', () => {
  it('gives both readings the comparator one of them read, where the other has a misreading of it or nothing', () => {
    expect(agreeOnComparator(['$60万元', '≤60万元'])).toEqual(['≤60万元', '≤60万元']);
    expect(agreeOnComparator(['≥10次', '210次'])).toEqual(['≥10次', '≥10次']);
    expect(agreeOnComparator(['60万元', '≤60 万元'])).toEqual(['≤60万元', '≤60万元']);
  });

  it('changes nothing when no reading has a comparator, or the rest differs', () => {
    expect(agreeOnComparator(['2500人次', '2500 人次'])).toEqual(['2500人次', '2500 人次']);
    expect(agreeOnComparator(['≥95%', '298%'])).toEqual(['≥95%', '298%']);
  });
});

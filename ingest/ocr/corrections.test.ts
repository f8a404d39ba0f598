import { describe, expect, it } from 'vitest';
import { CORRECTIONS, correctText, withLeadingComparator } from './corrections.ts';

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
});

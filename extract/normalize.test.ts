import { describe, expect, it } from 'vitest';
import { normalizeOptional, normalizeText, stripNumbering } from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['1.  机关', '1.机关'],
    ['李艳军 2154350', '李艳军2154350'],
    ['≥95 %', '≥95 %'],
    ['  trimmed\t', 'trimmed'],
    ['经济效益\n指标', '经济效益指标'],
    ['人员经费  （1311.12万元）', '人员经费（1311.12万元）'],
    ['其中：财政    资金', '其中：财政资金'],
    ['a \t\n b', 'a b'],
    ['full\u3000width', 'full width'],
    ['宽\u3000字', '宽字'],
    ['nb\u00a0sp', 'nb sp'],
    ['“一带一路” 建设', '“一带一路”建设'],
    ['A · B', 'A·B'],
    ['㎡ stays', '㎡ stays'],
    ['（全角）', '（全角）'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('unquotes a spreadsheet cell once', () => {
    expect(normalizeText('"保障人员工资发放的及时，工作顺利开展\t\t\n"\t\t')).toBe('保障人员工资发放的及时，工作顺利开展');
    expect(normalizeText('"他说""好"""')).toBe('他说"好"');
    expect(normalizeText('"a" and "b"')).toBe('a" and "b');
  });

  it('turns an empty optional field into null', () => {
    expect(normalizeOptional(' \u3000 ')).toBeNull();
    expect(normalizeOptional(null)).toBeNull();
    expect(normalizeOptional(' x ')).toBe('x');
  });
});

describe('stripNumbering', () => {
  it.each([
    ['1.维护相关设备', '维护相关设备'],
    ['1、保障', '保障'],
    ['1..保障', '保障'],
    ['1.1.保障', '保障'],
    ['1.1..保障…', '保障…'],
    ['（1）保障', '保障'],
    ['(1)保障', '保障'],
    ['一、保障', '保障'],
    ['目标1保障', '保障'],
    ['目标1：保障', '保障'],
    ['2026年度保障', '2026年度保障'],
    ['12345热线', '12345热线'],
  ])('%s → %s', (input, expected) => {
    expect(stripNumbering(input)).toBe(expected);
  });
});

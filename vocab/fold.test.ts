import { describe, expect, it } from 'vitest';
import { fold, labelFold, squeeze, withoutInsertedPinyin } from './fold.ts';

describe('squeeze', () => {
  it('removes every kind of whitespace a wrapped cell carries', () => {
    // Line breaks, tabs, NBSP and the full-width space U+3000 all occur inside level cells.
    expect(squeeze('经济效益\n指标')).toBe('经济效益指标');
    expect(squeeze(' 服务对象\t满意度\u00A0指标\u3000')).toBe('服务对象满意度指标');
    expect(squeeze('一级\r\n 指标')).toBe('一级指标');
  });
});

describe('withoutInsertedPinyin', () => {
  it('drops pinyin a web converter put after a character, in ASCII or full-width brackets', () => {
    // As in the Yunnan self-evaluation form republished in traditional characters (fixture r11).
    expect(withoutInsertedPinyin('指標(biāo)性質(zhì)')).toBe('指標性質');
    expect(withoutInsertedPinyin('項（xiàng）目')).toBe('項目');
  });

  it('keeps bracketed notes that are not pinyin', () => {
    // A unit note or a score is content, and brackets after a digit are never inserted pinyin.
    expect(withoutInsertedPinyin('年度资金总额(万元)')).toBe('年度资金总额(万元)');
    expect(withoutInsertedPinyin('产出指标(50分)')).toBe('产出指标(50分)');
    expect(withoutInsertedPinyin('2023(abc)')).toBe('2023(abc)');
  });
});

describe('fold', () => {
  it('simplifies traditional labels', () => {
    expect(fold('績效指標')).toBe('绩效指标');
    expect(fold('數量指標')).toBe('数量指标');
    expect(fold('服務對象滿意度指標')).toBe('服务对象满意度指标');
    expect(fold('年度資金總額')).toBe('年度资金总额');
  });

  it('drops inserted pinyin before simplifying, so converted labels reach the vocabulary', () => {
    expect(fold('實(shí)際完成值')).toBe('实际完成值');
    expect(fold('項(xiàng)目名稱')).toBe('项目名称');
    expect(fold('一級 指標(biāo)')).toBe('一级指标');
  });

  it('turns full-width letters, digits and brackets into ASCII (NFKC) and removes whitespace', () => {
    expect(fold('ＡＢＣ１２３（万元）')).toBe('ABC123(万元)');
    expect(fold('年度 总体\n目标')).toBe('年度总体目标');
  });

  it('leaves simplified text as it is', () => {
    expect(fold('经济效益指标')).toBe('经济效益指标');
    expect(fold('≥95%')).toBe('≥95%');
  });

  it('is idempotent: a key folds to itself', () => {
    for (const text of ['績效指標', '指標(biāo)值', '＊三级指标：', '单位：万元']) expect(fold(fold(text))).toBe(fold(text));
  });

  it('only squeezes a long text: it is prose, not vocabulary', () => {
    // Over 80 characters the converter is skipped, as documented.
    const long = `${'说明'.repeat(40)}績效 指標`;
    expect(fold(long)).toBe(`${'说明'.repeat(40)}績效指標`);
  });

  // Labels whose every traditional character is a common one, not only the grid's words, still
  // reach the converter (备注 → remark column, 部门名称 → the document's unit; 主管部門 is written
  // so in fixture r11).
  it('folds traditional labels of the form: 備註, 部門名稱, 主管部門, 聯繫電話, 負責人', () => {
    expect(['備註', '部門名稱', '主管部門', '聯繫電話', '負責人'].map(fold)).toEqual(['备注', '部门名称', '主管部门', '联系电话', '负责人']);
  });
});

describe('labelFold', () => {
  it('drops a leading required-mark and a trailing colon', () => {
    expect(labelFold('＊三级指标：')).toBe('三级指标');
    expect(labelFold('★项目名称:')).toBe('项目名称');
    expect(labelFold('※指标值')).toBe('指标值');
  });

  it('keeps a colon inside the label', () => {
    // 其中：财政资金 is one label; only the colon that ends it is decoration.
    expect(labelFold('其中：财政资金')).toBe('其中:财政资金');
  });
});

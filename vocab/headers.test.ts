import { describe, expect, it } from 'vitest';
import { HEADER_SURFACES, headerMatch, type GridField } from './headers.ts';

const fieldOf = (label: string): GridField | undefined => headerMatch(label)?.field;

describe('headerMatch', () => {
  it.each([
    // The contract's value column and its annual synonyms.
    ['指标值', 'value'],
    ['指标值及单位', 'value'],
    ['年度指标值', 'value'],
    ['目标值', 'value'],
    ['全年指标值', 'value'],
    ['当年预期实现值', 'value'],
    // 三级指标 (指标名称 / 指标内容 in other forms).
    ['三级指标', 'name'],
    ['指标名称', 'name'],
    ['指标内容', 'name'],
    // 绩效指标描述 / 指标解释 / 指标说明.
    ['绩效指标描述', 'description'],
    ['指标解释', 'description'],
    ['指标说明', 'description'],
    ['指标值确定依据', 'basis'],
    ['绩效标准', 'basis'],
    ['备注', 'remark'],
    // A reviewer's column (审核表, an exported form): read as a column, kept out of the contract.
    ['审核意见', 'review'],
    ['财政审核意见', 'review'],
    ['评审意见', 'review'],
    ['项目名称及金额', 'fundingLine'],
    ['一级指标', 'level1'],
    ['二级指标', 'level2'],
  ] as const)('%s → %s', (label, field) => expect(fieldOf(label)).toBe(field));

  it('reads the split columns 计算符号 / 指标值 / 计量单位 as comparator, value, unit', () => {
    // The contract joins these three cells into value.raw, so each must be told apart.
    expect(fieldOf('计算符号')).toBe('comparator');
    expect(fieldOf('指标性质')).toBe('comparator');
    expect(fieldOf('目标值')).toBe('value');
    expect(fieldOf('度量单位')).toBe('unit');
    expect(fieldOf('计量单位')).toBe('unit');
    // 定量/定性 says the type of the target, not its comparator.
    expect(fieldOf('指标值类型')).toBe('valueType');
  });

  it('reads the self-evaluation columns', () => {
    expect(fieldOf('实际完成值')).toBe('actual');
    expect(fieldOf('全年实际值')).toBe('actual');
    expect(fieldOf('实际实现值')).toBe('actual');
    expect(fieldOf('分值')).toBe('weight');
    expect(fieldOf('权重')).toBe('weight');
    expect(fieldOf('得分')).toBe('score');
    expect(fieldOf('自评得分')).toBe('score');
    expect(fieldOf('偏差原因分析及改进措施')).toBe('deviation');
    expect(fieldOf('偏差原因')).toBe('deviation');
    expect(fieldOf('未完成原因')).toBe('deviation');
    expect(fieldOf('未完成原因及改进措施')).toBe('deviation');
  });

  it('reads history columns as previous, not as the target or the actual', () => {
    expect(fieldOf('上年指标值')).toBe('previous');
    expect(fieldOf('上年实际值')).toBe('previous');
    expect(fieldOf('前年指标值')).toBe('previous');
    expect(fieldOf('2021年实际实现值')).toBe('previous');
  });

  it('tells a mid-term or long-term target from the annual one', () => {
    // The contract's value is the annual target when both stand side by side.
    for (const label of ['中期指标值', '中期目标值', '实施期指标值', '长期目标值']) expect(fieldOf(label)).toBe('midValue');
    expect(fieldOf('年度指标值')).toBe('value');
  });

  it('sees through decorations: required marks, colons, wrapped lines, notes and scores', () => {
    expect(fieldOf('＊指标值：')).toBe('value');
    expect(fieldOf('一级\n指标')).toBe('level1');
    expect(fieldOf('指标值（%）')).toBe('value');
    expect(fieldOf('二级指标(30分)')).toBe('level2');
    expect(fieldOf('分值（10分）')).toBe('weight');
    expect(headerMatch('绩效指标(90分)')).toEqual({ field: 'caption', weight: 0.6 });
  });

  it('reads traditional labels with inserted pinyin (fixture r11)', () => {
    expect(fieldOf('一級 指標(biāo)')).toBe('level1');
    expect(fieldOf('三級指標(biāo)')).toBe('name');
    expect(fieldOf('指標(biāo)性質(zhì)')).toBe('comparator');
    expect(fieldOf('年度指標(biāo)值')).toBe('value');
    expect(fieldOf('實(shí)際完成值')).toBe('actual');
  });

  it('weighs an explicit label above a vague one', () => {
    // 单位 alone may be a unit-name cell; 计量单位 can only be the unit column.
    expect(headerMatch('计量单位')?.weight).toBe(1);
    expect(headerMatch('单位')?.weight).toBeLessThan(1);
    expect(headerMatch('一级')?.weight).toBeLessThan(headerMatch('一级指标')?.weight ?? 0);
    expect(headerMatch('预算数')?.weight).toBeLessThan(1);
  });

  it('returns null for cells that are indicator content, not labels', () => {
    for (const cell of ['开展业务次数', '≥10次', '满意度', '项目验收合格率', '产出指标', '依据实际工作开展情况', '', '   ']) {
      expect(headerMatch(cell)).toBeNull();
    }
    // Anything longer than a label is prose.
    expect(headerMatch('指标值'.repeat(9))).toBeNull();
  });

  // 绩效目标表 of the traditional-character web republications write 備註.
  it('reads traditional 備註 as remark', () => {
    expect(headerMatch('備註')?.field).toBe('remark');
  });
});

describe('HEADER_SURFACES', () => {
  it('lists labels run together, each one recognised as a header', () => {
    expect(HEADER_SURFACES).toEqual(expect.arrayContaining(['指标值及单位', '年度指标值', '实际完成值', '全年实际值', '偏差原因分析及改进措施', '未完成原因', '中期指标值']));
    for (const surface of HEADER_SURFACES) {
      expect(surface).not.toMatch(/\s/);
      expect(headerMatch(surface), surface).not.toBeNull();
    }
  });
});

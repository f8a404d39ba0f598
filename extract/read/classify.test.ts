import { describe, expect, it } from 'vitest';
import { classify, levelReading } from './classify.ts';

describe('levelReading', () => {
  it('tells the framework level1 names from the level2 names', () => {
    expect(levelReading('产出指标')).toEqual({ as1: true, as2: false, known: true });
    expect(levelReading('效益指标')).toEqual({ as1: true, as2: false, known: true });
    expect(levelReading('数量指标')).toEqual({ as1: false, as2: true, known: true });
    expect(levelReading('服务对象满意度指标')).toEqual({ as1: false, as2: true, known: true });
  });

  it('lets names that are both (成本指标, 满意度指标) stand in either level column', () => {
    // The MoF 2021 template makes 成本指标 a level1; older forms keep it under 产出指标.
    expect(levelReading('成本指标')).toEqual({ as1: true, as2: true, known: true });
    expect(levelReading('满意度指标')).toEqual({ as1: true, as2: true, known: true });
  });

  it('reads short forms, older names and decorated names as known levels', () => {
    expect(levelReading('经济效益')).toMatchObject({ as2: true, known: true });
    expect(levelReading('可持续性影响')).toMatchObject({ as2: true, known: true });
    expect(levelReading('效果指标')).toMatchObject({ as1: true, known: true });
    // The pre-2018 投入/产出/效果 scheme and the 2013 evaluation framework, kept as written.
    expect(levelReading('投入指标')).toEqual({ as1: true, as2: false, known: true });
    expect(levelReading('项目决策')).toEqual({ as1: true, as2: false, known: true });
    expect(levelReading('数量目标')).toEqual({ as1: false, as2: true, known: true });
    // A score, a note or a section number around the name is seen through.
    expect(levelReading('产出指标(50分)')).toMatchObject({ as1: true, known: true });
    expect(levelReading('数量指标(必填)')).toMatchObject({ as2: true, known: true });
    expect(levelReading('一、产出指标')).toMatchObject({ as1: true, known: true });
  });

  it('takes an unknown but level-shaped name as a level of no known scheme', () => {
    expect(levelReading('政策效益指标')).toEqual({ as1: true, as2: true, known: false });
    // Ends in 效益 without 指标: an older level2 name, never a level1.
    expect(levelReading('政策效益')).toEqual({ as1: false, as2: true, known: false });
  });

  it('is not fooled by header labels, numbered names or indicator names', () => {
    // 一级指标 / 二级指标 end in 指标 but are column labels.
    expect(levelReading('一级指标')).toBeNull();
    expect(levelReading('二级指标')).toBeNull();
    expect(levelReading('2023年度目标')).toBeNull();
    expect(levelReading('开展业务次数')).toBeNull();
    expect(levelReading('群众满意度')).toBeNull();
    expect(levelReading('')).toBeNull();
  });
});

describe('classify', () => {
  it('treats empty cells and bare pipes as blank, with nothing else read into them', () => {
    for (const text of ['', '   ', '|', '||']) {
      const cell = classify(text);
      expect(cell.blank, text).toBe(true);
      expect(cell.level, text).toBeNull();
      expect(cell.header, text).toBeNull();
      expect(cell.field, text).toBeNull();
    }
  });

  it('reads a level cell written in traditional characters or wrapped over lines', () => {
    // The key is folded: 產出指標 is 产出指标, and 经济效益\n指标 one name.
    expect(classify('產出指標').level).toEqual({ as1: true, as2: false, known: true });
    const wrapped = classify('经济效益\n指标');
    expect(wrapped.level).toMatchObject({ as2: true, known: true });
    expect(wrapped.length).toBe(6);
  });

  it('knows header labels and form-field labels by the field they stand for', () => {
    expect(classify('三级指标').header?.field).toBe('name');
    expect(classify('指标值').header?.field).toBe('value');
    expect(classify('年度指标值').header?.field).toBe('value');
    expect(classify('指标值确定依据').header?.field).toBe('basis');
    expect(classify('实际完成值').header?.field).toBe('actual');
    expect(classify('分值').header?.field).toBe('weight');
    expect(classify('得分').header?.field).toBe('score');
    expect(classify('项目名称').field?.field).toBe('name');
    expect(classify('预算单位').field?.field).toBe('unit');
    // An indicator name is neither.
    expect(classify('开展业务次数').header).toBeNull();
    expect(classify('开展业务次数').field).toBeNull();
  });

  it('takes targets as values by their shape', () => {
    const target = classify('≥95%');
    expect(target.valueShaped).toBe(true);
    expect(target.value).toMatchObject({ kind: 'numeric', op: '>=', number: 95, unit: '%' });
    expect(target.ideographs).toBe(0);
    expect(classify('12月底').valueShaped).toBe(true);
    expect(classify('2024年11月底前').valueShaped).toBe(true);
    expect(classify('不涉及').valueShaped).toBe(true);
    expect(classify('涉密').value.kind).toBe('classified');
    expect(classify('涉密').valueShaped).toBe(true);
    expect(classify('群众满意度').valueShaped).toBe(false);
    expect(classify('群众满意度').ideographs).toBe(5);
  });

  it('does not take a sentence that only mentions 全年 for a date target', () => {
    const sentence = classify('全年组织开展群众文化活动，丰富群众精神文化生活');
    expect(sentence.value.kind).toBe('date');
    expect(sentence.valueShaped).toBe(false);
  });

  it('still takes a target whose comparator a scan turned into a mark as a value', () => {
    for (const damaged of ['工5%', '^80%', '$90%']) {
      const cell = classify(damaged);
      expect(cell.value.kind, damaged).not.toBe('numeric');
      expect(cell.valueShaped, damaged).toBe(true);
    }
  });

  it('tells comparators, target types and units written alone', () => {
    expect(classify('≥').comparatorOnly).toBe(true);
    expect(classify('不低于').comparatorOnly).toBe(true);
    expect(classify('≥95%').comparatorOnly).toBe(false);
    expect(classify('定量').valueType).toBe(true);
    expect(classify('正向指标').valueType).toBe(true);
    expect(classify('≥').valueType).toBe(false);
    expect(classify('人次').unitOnly).toBe(true);
    expect(classify('万元').unitOnly).toBe(true);
    expect(classify('%').unitOnly).toBe(true);
    expect(classify('培训人次').unitOnly).toBe(false);
  });

  it('takes a bare number up to 100 (or N分) as a score, nothing else', () => {
    for (const text of ['10', '8.5', '10.00', '0', '100', '5分']) expect(classify(text).score, text).toBe(true);
    // A comparator, a unit other than 分, or more than a full score is a target, not a score.
    for (const text of ['≥10', '10个', '95%', '120', '不涉及', '-5']) expect(classify(text).score, text).toBe(false);
  });

  it('recognises explanations, qualitative targets, captions and row ordinals', () => {
    expect(classify('反映开展业务的次数').explanation).toBe(true);
    expect(classify('该指标用于考核资金拨付进度').explanation).toBe(true);
    expect(classify('开展业务次数').explanation).toBe(false);
    expect(classify('显著提升').qualitative).toBe(true);
    expect(classify('及时').qualitative).toBe(true);
    expect(classify('≥95%').qualitative).toBe(false);
    expect(classify('绩效指标').caption).toBe(true);
    // A full-width bracket folds to the same caption.
    expect(classify('绩效指标（30分）').caption).toBe(true);
    expect(classify('一级指标').caption).toBe(false);
    expect(classify('目标1').ordinal).toBe(true);
    expect(classify('指标2：').ordinal).toBe(true);
    expect(classify('目标123').ordinal).toBe(false);
  });

  it('marks the rows that close a grid and the debris of sharing sites', () => {
    expect(classify('合计').gridEnd).toBe(true);
    expect(classify('填表人：张三').gridEnd).toBe(true);
    expect(classify('审核意见').gridEnd).toBe(true);
    expect(classify('合格率').gridEnd).toBe(false);
    expect(classify('上传人：admin').debris).toBe(true);
    expect(classify('浏览次数：128').debris).toBe(true);
    expect(classify('群众满意度').debris).toBe(false);
  });
});

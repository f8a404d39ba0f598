import { describe, expect, it } from 'vitest';
import { squeeze } from './fold.ts';
import {
  CANONICAL_LEVEL1,
  FRAMEWORK_LEVEL1,
  LEVEL1_ALIASES,
  LEVEL2_ALIASES,
  LEVEL2_PARENT,
  LEVEL_HEADS,
  LEVEL_SUFFIXES,
  OTHER_LEVEL1,
  OTHER_LEVEL2,
  undecoratedLevel,
} from './levels.ts';

describe('canonical framework', () => {
  it('is the contract table: three level1s and their level2s', () => {
    expect([...CANONICAL_LEVEL1]).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(LEVEL2_PARENT).toEqual({
      数量指标: '产出指标',
      质量指标: '产出指标',
      时效指标: '产出指标',
      成本指标: '产出指标',
      经济成本指标: '产出指标',
      社会成本指标: '产出指标',
      生态环境成本指标: '产出指标',
      经济效益指标: '效益指标',
      社会效益指标: '效益指标',
      生态效益指标: '效益指标',
      可持续影响指标: '效益指标',
      服务对象满意度指标: '满意度指标',
    });
  });

  it('accepts 成本指标 as a level1 beside the canonical three (财预〔2021〕101号)', () => {
    expect([...FRAMEWORK_LEVEL1]).toEqual([...CANONICAL_LEVEL1, '成本指标']);
  });
});

describe('aliases', () => {
  it('completes every level2 alias to a canonical level2 that has a parent', () => {
    for (const [alias, target] of Object.entries(LEVEL2_ALIASES)) {
      expect(LEVEL2_PARENT[target], `${alias} → ${target}`).toBeDefined();
      expect(CANONICAL_LEVEL1).toContain(LEVEL2_PARENT[target]);
    }
  });

  it('completes every level1 alias to a framework level1', () => {
    for (const target of Object.values(LEVEL1_ALIASES)) expect(FRAMEWORK_LEVEL1).toContain(target);
  });

  it('holds the contract short forms', () => {
    expect(LEVEL1_ALIASES['效果指标']).toBe('效益指标');
    expect(LEVEL2_ALIASES['经济效益']).toBe('经济效益指标');
    for (const form of ['可持续性影响', '可持续影响', '可持续性影响指标']) expect(LEVEL2_ALIASES[form], form).toBe('可持续影响指标');
    // 满意度 in the level2 column means the one canonical satisfaction level2.
    for (const form of ['服务对象满意度', '满意度', '满意度指标']) expect(LEVEL2_ALIASES[form], form).toBe('服务对象满意度指标');
  });

  it('keys aliases as the matcher sees them: squeezed and undecorated', () => {
    for (const key of [...Object.keys(LEVEL1_ALIASES), ...Object.keys(LEVEL2_ALIASES), ...Object.keys(LEVEL2_PARENT)]) {
      expect(squeeze(key)).toBe(key);
      expect(undecoratedLevel(key)).toBe(key);
    }
  });

  it('keeps names of other schemes out of the aliases, so they stay as written', () => {
    // The contract: a level2 not in the table is kept as written (环境效益指标 is not 生态效益指标).
    for (const name of ['环境效益指标', '社会公众或服务对象满意度指标', '数量目标', '项目决策']) {
      expect(LEVEL2_ALIASES[name], name).toBeUndefined();
      expect(LEVEL1_ALIASES[name], name).toBeUndefined();
    }
    expect(OTHER_LEVEL2).toEqual(expect.arrayContaining(['环境效益指标', '社会公众或服务对象满意度指标']));
    for (const name of OTHER_LEVEL1) expect(LEVEL1_ALIASES[name], name).toBeUndefined();
  });
});

describe('undecoratedLevel', () => {
  it.each([
    ['产出指标(50分)', '产出指标'],
    ['产出指标（50分）', '产出指标'],
    ['数量指标(必填)', '数量指标'],
    ['数量指标（必填）', '数量指标'],
    ['效益指标(选填)', '效益指标'],
    ['成本指标(0-20)分', '成本指标'],
    // The opening bracket lost in conversion.
    ['效益指标30分)', '效益指标'],
    ['满意度指标（10分）', '满意度指标'],
  ])('drops the score or note of %s', (cell, expected) => expect(undecoratedLevel(cell)).toBe(expected));

  it.each([
    ['1、产出指标', '产出指标'],
    ['1.产出指标', '产出指标'],
    ['一、产出指标', '产出指标'],
  ])('drops the section number of %s', (cell, expected) => expect(undecoratedLevel(cell)).toBe(expected));

  it('leaves plain names, and digits that are not a score, alone', () => {
    expect(undecoratedLevel('经济效益指标')).toBe('经济效益指标');
    expect(undecoratedLevel('数量指标1')).toBe('数量指标1');
    expect(undecoratedLevel('2023年')).toBe('2023年');
  });
});

describe('level shape patterns', () => {
  it('tells level-like cells from indicator names', () => {
    expect(LEVEL_SUFFIXES.test('数量目标')).toBe(true);
    expect(LEVEL_SUFFIXES.test('经济效益指标')).toBe(true);
    expect(LEVEL_SUFFIXES.test('开展业务次数')).toBe(false);
    // Older forms write level2 without 指标.
    expect(LEVEL_HEADS.test('社会效益')).toBe(true);
    expect(LEVEL_HEADS.test('可持续性影响')).toBe(true);
    expect(LEVEL_HEADS.test('项目验收合格率')).toBe(false);
  });
});

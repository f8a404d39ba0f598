import { describe, expect, it } from 'vitest';
import { LEVEL2_PARENT } from './levels.ts';
import { canonicalLevel1, canonicalLevel2, canonicalLevels } from './canonical-levels.ts';

describe('levels', () => {
  it.each([
    ['效果指标', '效益指标'],
    ['产出指标 ', '产出指标'],
    ['满意度指标', '满意度指标'],
    ['某种指标', '某种指标'],
  ])('level1 %s → %s', (cell, expected) => expect(canonicalLevel1(cell)).toBe(expected));

  it.each([
    ['经济效益\n指标', '经济效益指标'],
    ['经济效益', '经济效益指标'],
    ['可持续性影响', '可持续影响指标'],
    ['可持续影响', '可持续影响指标'],
    ['可持续性影响指标', '可持续影响指标'],
    ['服务对象\n满意度指标', '服务对象满意度指标'],
    ['服务对象满意度', '服务对象满意度指标'],
    ['满意度', '服务对象满意度指标'],
    ['满意度指标', '服务对象满意度指标'],
    ['二级指标　', '二级指标'],
  ])('level2 %j → %s', (cell, expected) => expect(canonicalLevel2(cell)).toBe(expected));

  it('takes level1 from a canonical level2, whatever the merged level1 cell says', () => {
    expect(canonicalLevels('效果指标', '服务对象满意度指标')).toEqual({ level1: '满意度指标', level2: '服务对象满意度指标' });
    expect(canonicalLevels('产出指标', '社会效益指标')).toEqual({ level1: '效益指标', level2: '社会效益指标' });
    expect(canonicalLevels('0', '质量指标')).toEqual({ level1: '产出指标', level2: '质量指标' });
  });

  it('keeps an unknown level2 as written and takes level1 from its cell', () => {
    expect(canonicalLevels('效果指标', '环境 效益指标')).toEqual({ level1: '效益指标', level2: '环境效益指标' });
  });

  it('maps every canonical level2 to a canonical level1', () => {
    for (const parent of Object.values(LEVEL2_PARENT)) expect(['产出指标', '效益指标', '满意度指标']).toContain(parent);
  });
});

import { describe, expect, it } from 'vitest';
import { absoluteSimilarity, inverseFrequency, weighQuery } from './similarity.ts';

const project = (name: string[], rest: Partial<Record<'purpose' | 'goals' | 'indicators', string[]>> = {}) => ({ name, purpose: rest.purpose ?? [], goals: rest.goals ?? [], indicators: rest.indicators ?? [] });
const flat = () => 1;

describe('absoluteSimilarity', () => {
  it('is 1 for the same words and 0 for none, whatever else the library holds', () => {
    const query = weighQuery(['冻肉', '储备'], [], () => 3, 100);
    expect(absoluteSimilarity(query, project(['冻肉', '储备']), flat).similarity).toBe(1);
    expect(absoluteSimilarity(query, project(['水库', '水位']), flat)).toEqual({ similarity: 0, matched: [] });
  });

  it('counts a word fully in the name and less in the purpose, goals or indicators', () => {
    const query = weighQuery(['储备'], [], () => 3, 100);
    const inName = absoluteSimilarity(query, project(['储备']), flat).similarity;
    const inIndicators = absoluteSimilarity(query, project(['蔬菜'], { indicators: ['储备'] }), flat).similarity;
    expect(inIndicators).toBeGreaterThan(0);
    expect(inIndicators).toBeLessThan(inName);
  });

  it('is low for a long name that shares one word with the new project', () => {
    const query = weighQuery(['服务贸易', '贸易'], [], (word) => (word === '贸易' ? 10 : 0), 100);
    const long = project(['箱包', '市场', '采购', '贸易', '方式', '试点', '活动']);
    expect(absoluteSimilarity(query, long, flat).similarity).toBeLessThan(0.3);
  });

  it('weighs rare words above common ones, and the new name’s words above its purpose’s', () => {
    expect(inverseFrequency(1, 1000)).toBeGreaterThan(inverseFrequency(500, 1000));
    const query = weighQuery(['水库'], ['灌溉'], () => 5, 100);
    expect(query.find((entry) => entry.word === '水库')!.weight).toBeCloseTo(2 * query.find((entry) => entry.word === '灌溉')!.weight);
  });
});

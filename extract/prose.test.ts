import { describe, expect, it } from 'vitest';
import { readProseIndicators, splitClauses } from './prose.ts';

describe('splitClauses', () => {
  it('splits at 、 only where the clause so far holds a digit', () => {
    expect(splitClauses('北京、上海、深圳三个办事处搜集信息≥900条')).toEqual(['北京、上海、深圳三个办事处搜集信息≥900条']);
    expect(splitClauses('储备生猪活体12000头补贴、包装要求净重25公斤')).toEqual(['储备生猪活体12000头补贴', '包装要求净重25公斤']);
  });
});

describe('readProseIndicators', () => {
  it('reads clauses that end in a value of measure', () => {
    const rows = readProseIndicators('机关办公用房面积3957平方米、房屋质量达标率100%、资金拨付及时率100%、成本花费131.2万元、办公保障率100%');
    expect(rows.map((row) => [row.name, row.value.raw, row.value.number, row.value.unit])).toEqual([
      ['机关办公用房面积', '3957平方米', 3957, '平方米'],
      ['房屋质量达标率', '100%', 100, '%'],
      ['资金拨付及时率', '100%', 100, '%'],
      ['成本花费', '131.2万元', 131.2, '万元'],
      ['办公保障率', '100%', 100, '%'],
    ]);
  });

  it('skips clauses that do not end in such a value', () => {
    const rows = readProseIndicators('储备生猪活体12000头补贴、包装要求净重25公斤、组织参加5.18廊坊经洽会，居民满意度≥90%。');
    expect(rows.map((row) => row.name)).toEqual(['包装要求净重', '居民满意度']);
    expect(rows[1]?.value).toMatchObject({ op: '>=', number: 90, unit: '%' });
  });

  it('reads compound units and comparator words', () => {
    const rows = readProseIndicators('蔬菜补贴成本单价1000元每吨；对接成本小于等于100万元；人均标准5元/万人');
    expect(rows.map((row) => [row.value.op, row.value.unit])).toEqual([
      [null, '元每吨'],
      ['<=', '万元'],
      [null, '元/万人'],
    ]);
  });

  it('takes levels from a label the clauses sit under', () => {
    const rows = readProseIndicators('数量指标：培训人数≥500人，展会≥3个；满意度指标：企业满意度≥90%');
    expect(rows.map((row) => [row.level1, row.level2, row.name])).toEqual([
      ['产出指标', '数量指标', '培训人数'],
      ['产出指标', '数量指标', '展会'],
      ['满意度指标', null, '企业满意度'],
    ]);
    expect(rows[0]).toMatchObject({ description: null, basis: null, remark: null, fundingLine: null });
  });
});

import { describe, expect, it } from 'vitest';
import { segments, words } from './words.ts';

describe('words', () => {
  it('keeps the domain’s compounds whole and gives their parts', () => {
    expect(words('国家基本公共卫生服务')).toEqual(expect.arrayContaining(['公共卫生', '公共', '卫生']));
    expect(words('畜禽粪污资源化利用')).toEqual(expect.arrayContaining(['畜禽', '粪污', '资源化']));
    expect(words('台胞扶贫济困生活补贴')).toEqual(expect.arrayContaining(['扶贫', '济困']));
  });

  it('drops what says nothing of a subject: years, amounts, places, levels and the words every project writes', () => {
    expect(words('2026年度衡阳市南岳区市级专项资金项目200万元')).toEqual([]);
    expect(words('2023年雨露计划就学补助项目')).toEqual(['雨露', '就学']);
  });

  it('drops the names of provinces, cities and counties the tagger takes for other words, in any province', () => {
    // jieba tags 张家口 and 承德 as people's names, 保定 and 遵义 as verbs, 大理 as a noun.
    expect(words('张家口2027年招商引资')).toEqual(['招商', '引资', '招商引资']);
    expect(words('承德农村公路养护')).not.toContain('承德');
    expect(words('保定遵义大理恩施农村公路')).toEqual(['农村', '公路', '农村公路']);
    expect(words('内蒙古自治区呼伦贝尔市草原保护')).toEqual(['草原', '保护']);
  });

  it('keeps ordinary words that are also the short names of counties (资源县, 合作市, 新建区, 和平区)', () => {
    for (const word of ['资源', '合作', '新建', '和平', '振兴']) expect(words(`${word}工作站`)).toContain(word);
  });

  it('keeps domain words a dictionary files as places, and reads traditional characters', () => {
    expect(words('2026年度海关办公经费')).toEqual(['海关', '办公']);
    expect(words('自然資源衛片執法')).toEqual(expect.arrayContaining(['自然资源', '执法']));
  });

  it('cuts a text into words with nothing dropped, for names cut at a word boundary', () => {
    expect(segments('开展主体班培训').join('')).toBe('开展主体班培训');
    expect(segments('开展主体班培训')).toContain('培训');
  });
});

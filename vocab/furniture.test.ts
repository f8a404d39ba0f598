import { describe, expect, it } from 'vitest';
import { FORM_TITLE, FORM_YEAR, GRID_END, isGenericHeading, MONEY_UNIT_LINE, SITE_DEBRIS, UNIT_LINE } from './furniture.ts';

describe('isGenericHeading', () => {
  it('recognises the generic form names the contract says are never a title', () => {
    for (const name of ['预算项目绩效信息表', '邢台市市级部门预算项目绩效目标表', '项目支出绩效目标表', '项目支出绩效目标批复表']) {
      expect(isGenericHeading(name), name).toBe(true);
    }
    expect(isGenericHeading('部门整体支出绩效目标表')).toBe(true);
    expect(isGenericHeading('项目支出绩效自评表（2023年度）')).toBe(true);
  });

  it('recognises unit, year, money and 填报单位 lines, and blank text', () => {
    for (const line of ['304001保定白沟新城国际贸易服务中心（本级）', '（2022年度）', '单位：万元', '金额单位：元', '填报单位：保定市商务局', '第二部分', '附件2', '', ' \n ']) {
      expect(isGenericHeading(line), line).toBe(true);
    }
  });

  it('keeps titles that name a project, numbered or not', () => {
    for (const title of ['1.2026年度海关办公经费绩效目标表', '招商选资专项经费', '4、蔬菜储备补贴资金', '社区养老服务项目绩效目标表']) {
      expect(isGenericHeading(title), title).toBe(false);
    }
  });

  // A generic name with only a leading year is no project's title either (contract: generic
  // form names are not headings → null).
  it('recognises 2023年度项目支出绩效目标表 / 2024年度项目支出绩效自评表 as generic', () => {
    expect(isGenericHeading('2023年度项目支出绩效目标表')).toBe(true);
    expect(isGenericHeading('2024年度项目支出绩效自评表')).toBe(true);
  });
});

describe('FORM_TITLE', () => {
  it('matches how form titles end', () => {
    for (const title of ['1.2026年度海关办公经费绩效目标表', '部门整体支出绩效目标申报表', '2020年度项目支出绩效自评表', '项目支出绩效目标批复表']) {
      expect(FORM_TITLE.test(title), title).toBe(true);
    }
    for (const text of ['招商选资专项经费', '绩效目标', '绩效指标描述']) expect(FORM_TITLE.test(text), text).toBe(false);
  });
});

describe('GRID_END', () => {
  it('matches the rows that close a form', () => {
    for (const row of ['经办人：', '单位负责人（签字）：', '财政部门审核意见', '填表人：张三', '合计', '说明', '注：本表金额单位为万元', '评价结论', '存在问题']) {
      expect(GRID_END.test(row), row).toBe(true);
    }
  });

  it('does not match indicator rows or a total that is part of the money block', () => {
    for (const row of ['资金拨付及时率', '社会效益指标', '项目名称', '合计金额', '审核通过率']) expect(GRID_END.test(row), row).toBe(false);
  });
});

describe('UNIT_LINE', () => {
  it('splits a unit line into its code and name', () => {
    expect(UNIT_LINE.exec('304001保定白沟新城国际贸易服务中心（本级）')?.slice(1)).toEqual(['304001', '保定白沟新城国际贸易服务中心（本级）']);
    expect(UNIT_LINE.exec(' 304001 保定白沟新城 ')?.slice(1)).toEqual(['304001', '保定白沟新城']);
  });

  it('needs a code of six digits or more, followed by a name', () => {
    expect(UNIT_LINE.test('2026年度海关办公经费')).toBe(false);
    expect(UNIT_LINE.test('12345保定')).toBe(false);
  });
});

describe('FORM_YEAR', () => {
  it('reads a form year line, with or without its opening bracket', () => {
    expect(FORM_YEAR.exec('（2022年度）')?.[1]).toBe('2022');
    expect(FORM_YEAR.exec('(   2023年度)')?.[1]).toBe('2023');
    expect(FORM_YEAR.exec('2021年度)')?.[1]).toBe('2021');
  });

  it('does not read plan periods or longer lines as a year line', () => {
    // The contract: plan periods (2023-2025年) are not years.
    for (const line of ['（2023-2025年）', '2023-2025年', '（2022年度部门预算）']) expect(FORM_YEAR.test(line), line).toBe(false);
  });
});

describe('MONEY_UNIT_LINE', () => {
  it('reads the money unit of a table', () => {
    expect(MONEY_UNIT_LINE.exec('单位：万元')?.[1]).toBe('万元');
    expect(MONEY_UNIT_LINE.exec('金额单位：元')?.[1]).toBe('元');
    expect(MONEY_UNIT_LINE.exec('单位:万元 ')?.[1]).toBe('万元');
  });

  it('ignores non-money units and 填报单位 lines', () => {
    for (const line of ['单位：个', '填报单位：保定市商务局']) expect(MONEY_UNIT_LINE.test(line), line).toBe(false);
  });
});

describe('SITE_DEBRIS', () => {
  it('matches the lines document-sharing and government sites add', () => {
    for (const line of ['上传人：abc', '浏览次数：12', '第1页 / 共5页', '还剩3页未读，继续阅读', '发布时间：2023-01-01', '索 引 号：', '来源：保定市财政局', '字号：大 中 小']) {
      expect(SITE_DEBRIS.test(line), line).toBe(true);
    }
  });

  it('does not match form content', () => {
    for (const line of ['项目名称', '标准化建设', '文化活动场次', '有效投诉处理率', '招商选资专项经费']) expect(SITE_DEBRIS.test(line), line).toBe(false);
  });
});

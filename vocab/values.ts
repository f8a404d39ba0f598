// Words that are a whole 指标值 on their own: the qualitative targets forms write where no number
// fits. Used to find where a value ends in text that runs cells together.
export const QUALITATIVE_VALUES: readonly string[] = [
  '是', '否', '无', '有', '高', '中', '低', '好', '优', '良', '优良',
  '长远', '长期', '提升', '提高', '增加', '增强', '降低', '减少', '改善', '优化', '健全', '完善', '稳定', '持续', '有效', '显著', '明显',
  '较好', '良好', '优秀', '达标', '合格', '及时', '按时', '准时', '符合', '满意', '基本满意', '显著提升', '明显提升', '明显提高', '逐步提高',
  '有所提升', '持续提升', '效果明显', '效果显著', '达成预期指标', '达到预期', '基本达到', '按计划实施', '按计划完成', '按时完成', '及时完成',
  '符合相关规定', '符合要求', '应保尽保', '不超预算', '正增长', '进一步保障', '保障', '完成', '已完成', '未完成',
];

/**
 * What a stated target looks like inside running text: a comparator before a number (≥95, =300,
 * ﹦1), a rate (95%, 100百分比), a deadline (12月底). Text with two or more states targets; a
 * sentence about the levels states none.
 */
export const TARGET_SHAPE = /[≥≤＞＜><=＝﹦]=?\s*\d|\d+(?:\.\d+)?\s*(?:[%％]|百分比)|\d+月底/g;

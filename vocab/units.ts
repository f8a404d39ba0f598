// Units of measure (计量单位), as data: the contract's measure words, and the other units real
// forms write after a number.

/** The contract's measure words (prose indicators need one of these to end a clause). */
export const MEASURE_WORDS: readonly string[] = [
  '元', '人', '人次', '个', '家', '次', '场', '期', '份', '册', '条', '项', '吨', '头', '只', '公斤', '千克', '斤',
  '平方米', '㎡', '立方米', '亩', '公顷', '公里', '千米', '米', '天', '日', '周', '月', '个月', '年', '小时', '台', '套',
  '辆', '户', '所', '批', '篇', '件', '本', '张', '间', '处', '座', '棵', '株', '位', '名', '班', '课时', '学时',
];

/** Further units seen after numbers in real tables: written forms, Latin abbreviations, words. */
export const OTHER_UNITS: readonly string[] = [
  '%', '％', '‰', '百分比', '分', '工作日', '个工作日', '组', '批次', '例', '种', '起', '座', '处', '单', '节', '轮', '类',
  'km', 'm', 'm²', 'm³', 'kg', 't', 'kw', 'kW', 'kWh', '万千瓦时', '千瓦', '度', '粒', '羽', '棵', '幅', '块', '盏', '根',
  '只', '匹', '口', '眼', '座', '宗', '笔', '部', '册', '套', '栋', '层', '床', '车次', '架次', '人日', '人/天', '小时/天',
];

/** A number's multiplier written before the measure word (`万元`, `亿元`, `万亩`). */
export const UNIT_PREFIXES: readonly string[] = ['万', '亿', '千', '百'];

/** Every unit word, longest first: for finding where a value ends in text with no separators. */
export const UNIT_WORDS_LONGEST_FIRST: readonly string[] = [
  ...new Set([...MEASURE_WORDS, ...OTHER_UNITS, ...[...MEASURE_WORDS, ...OTHER_UNITS.filter((word) => /\p{Unified_Ideograph}/u.test(word))].flatMap((word) => UNIT_PREFIXES.map((prefix) => prefix + word))]),
].sort((a, b) => b.length - a.length);

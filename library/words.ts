// Chinese text cut into the words retrieval compares projects by. The cut is jieba's (@node-rs/jieba,
// its dictionary and HMM for unknown words), kept over ICU's Intl.Segmenter because on our material
// it keeps the domain's compounds whole (畜禽/粪污/资源化, 公共卫生, 高标准/农田) where ICU cuts them
// into characters (畜/禽, 高/标准) and it tags place names and numerals, which say where and how much,
// not what a project is. Compounds also give their parts (基础设施建设 → 基础设施, 建设), so
// 养殖场 finds 养殖. Its tags miss many places (张家口 and 承德 are people's names to it, 保定 a verb), so
// the names of China's provinces, cities and counties are dropped too (vocab/places.ts).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { CATEGORIES } from '../vocab/categories.ts';
import { simplifiedText } from '../vocab/fold.ts';
import { PLACE_NAMES } from '../vocab/places.ts';

const jieba = Jieba.withDict(dict);

/**
 * Words every budget project writes whatever it is for (years, money, the kinds of fund, the
 * administrative level, the verbs of every purpose): matching on them made a reservoir gauge look
 * like a frozen-meat reserve.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  '年度', '年份', '项目', '资金', '专项', '补助', '补贴', '经费', '费用', '工作', '支出', '预算', '万元', '元', '其中', '财政', '财政资金', '其他', '本级', '市级',
  '省级', '县级', '区级', '乡级', '镇级', '中央', '地方', '自治区', '提前', '下达', '第一批', '第二批', '第三批', '批次', '相关', '开展', '进行', '通过', '用于',
  '主要', '确保', '保证', '提高', '提升', '加强', '促进', '推进', '实施', '完成', '做好', '有效', '正常', '全面', '各项', '各类', '有关', '一个', '一次性', '单位',
  '部门', '我局', '我单位', '本单位', '全县', '全市', '全区', '全省', '以上', '以下', '不少', '不低于', '达到', '根据', '按照', '及时', '情况', '目标', '绩效', '指标',
  '任务', '计划', '年度目标', '总体目标', '预期', '方面', '内容', '需要', '要求', '水平', '能力', '管理', '服务', '保障', '支持', '发展', '建设项目', '专项经费',
  '专项资金', '补助资金', '项目资金', '工作经费',
]);

/**
 * What words() keeps, by version: a library stores its projects' words, and one cut by an older
 * version is cut again when opened (both stores). 2: place names of GB/T 2260 dropped.
 */
export const WORDS_VERSION = 2;

/** Part-of-speech tags of words that are no subject matter: place names, numerals, time words, punctuation. */
const DROPPED_TAGS: ReadonlySet<string> = new Set(['ns', 'm', 't', 'x', 'mq', 'tg']);

/** The domain's own words, kept even where the dictionary files them as places (海关, 口岸). */
const DOMAIN_WORDS: ReadonlySet<string> = new Set(CATEGORIES.flatMap((category) => category.words));

/** A place in a unit's or project's name that jieba did not know (衡阳市南岳区 → 南岳区): a place, not a subject. */
const PLACE_WORD = /^\p{Script=Han}{1,6}(省|市|县|区|旗|盟|州|镇|乡|村|街道|社区)$/u;
const HAS_DIGIT = /\d/;
const WORDLIKE = /[\p{L}\p{N}]/u;
/**
 * A word the full-text indexes keep whole and as it is: letters, numbers and private-use characters
 * (the token characters of SQLite FTS5's unicode61 tokenizer), none an upper-case letter or one with
 * a diacritic it would fold. So a word is one term alike in SQLite's FTS5 and PostgreSQL's term
 * table, and both stores count, rank and find by the same terms.
 */
const INDEX_TERM = /^[\p{L}\p{N}\p{Co}]+$/u;
const FOLDED = /[\p{Lu}\p{Lt}]/u;

function oneIndexTerm(word: string): boolean {
  return INDEX_TERM.test(word) && !FOLDED.test(word) && word.normalize('NFD') === word;
}

function keep(word: string): boolean {
  if ([...word].length < 2 || !WORDLIKE.test(word) || HAS_DIGIT.test(word) || !oneIndexTerm(word)) return false;
  if (STOP_WORDS.has(word) || (PLACE_NAMES.has(word) && !DOMAIN_WORDS.has(word))) return false;
  return !(word.length >= 3 && PLACE_WORD.test(word) && !word.endsWith('社区'));
}

/**
 * The words of a text that say what it is about, in order, repeats kept (a term's count matters
 * to ranking); traditional characters are simplified first (a Yunnan form's 執法補助經費 is 执法补助经费).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const { word, tag } of jieba.tag(simplifiedText(text).toLowerCase(), true)) {
    if ((DROPPED_TAGS.has(tag) && !DOMAIN_WORDS.has(word)) || !keep(word)) continue;
    const parts = [...word].length > 2 ? jieba.cutForSearch(word, true).filter((part) => part !== word && keep(part)) : [];
    out.push(...parts, word);
  }
  return out;
}

/** The distinct words of a text. */
export function wordSet(text: string): Set<string> {
  return new Set(words(text));
}

/** The text cut into words with nothing dropped: for cutting a name at a word boundary. */
export function segments(text: string): string[] {
  return jieba.cut(text, true).filter((word) => word.trim() !== '');
}

/** The text cut into words with their part-of-speech tags, nothing dropped. */
export function segmentsTagged(text: string): { word: string; tag: string }[] {
  return jieba.tag(text, true).filter(({ word }) => word.trim() !== '');
}

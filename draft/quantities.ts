// Quantities a new project's purpose states (保障8人, 培训500人次, 新建高标准农田1.2万亩): what its
// 数量指标 should promise, taken as written rather than guessed from other projects, and named by
// the words before them, cut at a word boundary, never inside a word.
import { segments } from '../library/words.ts';
import { MEASURE_WORDS } from '../vocab/units.ts';

export interface StatedQuantity {
  /** as written: 8人, 1.2万亩 */
  raw: string;
  number: number;
  /** the measure word with its multiplier: 人, 万亩 */
  measure: string;
  /** what is counted, the clause's words before the number: 保障, 新建高标准农田 */
  subject: string;
  /** the phrase it was read from: 保障8人 */
  phrase: string;
}

/** Measure words that are not quantities of work: money, dates, durations. */
const NOT_QUANTITIES = new Set(['元', '年', '月', '日', '天', '周', '小时', '个月']);
const COUNTABLE = MEASURE_WORDS.filter((word) => !NOT_QUANTITIES.has(word)).sort((a, b) => b.length - a.length);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** a number, a multiplier, its measure word (not followed by 元: 8万元 is money) */
const QUANTITY = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*((?:万|千)?(?:${COUNTABLE.map(escape).join('|')}))(?!月)(?![元\\p{Script=Han}]*元)`, 'gu');
/** Where a clause begins: punctuation, or the words purposes open with. */
const CLAUSE_START = /[，,。；;：:、（）()\s]|主要用于|用于|其中|一是|二是|三是|四是/gu;
/** Verbs and fillers at a clause's start that are no part of what is counted. */
const LEAD = /^(计划|预计|拟|共|约|累计|全年|完成|开展|实施|保障|支持|资助|补助|新增|新建|建设|购置|采购|培训|组织|举办|发放|覆盖|惠及|带动|服务)+/u;
const MAX_SUBJECT = 12;

/** The clause's text before a match: back to the last clause start. */
function clauseBefore(text: string, at: number): string {
  const head = text.slice(0, at);
  let start = 0;
  for (const match of head.matchAll(CLAUSE_START)) start = match.index! + match[0].length;
  return head.slice(start);
}

/** The clause's last whole words, at most MAX_SUBJECT characters. */
function subjectOf(clause: string): string {
  const cut = segments(clause);
  let subject = '';
  for (let i = cut.length - 1; i >= 0; i--) {
    if (subject.length + cut[i]!.length > MAX_SUBJECT) break;
    subject = cut[i]! + subject;
  }
  return subject;
}

export function statedQuantities(text: string | null | undefined): StatedQuantity[] {
  if (!text) return [];
  const found: StatedQuantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const [whole, written = '', measure = ''] = match;
    const clause = clauseBefore(text, match.index!);
    const subject = subjectOf(clause);
    found.push({ raw: `${written}${measure}`, number: Number(written), measure, subject, phrase: `${clause}${whole}`.trim() });
  }
  return found;
}

/** A name for the count a purpose states: 保障8人 → 保障人数, 新建高标准农田1.2万亩 → 新建高标准农田面积. */
export function quantityName(quantity: StatedQuantity): string {
  const subject = quantity.subject.replace(/^(主要)?用于/, '').replace(/^(计划|预计|拟|共|约|累计|全年)+/u, '');
  const area = /亩|公顷|平方米|㎡/.test(quantity.measure);
  const length = /公里|千米|米$/.test(quantity.measure);
  const noun = area ? '面积' : length ? '长度' : `${quantity.measure.replace(/^[万千]/, '')}数`;
  const bare = subject.replace(LEAD, '');
  return `${bare ? subject : subject || '完成'}${noun}`;
}

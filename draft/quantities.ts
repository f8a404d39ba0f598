// Quantities a new project's purpose states (保障8人, 培训500人次, 购置3台): what its 数量指标 should
// promise, taken as written rather than guessed from other projects.
import { MEASURE_WORDS } from '../vocab/units.ts';

export interface StatedQuantity {
  /** as written: 8人 */
  raw: string;
  number: number;
  measure: string;
  /** the words before it: 保障 */
  verb: string;
  /** the phrase it was read from: 保障8人 */
  phrase: string;
}

/** Measure words that are not quantities of work: money, dates, durations. */
const NOT_QUANTITIES = new Set(['元', '年', '月', '日', '天', '周', '小时', '个月']);
const COUNTABLE = MEASURE_WORDS.filter((word) => !NOT_QUANTITIES.has(word)).sort((a, b) => b.length - a.length);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** a number, its measure word (not followed by 元: 8万元 is money), and up to four characters of verb before it */
const QUANTITY = new RegExp(`([\\p{Script=Han}]{0,4}?)(\\d+(?:\\.\\d+)?)\\s*(${COUNTABLE.map(escape).join('|')})(?!月)(?![元\\p{Script=Han}]*元)`, 'gu');

export function statedQuantities(text: string | null | undefined): StatedQuantity[] {
  if (!text) return [];
  const found: StatedQuantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const [phrase, verb = '', written = '', measure = ''] = match;
    // 万/亿 before a measure word is part of an amount (3万人次 is fine, 3万元 is money and never matched).
    found.push({ raw: `${written}${measure}`, number: Number(written), measure, verb, phrase });
  }
  return found;
}

/** A name for the count a purpose states: 保障8人 → 保障人数, 购置查验设备3台 → 购置查验设备台数. */
export function quantityName(quantity: StatedQuantity): string {
  return `${quantity.verb.replace(/^(主要)?用于/, '') || '完成'}${quantity.measure}数`;
}

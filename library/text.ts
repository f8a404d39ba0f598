// What of a project is searched (its words by field, library/words.ts), the character bigrams that
// compare two short indicator names, and the small facts read off a project for filing it.
import type { Project } from '../schemas/extraction.ts';
import { words } from './words.ts';

/** A project's words by field, in the order of the full-text table's columns. */
export function searchableWords(project: Pick<Project, 'name' | 'title' | 'purpose' | 'goals' | 'indicators'>): { name: string[]; purpose: string[]; goals: string[]; indicators: string[] } {
  return {
    name: words([project.name, project.title].filter(Boolean).join(' ')),
    purpose: words(project.purpose ?? ''),
    goals: words(project.goals.join(' ')),
    indicators: words(project.indicators.map((indicator) => indicator.name ?? '').join(' ')),
  };
}

/** Letters and digits only: punctuation and spaces split terms. */
const SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** Character bigrams, for the Dice similarity of short names. */
export function bigrams(text: string): string[] {
  const chars = [...text.replace(new RegExp(SEPARATORS, 'gu'), '')];
  const out: string[] = [];
  for (let i = 0; i + 2 <= chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of character bigrams (0..1): how alike two short texts are. */
export function bigramDice(a: string, b: string): number {
  return diceOf(bigrams(a), bigrams(b), a === b && a !== '');
}

/** The Dice coefficient of two bigram lists (work out each list once when comparing many). */
export function diceOf(left: readonly string[], right: readonly string[], identical = false): number {
  if (left.length === 0 || right.length === 0) return identical ? 1 : 0;
  const counts = new Map<string, number>();
  for (const gram of left) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of right) {
    const count = counts.get(gram) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(gram, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** Provinces and Hebei's cities (the seeds' province): a unit's place, read from its name. */
const PLACES = [
  '石家庄', '唐山', '秦皇岛', '邯郸', '邢台', '保定', '张家口', '承德', '沧州', '廊坊', '衡水', '雄安',
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆',
];

/** Hebei's cities, whose province is 河北. */
const HEBEI_CITIES = new Set(PLACES.slice(0, 12));

/** The province of a place read by regionOf or given (湖南 Hunan (衡阳市南岳区) → 湖南). */
export function provinceOf(place: string | null | undefined): string | null {
  if (!place) return null;
  const found = regionOf(place);
  if (!found) return null;
  return HEBEI_CITIES.has(found) ? '河北' : found;
}

export function regionOf(unitName: string | null | undefined): string | null {
  if (!unitName) return null;
  let best: { place: string; at: number } | null = null;
  for (const place of PLACES) {
    const at = unitName.indexOf(place);
    if (at >= 0 && (best === null || at < best.at)) best = { place, at };
  }
  return best?.place ?? null;
}

/** One project per unit, year and code (or name, when it has no code): re-adding it changes nothing. */
export function dedupeKey(project: Project, year: number | null): string {
  const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');
  return [squeeze(project.unit?.name), year ?? '', squeeze(project.code) || squeeze(project.name)].join('|');
}

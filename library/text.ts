// What of a project is searched (its words by field, library/words.ts), the character bigrams that
// compare two short indicator names, and the small facts read off a project for filing it.
import type { Project } from '../schemas/extraction.ts';
import { placeNamed } from '../vocab/places.ts';
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

/** The province a place names, read from a unit's name or a region (衡阳市南岳区 → 湖南; 保定 → 河北). */
export function provinceOf(place: string | null | undefined): string | null {
  return placeNamed(place)?.province ?? null;
}

/** Where a unit is, by its name: the city it names, else its province (河北省承德市双桥区教育局 → 承德; 湖南省财政厅 → 湖南). */
export function regionOf(unitName: string | null | undefined): string | null {
  const place = placeNamed(unitName);
  return place ? (place.city ?? place.province) : null;
}

/** One project per unit, year and code (or name, when it has no code): re-adding it changes nothing. */
export function dedupeKey(project: Project, year: number | null): string {
  const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');
  return [squeeze(project.unit?.name), year ?? '', squeeze(project.code) || squeeze(project.name)].join('|');
}

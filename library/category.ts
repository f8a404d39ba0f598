// The category of a project (vocab/categories.ts) from its words: the name says most, the purpose
// and goals next, the indicator names least (they are shared across sectors: 验收合格率, 满意度).
// A sector outranks a kind of spending that ties with it: 养殖场基础设施建设 is farming first.
import { CATEGORIES, type Category } from '../vocab/categories.ts';
import { simplifiedText } from '../vocab/fold.ts';

export interface CategoryGuess {
  category: Category;
  /** the words that decided it, as found */
  words: string[];
  /** why, in a sentence a clerk reads */
  reason: string;
}

export interface CategoryText {
  name: string | null;
  purpose?: string | null;
  goals?: readonly string[];
  indicators?: readonly (string | null)[];
}

const WEIGHT = { name: 3, purpose: 1, indicators: 0.5 } as const;
/** A kind of spending counts for less than a sector on the same evidence: it says what is bought, not what for. */
const SPENDING_WEIGHT = 0.5;

export function classifyProject(text: CategoryText): CategoryGuess | null {
  const fields = [
    { where: '名称', text: text.name ?? '', weight: WEIGHT.name },
    { where: '资金用途和目标', text: [text.purpose ?? '', ...(text.goals ?? [])].join(' '), weight: WEIGHT.purpose },
    { where: '指标', text: (text.indicators ?? []).filter(Boolean).join(' '), weight: WEIGHT.indicators },
  ].map((field) => ({ ...field, text: simplifiedText(field.text) }));
  let best: { category: Category; score: number; found: { word: string; where: string }[] } | null = null;
  for (const category of CATEGORIES) {
    let score = 0;
    const found: { word: string; where: string }[] = [];
    // Longest words first, each place in the text counted once: 储备粮 is not also 储备.
    const words = [...category.words].sort((a, b) => b.length - a.length);
    for (const field of fields) {
      let rest = field.text;
      for (const word of words) {
        if (!rest.includes(word)) continue;
        rest = rest.split(word).join('\u0000');
        score += field.weight * Math.min(2, word.length / 2);
        if (!found.some((entry) => entry.word === word)) found.push({ word, where: field.where });
      }
    }
    if (category.kind === 'spending') score *= SPENDING_WEIGHT;
    if (score > 0 && (!best || score > best.score)) best = { category, score, found };
  }
  if (!best) return null;
  const named = best.found.slice(0, 4);
  const byPlace = [...new Set(named.map((entry) => entry.where))].map((where) => `${where}含“${named.filter((entry) => entry.where === where).map((entry) => entry.word).join('”“')}”`);
  return { category: best.category, words: best.found.map((entry) => entry.word), reason: `${byPlace.join('，')}` };
}

// How the library finds projects like a query, the same whichever store holds it: the query cut into
// words (words.ts) and weighed by rarity, the rarest words handed to the store's full-text index for
// BM25 candidates, and the candidates ordered by the absolute similarity (similarity.ts). Only the
// candidates' search is the store's own (SQLite FTS5, PostgreSQL's term table), and both compute
// FTS5's BM25 to the bit over the same terms, so the two stores give the same hits in the same order.
import type { LibraryProjectSummary, SearchFilters, SearchHit } from '../schemas/library.ts';
import { absoluteSimilarity, inverseFrequency, weighQuery, type ProjectWords, type QueryWord } from './similarity.ts';
import type { SearchQuery } from './store.ts';
import { words } from './words.ts';

/**
 * BM25 weights of a project's fields (the full-text columns, in this order): its name says most
 * about what it is, its indicators next.
 */
export const FIELD_WEIGHTS = { name: 4, purpose: 1, goals: 1, indicators: 1.5 } as const;
/** FTS5's BM25 constants (sqlite3.c, fts5Bm25Function), which the PostgreSQL store computes with. */
export const BM25 = { k1: 1.2, b: 0.75, minIdf: 1e-6 } as const;
/** Query words kept, the rarest first: a word in most projects finds everything and tells nothing. */
const MAX_TERMS = 12;
/** A word in more than this share of projects tells little about which are candidates… */
const MAX_TERM_SHARE = 0.1;
/** …and is left out of the candidates' query when at least this many rarer words are left. */
const MIN_RARE_TERMS = 2;
/** Candidates BM25 hands on to be ordered by similarity. */
const CANDIDATES = 100;

export type SearchOptions = SearchFilters & { limit?: number; excludeIds?: readonly number[] };

/** A project found by the full-text index: its BM25 score and its words by field. */
export interface Candidate {
  id: number;
  score: number;
  words: ProjectWords;
}

/** What a store offers the search: counts, the stored words, and BM25 candidates. */
export interface SearchIndex {
  projectCount(): Promise<number>;
  wordDocuments(words: readonly string[]): Promise<Map<string, number>>;
  /** The words of these projects (the ones left out of a search). */
  projectWords(ids: readonly number[]): Promise<Map<number, ProjectWords>>;
  /**
   * The projects holding any of the terms, by FTS5's BM25 over the terms in the order given (with
   * FIELD_WEIGHTS), the highest first and equal scores by id, filtered and without `excludeIds`.
   */
  candidates(terms: readonly string[], filters: SearchFilters, excludeIds: readonly number[], limit: number): Promise<Candidate[]>;
  summaries(ids: readonly number[]): Promise<Map<number, LibraryProjectSummary>>;
}

/** Stored words of a field: the words joined by single spaces. */
export const joinWords = (list: readonly string[]): string => list.join(' ');
export const splitWords = (text: string | null | undefined): string[] => (text ? text.split(' ') : []);

/** Projects like the query, the most similar first. */
export async function searchProjects(index: SearchIndex, query: SearchQuery, options: SearchOptions = {}): Promise<SearchHit[]> {
  const limit = options.limit ?? 20;
  const asked = typeof query === 'string' ? { name: query, about: '' } : { name: query.name, about: query.about ?? '' };
  const exclude = options.excludeIds ?? [];
  const weighed = await weighedQuery(index, words(asked.name), words(asked.about), exclude);
  const total = weighed.total;
  // Only words some project holds can find one; the rarest say most. Words in a large share of the
  // library find candidates only when too few rarer ones are left (they still count in the similarity).
  const known = weighed.words.filter(({ docs }) => docs > 0).sort((a, b) => a.docs - b.docs);
  const rare = known.filter(({ docs }) => docs <= MAX_TERM_SHARE * total);
  const terms = (rare.length >= MIN_RARE_TERMS ? rare : known).slice(0, MAX_TERMS).map(({ word }) => word);
  if (terms.length === 0) return [];
  const { year, unit, region, province, category } = options;
  const ranked = await index.candidates(terms, { year, unit, region, province, category }, exclude, Math.max(limit, CANDIDATES));
  const queryWords = weighed.words.map(({ word, weight }) => ({ word, weight }));
  // The candidates' name words, weighed by rarity as the query's are.
  const nameWords = await index.wordDocuments(ranked.flatMap((row) => row.words.name));
  const weightOf = (word: string) => inverseFrequency(nameWords.get(word) ?? 0, total);
  const best = ranked
    .map((row) => ({ row, ...absoluteSimilarity(queryWords, row.words, weightOf) }))
    .sort((a, b) => b.similarity - a.similarity || b.row.score - a.row.score)
    .slice(0, limit);
  // The projects' rows are read for the few that make the list, not for every match.
  const summaries = await index.summaries(best.map(({ row }) => row.id));
  return best.flatMap(({ row, similarity, matched }) => {
    const summary = summaries.get(row.id);
    return summary ? [{ project: summary, score: Math.round(row.score * 1000) / 1000, similarity, matchedTerms: matched }] : [];
  });
}

/**
 * The query's words with their weights (similarity.ts) and how many projects hold each. Projects
 * left out of the search do not count towards a word's frequency: a word only they hold finds nothing.
 */
async function weighedQuery(index: SearchIndex, nameWords: string[], otherWords: string[], excludeIds: readonly number[]): Promise<{ words: (QueryWord & { docs: number })[]; total: number }> {
  // Asked at once: over the network, one wait instead of three.
  const [total, own, known] = await Promise.all([index.projectCount(), index.projectWords(excludeIds), index.wordDocuments([...nameWords, ...otherWords])]);
  const excluded = excludeIds.map((id) => {
    const fields = own.get(id);
    return new Set(fields ? [...fields.name, ...fields.purpose, ...fields.goals, ...fields.indicators] : []);
  });
  const docs = (word: string) => (known.get(word) ?? 0) - excluded.filter((set) => set.has(word)).length;
  const remaining = Math.max(0, total - excludeIds.length);
  return { words: weighQuery(nameWords, otherWords, docs, remaining).map((entry) => ({ ...entry, docs: docs(entry.word) })), total };
}

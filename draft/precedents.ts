// The library projects a draft may draw on: those whose absolute similarity to the new project
// reaches a floor, the new project's own category first. A project of another category must be
// closer still: a frozen-meat reserve that shares "补贴" with a school grant is no precedent for it.
// When none reaches the floor the draft says so and falls back on the category's template.
import type { CategoryGuess } from '../library/category.ts';
import type { LibraryStore } from '../library/store.ts';
import { words } from '../library/words.ts';
import type { DraftRequest, SearchHit } from '../schemas/library.ts';
import type { SourcedProject } from './candidates.ts';

/** The similarity a library project needs to be drawn on at all. */
export const FLOOR = 0.2;
/**
 * …and one of another category than the new project's, when its category is known: only a near
 * namesake (the same words for the most part) crosses sectors.
 */
export const OTHER_CATEGORY_FLOOR = 0.7;
/** …and any project, when the new project's category is not known: nothing else vouches for it. */
export const UNKNOWN_CATEGORY_FLOOR = 0.5;
/** A precedent below this is drawn on but its rows are marked for checking. */
export const STRONG = 0.5;
/** Precedents drawn on. */
export const NEIGHBOURS = 12;
/** Candidates looked at before the floor. */
const LOOKED_AT = 60;

export interface DraftOptions {
  /** library projects not to draw on (the project itself, or its document, in evaluation) */
  excludeIds?: readonly number[];
}

export interface Precedents {
  /** every hit at or above the floor, in the order drawn on */
  hits: SearchHit[];
  projects: SourcedProject[];
  /** whether many library projects use a word: a row named only in such words fits any project of its kind */
  isCommonWord: (word: string) => boolean;
}

/** A word this many projects use (or this share of the library) is common. */
const COMMON_DOCS = 3;
const COMMON_SHARE = 0.02;

/**
 * Whether a word is common, for the words of the precedents' indicator names (the only ones asked
 * about, drafter.ts): counted in one call beforehand, so the drafter's choice stays a plain function.
 */
export async function commonWords(library: LibraryStore, projects: readonly SourcedProject[]): Promise<(word: string) => boolean> {
  const asked = projects.flatMap((entry) => entry.library.project.indicators.flatMap((row) => words(row.name ?? '')));
  const [total, docs] = await Promise.all([library.projectCount(), library.wordDocuments(asked)]);
  return (word) => (docs.get(word) ?? 0) >= Math.max(COMMON_DOCS, COMMON_SHARE * total);
}

export function searchQuery(request: DraftRequest): { name: string; about: string } {
  return { name: request.name, about: [request.purpose ?? '', ...(request.goals ?? [])].join(' ') };
}

/** The order precedents are drawn on in: same category, then the unit's own and its place's, then closeness. */
function rank(hit: SearchHit, request: DraftRequest, category: string | null): number {
  const sameCategory = category !== null && hit.project.category === category ? 1 : 0;
  const sameUnit = request.unit && hit.project.unit?.name === request.unit ? 0.1 : 0;
  const samePlace = request.region && (hit.project.region === request.region || hit.project.province === request.region) ? 0.05 : 0;
  return sameCategory + sameUnit + samePlace + hit.similarity;
}

function floorFor(hit: SearchHit, category: string | null): number {
  if (category === null) return UNKNOWN_CATEGORY_FLOOR;
  return hit.project.category === category ? FLOOR : OTHER_CATEGORY_FLOOR;
}

export async function findPrecedents(library: LibraryStore, request: DraftRequest, guess: CategoryGuess | null, options: DraftOptions = {}): Promise<Precedents> {
  const category = guess?.category.name ?? null;
  const hits = (await library.search(searchQuery(request), { limit: LOOKED_AT, excludeIds: options.excludeIds ?? [] }))
    .filter((hit) => hit.similarity >= floorFor(hit, category))
    .sort((a, b) => rank(b, request, category) - rank(a, request, category))
    .slice(0, NEIGHBOURS);
  const byId = new Map((await library.getMany(hits.map((hit) => hit.project.id))).map((project) => [project.id, project]));
  const projects = hits.flatMap((hit) => {
    const found = byId.get(hit.project.id);
    return found ? [{ library: found, similarity: hit.similarity }] : [];
  });
  return { hits, projects, isCommonWord: await commonWords(library, projects) };
}

// Indicators of similar projects, gathered by 二级指标 and merged where several projects measure
// the same thing (names alike): each candidate knows every row it stands for and how strongly
// the library supports it.
import type { Indicator } from '../schemas/extraction.ts';
import type { DraftSource, LibraryProject } from '../schemas/library.ts';
import { bigrams, diceOf } from '../library/text.ts';

export interface SourcedProject {
  library: LibraryProject;
  /** how close it is to the new project, 0..1 */
  similarity: number;
}

export interface Candidate {
  /** the name's bigrams, for comparing it with many others */
  grams: string[];
  level1: string;
  level2: string;
  /** the row that speaks for the group: from the most similar project */
  indicator: Indicator;
  /** that row's project */
  from: SourcedProject;
  sources: DraftSource[];
  /** summed similarity of the projects that have such a row */
  support: number;
  /** the closest of those projects' similarity */
  similarity: number;
}

/** Names this alike (bigram Dice) are the same indicator written two ways. */
const SAME_NAME = 0.6;
/** Sources listed per suggestion. */
const MAX_SOURCES = 3;

function sourceOf(entry: SourcedProject, row: number): DraftSource {
  const { library, similarity } = entry;
  return { projectId: library.id, projectName: library.project.name, unit: library.project.unit?.name ?? null, year: library.year, row: row + 1, similarity: Math.round(similarity * 1000) / 1000 };
}

/** Candidates per 二级指标, the best supported first. Classified and not-applicable rows are no model. */
export function gatherCandidates(projects: readonly SourcedProject[]): Map<string, Candidate[]> {
  const byLevel2 = new Map<string, Candidate[]>();
  for (const entry of projects) {
    // One vote per project and indicator group: a table listing 培训人数 twice supports it once.
    const voted = new Set<Candidate>();
    entry.library.project.indicators.forEach((indicator, row) => {
      if (!indicator.level1 || !indicator.level2 || !indicator.name) return;
      if (indicator.value.kind === 'classified' || indicator.value.kind === 'not_applicable' || indicator.value.kind === 'empty') return;
      const list = byLevel2.get(indicator.level2) ?? [];
      byLevel2.set(indicator.level2, list);
      const grams = bigrams(indicator.name);
      const same = list.find((candidate) => diceOf(candidate.grams, grams) >= SAME_NAME);
      if (!same) {
        const candidate = { grams, level1: indicator.level1, level2: indicator.level2, indicator, from: entry, sources: [sourceOf(entry, row)], support: entry.similarity, similarity: entry.similarity };
        list.push(candidate);
        voted.add(candidate);
        return;
      }
      if (voted.has(same)) return;
      voted.add(same);
      same.support += entry.similarity;
      same.similarity = Math.max(same.similarity, entry.similarity);
      if (same.sources.length < MAX_SOURCES) same.sources.push(sourceOf(entry, row));
    });
  }
  for (const list of byLevel2.values()) list.sort((a, b) => b.support - a.support);
  return byLevel2;
}

/** How often a 二级指标 appears among the projects, weighted by their similarity (0..1). */
export function level2Share(projects: readonly SourcedProject[], level2: string): number {
  const total = projects.reduce((sum, entry) => sum + entry.similarity, 0);
  if (total === 0) return 0;
  const having = projects.filter((entry) => entry.library.project.indicators.some((indicator) => indicator.level2 === level2)).reduce((sum, entry) => sum + entry.similarity, 0);
  return having / total;
}

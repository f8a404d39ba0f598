// How close a library project is to a new one, on an absolute scale, from two sides: the share of
// what the new project says (its words, each weighted by how rarely the library uses it, its name's
// words twice) that the project also says, counted fully in its name and less in its purpose, goals
// or indicators; and the share of the project's own name that the new project says, which scales
// the first between a quarter and all of it: 1 for the same project, low for one that shares a
// single word with a long name (服务贸易 and 白沟箱包市场采购贸易方式试点), and never nothing for one
// whose purpose or indicators say what the new project says in other names. Unlike a BM25 score scaled to the best hit, 0.3 means
// the same whatever else the library holds, so a floor can say "nothing here is like it".

export interface ProjectWords {
  name: readonly string[];
  purpose: readonly string[];
  goals: readonly string[];
  indicators: readonly string[];
}

export interface QueryWord {
  word: string;
  /** rarity in the library times where the new project says it */
  weight: number;
}

/** Where a shared word stands in the library project, and what it counts for there. */
const FIELD_CREDIT = { name: 1, purpose: 0.8, goals: 0.8, indicators: 0.6 } as const;
/** What a project whose name shares nothing with the new one keeps of its closeness. */
const NAME_FLOOR = 0.25;
/** The new project's name says what it is; its purpose and goals say it at length. */
const NAME_EMPHASIS = 2;

/** BM25's inverse document frequency; a word the library never uses counts as if one project did. */
export function inverseFrequency(docs: number, total: number): number {
  const n = Math.max(1, docs);
  return Math.log(1 + (Math.max(total, n) - n + 0.5) / (n + 0.5));
}

/** The distinct words of a request with their weights; `docs` says how many library projects use a word. */
export function weighQuery(nameWords: readonly string[], otherWords: readonly string[], docs: (word: string) => number, total: number): QueryWord[] {
  const weights = new Map<string, number>();
  const named = new Set(nameWords);
  for (const word of new Set([...nameWords, ...otherWords])) weights.set(word, inverseFrequency(docs(word), total) * (named.has(word) ? NAME_EMPHASIS : 1));
  return [...weights].map(([word, weight]) => ({ word, weight }));
}

export function absoluteSimilarity(query: readonly QueryWord[], project: ProjectWords, weightOf: (word: string) => number): { similarity: number; matched: string[] } {
  const fields = {
    name: new Set(project.name),
    purpose: new Set(project.purpose),
    goals: new Set(project.goals),
    indicators: new Set(project.indicators),
  };
  let total = 0;
  let shared = 0;
  const matched: string[] = [];
  for (const { word, weight } of query) {
    total += weight;
    const credit = Math.max(...(Object.keys(fields) as (keyof typeof fields)[]).map((field) => (fields[field].has(word) ? FIELD_CREDIT[field] : 0)));
    if (credit > 0) {
      shared += weight * credit;
      matched.push(word);
    }
  }
  const asked = new Set(query.map((entry) => entry.word));
  let nameTotal = 0;
  let nameShared = 0;
  for (const word of fields.name) {
    const weight = weightOf(word);
    nameTotal += weight;
    if (asked.has(word)) nameShared += weight;
  }
  // A project with no name words is judged by the new project's side alone.
  const ofQuery = total === 0 ? 0 : shared / total;
  const ofName = nameTotal === 0 ? ofQuery : nameShared / nameTotal;
  return { similarity: Math.round(ofQuery * (NAME_FLOOR + (1 - NAME_FLOOR) * ofName) * 1000) / 1000, matched };
}

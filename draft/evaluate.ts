// Leave-one-out evaluation of the drafter: each library project is held out, drafted from its
// name, budget and purpose, and the draft compared with its real table; a baseline that proposes
// the library's most common indicators, whatever the project, is scored the same way.
import { LEVEL2_PARENT } from '../vocab/levels.ts';
import type { LibraryStore } from '../library/store.ts';
import { bigramDice } from '../library/text.ts';
import type { Indicator, Project } from '../schemas/extraction.ts';
import type { LibraryProject } from '../schemas/library.ts';
import { hasErrors, validateProject } from '../validate/engine.ts';
import { draftProject } from './drafter.ts';

export interface DraftScores {
  projects: number;
  /** share of projects whose draft has every 二级指标 of the real table */
  level2Covered: number;
  /** mean share of the real table's 二级指标 the draft has */
  level2Coverage: number;
  /** mean over projects of the mean over real rows of the best bigram Dice with a drafted name */
  nameSimilarity: number;
  /** projects with a cost ceiling in both: the draft's total within 10% of the real one */
  costAgreement: number;
  costCompared: number;
  /** projects with a satisfaction target in both: the same percentage */
  satisfactionAgreement: number;
  satisfactionCompared: number;
  /** share of drafts with an error-level finding */
  errorRate: number;
}

export interface DraftEvaluation {
  drafter: DraftScores;
  baseline: DraftScores;
  millis: { median: number; p95: number };
}

type Drafted = Pick<Indicator, 'level2' | 'name' | 'value'>[];

function costTotal(rows: Drafted): number | null {
  const costs = rows.filter((row) => row.level2?.includes('成本') && row.value.kind === 'numeric' && row.value.unit === '万元' && row.value.number !== null);
  return costs.length === 0 ? null : costs.reduce((sum, row) => sum + row.value.number!, 0);
}

function satisfaction(rows: Drafted): number | null {
  return rows.find((row) => row.level2 === '服务对象满意度指标' && row.value.kind === 'numeric' && row.value.unit === '%')?.value.number ?? null;
}

interface ProjectScore {
  covered: boolean;
  coverage: number;
  similarity: number;
  cost: boolean | null;
  satisfaction: boolean | null;
  error: boolean;
}

function scoreDraft(real: Project, drafted: Drafted, errors: boolean): ProjectScore {
  const realLevels = new Set(real.indicators.map((row) => row.level2).filter((level): level is string => level !== null));
  const draftLevels = new Set(drafted.map((row) => row.level2));
  const coveredLevels = [...realLevels].filter((level) => draftLevels.has(level)).length;
  const names = drafted.map((row) => row.name ?? '');
  const rows = real.indicators.filter((row) => row.name);
  const similarity = rows.length === 0 ? 0 : rows.reduce((sum, row) => sum + Math.max(0, ...names.map((name) => bigramDice(row.name!, name))), 0) / rows.length;
  const realCost = costTotal(real.indicators);
  const draftCost = costTotal(drafted);
  const realSatisfaction = satisfaction(real.indicators);
  const draftSatisfaction = satisfaction(drafted);
  return {
    covered: coveredLevels === realLevels.size,
    coverage: realLevels.size === 0 ? 1 : coveredLevels / realLevels.size,
    similarity,
    cost: realCost === null || draftCost === null ? null : Math.abs(realCost - draftCost) <= 0.1 * realCost,
    satisfaction: realSatisfaction === null || draftSatisfaction === null ? null : realSatisfaction === draftSatisfaction,
    error: errors,
  };
}

function summarize(scores: readonly ProjectScore[]): DraftScores {
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const costs = scores.flatMap((score) => (score.cost === null ? [] : [score.cost ? 1 : 0]));
  const satisfactions = scores.flatMap((score) => (score.satisfaction === null ? [] : [score.satisfaction ? 1 : 0]));
  return {
    projects: scores.length,
    level2Covered: mean(scores.map((score) => (score.covered ? 1 : 0))),
    level2Coverage: mean(scores.map((score) => score.coverage)),
    nameSimilarity: mean(scores.map((score) => score.similarity)),
    costAgreement: mean(costs),
    costCompared: costs.length,
    satisfactionAgreement: mean(satisfactions),
    satisfactionCompared: satisfactions.length,
    errorRate: mean(scores.map((score) => (score.error ? 1 : 0))),
  };
}

/**
 * The baseline: for each 二级指标 of the framework, the library's most common indicator (name and
 * value), whatever the project; only projects other than the held-out one count.
 */
function baselineDraft(others: readonly LibraryProject[]): Drafted {
  const LEVELS = ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标', '服务对象满意度指标'];
  return LEVELS.flatMap((level2) => {
    const counts = new Map<string, { row: Indicator; count: number }>();
    for (const { project } of others) {
      for (const row of project.indicators) {
        if (row.level2 !== level2 || !row.name) continue;
        const key = `${row.name}\u0000${row.value.raw}`;
        const entry = counts.get(key) ?? { row, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
    return best ? [{ level2, name: best.row.name, value: best.row.value }] : [];
  });
}

/** Held-out projects: those with a budget to draft for and a table of at least three rows. */
export function evaluateDrafts(library: LibraryStore): DraftEvaluation {
  const all = [...library.all()];
  const drafter: ProjectScore[] = [];
  const baseline: ProjectScore[] = [];
  const times: number[] = [];
  for (const held of all) {
    const real = held.project;
    if (!real.name || !real.budget.total || real.indicators.length < 3) continue;
    const started = performance.now();
    const draft = draftProject(
      library,
      { name: real.name, budget: real.budget.total, purpose: real.purpose ?? undefined, year: held.year ?? undefined, unit: real.unit?.name, region: held.region ?? undefined },
      { excludeIds: [held.id] },
    );
    times.push(performance.now() - started);
    drafter.push(scoreDraft(real, draft.project.indicators, hasErrors(draft.findings)));
    const simple = baselineDraft(all.filter((other) => other.id !== held.id));
    const simpleProject: Project = {
      ...real,
      indicators: simple.map((row) => ({ level1: LEVEL2_PARENT[row.level2 ?? ''] ?? null, level2: row.level2, name: row.name, description: null, value: row.value, basis: null, remark: null, fundingLine: null })),
    };
    baseline.push(scoreDraft(real, simple, hasErrors(validateProject(simpleProject, 0, held.year))));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { drafter: summarize(drafter), baseline: summarize(baseline), millis: { median: at(0.5), p95: at(0.95) } };
}

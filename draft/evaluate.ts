// How well drafting transfers to projects it has not seen: each real project of a set of documents
// (with gold written by reading them) is drafted from its name, budget, year and purpose, from a
// library that holds every starter document but its own, and the draft compared with the table the
// project really published. Two baselines are scored the same way: the library's most common row of
// each kind whatever the project (naive), and the framework's fixed rows with no retrieval at all.
import { classifyProject } from '../library/category.ts';
import type { LibraryStore } from '../library/store.ts';
import { bigramDice } from '../library/text.ts';
import type { Indicator, Project } from '../schemas/extraction.ts';
import type { DraftIndicator, LibraryProject } from '../schemas/library.ts';
import { validateProject } from '../validate/engine.ts';
import { FRAMEWORK_ROWS } from '../vocab/categories.ts';
import { canonicalLevel2 } from '../vocab/canonical-levels.ts';
import { LEVEL2_PARENT } from '../vocab/levels.ts';
import { parseValue } from '../extract/values.ts';
import { nameFor } from './subject.ts';
import { costFromBudget } from './templates.ts';
import { draftProject } from './drafter.ts';

/** A real project to draft, with the document it came from (left out of the library while it is drafted). */
export interface DraftTarget {
  filename: string;
  project: Project;
  year: number | null;
  /** the category people gave it, when labelled (fixtures/draft/categories.json), and a second they allowed */
  category: string | null;
  alternative: string | null;
}

export interface DraftScores {
  projects: number;
  rows: number;
  /** mean over projects of the mean over real rows of the best bigram Dice with a drafted name */
  nameSimilarity: number;
  /** mean share of the real table's framework 二级指标 the draft has */
  level2Coverage: number;
  /** share of projects whose draft has every framework 二级指标 of the real table */
  level2Covered: number;
  /** share of drawn rows (precedent or model) whose sources are all of another category than the project's */
  offDomain: number;
  /** drafts with an error-level finding on a row the draft filled (a value left for the user to fill is not one) */
  errorDrafts: number;
  /** YEAR_MISMATCH findings the drafts raise against themselves */
  yearMismatches: number;
  /** share of drafts that fell back on the template: no precedent reached the floor */
  fallback: number;
  /** share of drafted rows marked for checking */
  lowConfidence: number;
}

export interface DraftEvaluation {
  drafter: DraftScores;
  naive: DraftScores;
  framework: DraftScores;
  millis: { median: number; p95: number };
}

type Drafted = Pick<DraftIndicator, 'level2' | 'name' | 'value'> & Partial<Pick<DraftIndicator, 'origin' | 'sources' | 'check'>>;

/** A real table's framework 二级指标: written names made canonical; 经济成本指标 is the 成本指标 a local form writes. */
function frameworkLevels(rows: readonly Pick<Indicator, 'level2'>[]): Set<string> {
  const levels = new Set<string>();
  for (const row of rows) {
    if (!row.level2) continue;
    const level = canonicalLevel2(row.level2);
    if (LEVEL2_PARENT[level]) levels.add(level === '经济成本指标' ? '成本指标' : level);
  }
  return levels;
}

interface ProjectScore {
  rows: number;
  similarity: number;
  coverage: number;
  drawn: number;
  offDomain: number;
  error: boolean;
  yearMismatches: number;
  fallback: boolean;
  lowConfidence: number;
}

function scoreDraft(target: DraftTarget, drafted: readonly Drafted[], categoryOf: (id: number) => string | null, fallback: boolean): ProjectScore {
  const real = target.project.indicators.filter((row) => row.name);
  const names = drafted.map((row) => row.name ?? '');
  const similarity = real.length === 0 ? 0 : real.reduce((sum, row) => sum + Math.max(0, ...names.map((name) => bigramDice(row.name!, name))), 0) / real.length;
  const realLevels = frameworkLevels(real);
  const draftLevels = frameworkLevels(drafted);
  const coverage = realLevels.size === 0 ? 1 : [...realLevels].filter((level) => draftLevels.has(level)).length / realLevels.size;
  const drawn = drafted.filter((row) => row.origin === 'precedent' || row.origin === 'model');
  const allowed = new Set([target.category, target.alternative].filter((category): category is string => category !== null));
  const off = drawn.filter((row) => allowed.size > 0 && (row.sources ?? []).length > 0 && (row.sources ?? []).every((source) => !allowed.has(categoryOf(source.projectId) ?? '')));
  // The table as drafted: the budget as the request gave it, no split into fiscal and other money.
  const project: Project = { ...target.project, budget: { total: requestedBudget(target.project), fiscal: null, other: null }, indicators: drafted.map((row) => ({ level1: LEVEL2_PARENT[row.level2 ?? ''] ?? null, level2: row.level2, name: row.name, description: null, value: row.value, basis: '计划标准', remark: null, fundingLine: null })) };
  const findings = validateProject(project, 0, target.year);
  // A value the draft leaves for the user (no budget yet) is asked for, not a mistake of the draft.
  const left = new Set(drafted.flatMap((row, index) => (row.check?.startsWith('预算未定') ? [index] : [])));
  return {
    rows: drafted.length,
    similarity,
    coverage,
    drawn: drawn.length,
    offDomain: off.length,
    error: findings.some((finding) => finding.severity === 'error' && !(finding.loc.indicatorIndex !== null && left.has(finding.loc.indicatorIndex))),
    yearMismatches: findings.filter((finding) => finding.code === 'YEAR_MISMATCH').length,
    fallback,
    lowConfidence: drafted.filter((row) => row.check).length,
  };
}

function summarize(scores: readonly ProjectScore[]): DraftScores {
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const rows = scores.reduce((sum, score) => sum + score.rows, 0);
  const drawn = scores.reduce((sum, score) => sum + score.drawn, 0);
  return {
    projects: scores.length,
    rows,
    nameSimilarity: mean(scores.map((score) => score.similarity)),
    level2Coverage: mean(scores.map((score) => score.coverage)),
    level2Covered: mean(scores.map((score) => (score.coverage === 1 ? 1 : 0))),
    offDomain: drawn === 0 ? 0 : scores.reduce((sum, score) => sum + score.offDomain, 0) / drawn,
    errorDrafts: scores.filter((score) => score.error).length,
    yearMismatches: scores.reduce((sum, score) => sum + score.yearMismatches, 0),
    fallback: mean(scores.map((score) => (score.fallback ? 1 : 0))),
    lowConfidence: rows === 0 ? 0 : scores.reduce((sum, score) => sum + score.lowConfidence, 0) / rows,
  };
}

/** The budget a clerk drafting the project would give: its 预算数, when one above zero is known. */
const requestedBudget = (project: Project) => (project.budget.total && project.budget.total > 0 ? project.budget.total : null);

/** The naive baseline: for each kind of the framework, the library's most common row (name and value), whatever the project. */
function naiveDraft(others: readonly LibraryProject[]): Drafted[] {
  return ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标', '服务对象满意度指标'].flatMap((level2) => {
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

/** The framework's six dimensions every table has, the baseline's fixed rows. */
const FIXED_KINDS = new Set(['数量指标', '质量指标', '时效指标', '社会效益指标', '服务对象满意度指标']);

/** The framework's fixed rows, the same for every project, with its budget as the cost ceiling: six rows, no retrieval. */
function frameworkDraft(target: DraftTarget, year: number): Drafted[] {
  const fixed = FRAMEWORK_ROWS.filter((row) => FIXED_KINDS.has(row.level2)).map((row) => ({ level2: row.level2, name: nameFor(row.name, null), value: parseValue(row.value.replaceAll('{year}', String(year))) }));
  const cost = costFromBudget({ name: target.project.name ?? '', budget: requestedBudget(target.project), year, purpose: null, quantities: [], subject: null });
  return [...fixed, { level2: '成本指标', name: cost.name, value: cost.value, check: cost.check }];
}

/** Drafts every target from the library without its own document, and scores the drafts and the baselines. */
export async function evaluateDrafts(library: LibraryStore, targets: readonly DraftTarget[]): Promise<DraftEvaluation> {
  const all: LibraryProject[] = [];
  for await (const entry of library.all()) all.push(entry);
  const categories = new Map(all.map((entry) => [entry.id, entry.category]));
  const categoryOf = (id: number) => categories.get(id) ?? null;
  const drafter: ProjectScore[] = [];
  const naive: ProjectScore[] = [];
  const framework: ProjectScore[] = [];
  const times: number[] = [];
  for (const target of targets) {
    const real = target.project;
    if (!real.name || real.indicators.every((row) => !row.name)) continue;
    const ownDocument = all.filter((entry) => entry.filename === target.filename);
    const excluded = new Set(ownDocument.map((entry) => entry.id));
    // Unlabelled projects (a held-out set of one's own) take the category read from the whole real table.
    const labelled: DraftTarget =
      target.category !== null ? target : { ...target, category: classifyProject({ name: real.name, purpose: real.purpose, goals: real.goals, indicators: real.indicators.map((row) => row.name) })?.category.name ?? null };
    const year = target.year ?? new Date().getFullYear();
    const started = performance.now();
    const draft = await draftProject(library, { name: real.name, budget: requestedBudget(real) ?? undefined, purpose: real.purpose ?? undefined, year }, { excludeIds: [...excluded] });
    times.push(performance.now() - started);
    drafter.push(scoreDraft(labelled, draft.project.indicators, categoryOf, draft.fallback));
    naive.push(scoreDraft(labelled, naiveDraft(all.filter((entry) => !excluded.has(entry.id))), categoryOf, false));
    framework.push(scoreDraft(labelled, frameworkDraft(labelled, year), categoryOf, true));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { drafter: summarize(drafter), naive: summarize(naive), framework: summarize(framework), millis: { median: at(0.5), p95: at(0.95) } };
}

// Drafting a 绩效目标表 for a new project from the library: the most similar past projects are
// found, their indicators gathered by 二级指标, the best supported of each kind chosen and made to
// fit the new project (adapt.ts), and the draft reviewed by the validator before it is returned.
import { parseValue } from '../extract/values.ts';
import type { LibraryStore } from '../library/store.ts';
import { bigrams, diceOf } from '../library/text.ts';
import type { Project } from '../schemas/extraction.ts';
import type { Draft, DraftIndicator, DraftRequest, SearchHit } from '../schemas/library.ts';
import { validateProject } from '../validate/engine.ts';
import { fitCandidate, type ProjectFacts } from './adapt.ts';
import { gatherCandidates, level2Share, type Candidate, type SourcedProject } from './candidates.ts';
import { quantityName, statedQuantities, type StatedQuantity } from './quantities.ts';
import { TEMPLATES } from './templates.ts';

/** What every draft covers (the framework's 产出 dimensions, effect and satisfaction), and how many rows each may get. */
const PLAN: readonly { level1: string; level2: string; max: number }[] = [
  { level1: '产出指标', level2: '数量指标', max: 2 },
  { level1: '产出指标', level2: '质量指标', max: 2 },
  { level1: '产出指标', level2: '时效指标', max: 1 },
  { level1: '产出指标', level2: '成本指标', max: 2 },
  { level1: '效益指标', level2: '社会效益指标', max: 2 },
  { level1: '满意度指标', level2: '服务对象满意度指标', max: 1 },
];

/** Other 效益 dimensions, drafted when this share of similar projects measures them. */
const OPTIONAL_EFFECTS = ['经济效益指标', '生态效益指标', '可持续影响指标'] as const;
const OPTIONAL_SHARE = 0.25;
/** A second row of one kind needs this much of the first's support. */
const SECOND_ROW_SUPPORT = 0.6;
/** Similar projects drawn on. */
export const NEIGHBOURS = 20;
/** Projects looked at when no similar one has a kind of indicator the draft needs, and their weight. */
const POOL = 60;
const FALLBACK_SIMILARITY = 0.02;

/** Measures of money going out are no output (INPUT_AS_RESULT); vague values are weak. */
const INPUT_MEASURE = /到位率|拨付|执行率|支出进度|支付进度/;

export interface DraftOptions {
  /** library projects not to draw on (the project itself, in leave-one-out evaluation) */
  excludeIds?: readonly number[];
}

function queryOf(request: DraftRequest): string {
  return [request.name, request.purpose ?? '', ...(request.goals ?? [])].join(' ');
}

/** How well a candidate suits the new project: support, closeness of its name, and the quality of its value. */
function suitability(candidate: Candidate, queryGrams: readonly string[]): number {
  const name = candidate.indicator.name ?? '';
  const relevance = 0.5 + diceOf(candidate.grams, queryGrams);
  const value = candidate.indicator.value;
  const quality = INPUT_MEASURE.test(name) ? 0.3 : value.kind === 'text' ? 0.5 : 1;
  return candidate.support * relevance * quality;
}

/** The most similar projects, same place first, then anywhere: a unit's own past tables are the best model, others' next. */
export function similarProjects(library: LibraryStore, request: DraftRequest, options: DraftOptions = {}): SearchHit[] {
  const query = queryOf(request);
  const excludeIds = options.excludeIds ?? [];
  let hits = request.region ? library.search(query, { region: request.region, limit: NEIGHBOURS, excludeIds }) : [];
  if (hits.length < NEIGHBOURS) {
    const seen = new Set(hits.map((hit) => hit.project.id));
    const more = library.search(query, { limit: NEIGHBOURS, excludeIds }).filter((hit) => !seen.has(hit.project.id));
    hits = [...hits, ...more.map((hit) => ({ ...hit, similarity: hit.similarity * (hits.length > 0 ? 0.8 : 1) }))].slice(0, NEIGHBOURS);
  }
  return hits;
}

function sourcedProjects(library: LibraryStore, hits: readonly SearchHit[]): SourcedProject[] {
  const byId = new Map(library.getMany(hits.map((hit) => hit.project.id)).map((project) => [project.id, project]));
  return hits.flatMap((hit) => {
    const found = byId.get(hit.project.id);
    return found ? [{ library: found, similarity: Math.max(hit.similarity, 0.05) }] : [];
  });
}

/** The unit's own other tables in the library (its usual practice), at most POOL. */
function unitProjects(library: LibraryStore, request: DraftRequest, options: DraftOptions): SourcedProject[] {
  if (!request.unit) return [];
  const excluded = new Set(options.excludeIds ?? []);
  const ids = library.list({ unit: request.unit, exactUnit: true, limit: POOL }).map((summary) => summary.id).filter((id) => !excluded.has(id));
  return library.getMany(ids).map((found) => ({ library: found, similarity: 1 }));
}

/**
 * Projects to borrow a kind of indicator from when no similar project has one: the unit's own,
 * then the region's, then any, at a low weight.
 */
function widerPool(library: LibraryStore, request: DraftRequest, options: DraftOptions, have: ReadonlySet<number>): SourcedProject[] {
  const excluded = new Set([...(options.excludeIds ?? []), ...have]);
  const lists = [request.unit ? library.list({ unit: request.unit, limit: POOL }) : [], request.region ? library.list({ region: request.region, limit: POOL }) : [], library.list({ limit: POOL })];
  const ids = [...new Set(lists.flat().map((summary) => summary.id))].filter((id) => !excluded.has(id)).slice(0, POOL);
  return library.getMany(ids).map((found) => ({ library: found, similarity: FALLBACK_SIMILARITY }));
}

/**
 * The kinds to draft: the plan, and the other 效益 dimensions that similar projects, or the unit's
 * own other tables, usually measure.
 */
function plannedKinds(projects: readonly SourcedProject[], unitProjects: readonly SourcedProject[]): { level1: string; level2: string; max: number }[] {
  const usual = (level2: string) => level2Share(projects, level2) >= OPTIONAL_SHARE || (unitProjects.length >= 2 && level2Share(unitProjects, level2) >= 0.5);
  const optional = OPTIONAL_EFFECTS.filter(usual).map((level2) => ({ level1: '效益指标', level2, max: 1 }));
  const plan = [...PLAN.slice(0, 5), ...optional, PLAN[5]!];
  return plan;
}

export function draftProject(library: LibraryStore, request: DraftRequest, options: DraftOptions = {}): Draft {
  return draftFromHits(library, request, similarProjects(library, request, options), options);
}

/** The draft from given similar projects (as search found them, or reranked). */
export function draftFromHits(library: LibraryStore, request: DraftRequest, hits: SearchHit[], options: DraftOptions = {}): Draft {
  const year = request.year ?? new Date().getFullYear();
  const facts: ProjectFacts = { name: request.name, budget: request.budget, year, purpose: request.purpose ?? null, quantities: statedQuantities(request.purpose) };
  const projects = sourcedProjects(library, hits);
  const candidates = gatherCandidates(projects);
  const missing = PLAN.filter((kind) => !candidates.has(kind.level2));
  if (missing.length > 0) {
    const wider = gatherCandidates(widerPool(library, request, options, new Set(projects.map((entry) => entry.library.id))));
    for (const kind of missing) {
      const found = wider.get(kind.level2);
      if (found) candidates.set(kind.level2, found);
    }
  }
  const queryGrams = bigrams(queryOf(request));
  const usedQuantities = new Set<StatedQuantity>();
  const indicators: DraftIndicator[] = [];

  for (const kind of plannedKinds(projects, unitProjects(library, request, options))) {
    const ranked = (candidates.get(kind.level2) ?? []).map((candidate) => ({ candidate, score: suitability(candidate, queryGrams) })).sort((a, b) => b.score - a.score);
    const chosen = ranked.filter(({ score }, index) => index === 0 || (index < kind.max && score >= ranked[0]!.score * SECOND_ROW_SUPPORT)).map(({ candidate }) => candidate);
    const template = TEMPLATES[kind.level2];
    if (chosen.length === 0 && template) {
      // The purpose's own quantities first; the framework's usual target only when there are none.
      const stated = kind.level2 === '数量指标' ? facts.quantities.filter((quantity) => !usedQuantities.has(quantity)) : [];
      const rows = stated.length > 0 ? stated.slice(0, kind.max).map((quantity) => fromPurpose(quantity, usedQuantities)) : [template(facts)];
      for (const row of rows) indicators.push({ level1: kind.level1, level2: kind.level2, description: null, remark: null, fundingLine: null, sources: [], ...row });
      continue;
    }
    // Cost items share the budget between them.
    const costShare = 1 / Math.max(1, chosen.length);
    for (const candidate of chosen) {
      const fitted = fitCandidate(candidate, facts, { usedQuantities, costShare });
      if (indicators.some((indicator) => indicator.name === fitted.name)) continue;
      indicators.push({
        level1: kind.level1,
        level2: kind.level2,
        name: fitted.name,
        description: null,
        value: fitted.value,
        basis: fitted.basis,
        remark: null,
        fundingLine: null,
        sources: candidate.sources,
        rationale: fitted.rationale,
      });
    }
  }

  perUnitCost(indicators, facts);
  const project: Project & { indicators: DraftIndicator[] } = {
    title: null,
    code: null,
    name: request.name,
    unit: request.unit ? { code: null, name: request.unit } : null,
    owner: null,
    budget: { total: request.budget, fiscal: null, other: null },
    purpose: request.purpose ?? null,
    spendingPlan: [],
    goals: request.goals ?? (request.purpose ? [request.purpose] : []),
    indicators,
  };
  return { project, findings: validateProject(project, 0, year), similar: hits, refinedBy: null };
}

/**
 * A lone cost ceiling equal to the whole budget says nothing (COST_RESTATES_BUDGET); when the
 * purpose states how many are served or made, the cost per unit does.
 */
function perUnitCost(indicators: DraftIndicator[], facts: ProjectFacts): void {
  const costs = indicators.filter((indicator) => indicator.level2 === '成本指标');
  const [only] = costs;
  const stated = facts.quantities.find((quantity) => quantity.number > 1);
  if (costs.length !== 1 || !only || !stated || only.value.number !== facts.budget || only.value.unit !== '万元') return;
  const each = Math.floor((facts.budget / stated.number) * 100) / 100;
  Object.assign(only, {
    name: `每${stated.measure}成本`,
    value: parseValue(`≤${each}万元/${stated.measure}`),
    basis: `计划标准：本项目预算${facts.budget}万元÷“${stated.phrase}”`,
    rationale: `用单位成本代替与预算相同的总成本：预算除以资金用途写明的数量。`,
  });
}

/** A 数量指标 from a quantity the purpose states, when no similar project has one to follow. */
function fromPurpose(quantity: StatedQuantity, used: Set<StatedQuantity>): Pick<DraftIndicator, 'name' | 'value' | 'basis' | 'rationale'> {
  used.add(quantity);
  return {
    name: quantityName(quantity),
    value: parseValue(quantity.raw),
    basis: `计划标准：依据项目资金用途“${quantity.phrase}”`,
    rationale: `数量取自本项目资金用途中写明的“${quantity.phrase}”。`,
  };
}

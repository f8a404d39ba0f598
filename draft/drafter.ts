// Drafting a 绩效目标表 for a new project: its category read from its words, the library projects
// close enough to draw on found (precedents.ts: an absolute similarity with a floor, the same
// category first), their indicators gathered by 二级指标, the best supported of each kind chosen and
// made to fit the new project (adapt.ts); a kind no precedent has comes from the category's
// template (templates.ts), marked as such. The draft is reviewed by the validator before it is returned.
import { parseValue } from '../extract/values.ts';
import { classifyProject, type CategoryGuess } from '../library/category.ts';
import type { LibraryStore } from '../library/store.ts';
import { bigrams, diceOf } from '../library/text.ts';
import { wordSet, words } from '../library/words.ts';
import type { Project } from '../schemas/extraction.ts';
import type { Draft, DraftIndicator, DraftRequest } from '../schemas/library.ts';
import { validateProject } from '../validate/engine.ts';
import { budgetYear } from '../validate/years.ts';
import { LEVEL2_PARENT } from '../vocab/levels.ts';
import { fitCandidate, type Fitted, type ProjectFacts } from './adapt.ts';
import { gatherCandidates, level2Share, type Candidate, type SourcedProject } from './candidates.ts';
import { FLOOR, findPrecedents, STRONG, type DraftOptions, type Precedents } from './precedents.ts';
import { quantityName, statedQuantities, type StatedQuantity } from './quantities.ts';
import { projectSubject } from './subject.ts';
import { templateRow } from './templates.ts';

export type { DraftOptions } from './precedents.ts';

/** What every draft covers (the framework's 产出 dimensions, effect and satisfaction), and how many rows each may get. */
const PLAN: readonly { level2: string; max: number }[] = [
  { level2: '数量指标', max: 2 },
  { level2: '质量指标', max: 2 },
  { level2: '时效指标', max: 1 },
  { level2: '成本指标', max: 2 },
  { level2: '社会效益指标', max: 2 },
];
const SATISFACTION = { level2: '服务对象满意度指标', max: 1 };

/** Other 效益 dimensions: drafted when the category usually reports them, or this share of the precedents does. */
const OPTIONAL_EFFECTS = ['经济效益指标', '生态效益指标', '可持续影响指标'] as const;
const OPTIONAL_SHARE = 0.25;
/** Quantities of the purpose drafted besides the precedents' own. */
const MOST_STATED = 3;
/** A second row of one kind needs this much of the first's support. */
const SECOND_ROW_SUPPORT = 0.6;

/** Measures of money going out are no output (INPUT_AS_RESULT); vague values are weak. */
const INPUT_MEASURE = /到位率|拨付|执行率|支出进度|支付进度/;

/** How well a candidate suits the new project: support, closeness of its name, and the quality of its value. */
function suitability(candidate: Candidate, queryGrams: readonly string[]): number {
  const name = candidate.indicator.name ?? '';
  const relevance = 0.5 + diceOf(candidate.grams, queryGrams);
  const value = candidate.indicator.value;
  const quality = INPUT_MEASURE.test(name) ? 0.3 : value.kind === 'text' ? 0.5 : 1;
  return candidate.support * relevance * quality;
}

/**
 * A precedent's row that names the precedent's own subject, which the new project does not have
 * (冻肉储备规模 for a vegetable reserve, 生猪活体 for a water gauge): not a row for this project.
 * From a precedent that is not close, neither is a row named in words few projects use (饲料库,
 * 打井、配电): such items are that project's own; only the common measures of its kind carry over.
 */
function namesAnotherSubject(candidate: Candidate, requestWords: ReadonlySet<string>, isCommonWord: (word: string) => boolean): boolean {
  const subject = wordSet(candidate.from.library.project.name ?? '');
  const own = words(candidate.indicator.name ?? '').filter((word) => !requestWords.has(word));
  if (own.some((word) => subject.has(word))) return true;
  return candidate.similarity < STRONG && own.some((word) => !isCommonWord(word));
}

/** The kinds to draft: the plan, and the other 效益 dimensions the category or the precedents usually report. */
function plannedKinds(projects: readonly SourcedProject[], guess: CategoryGuess | null): { level2: string; max: number }[] {
  const usual = (level2: (typeof OPTIONAL_EFFECTS)[number]) =>
    (guess ? guess.category.effects.includes(level2) : level2 === '可持续影响指标') || (projects.length > 0 && level2Share(projects, level2) >= OPTIONAL_SHARE);
  return [...PLAN, ...OPTIONAL_EFFECTS.filter(usual).map((level2) => ({ level2, max: 1 })), SATISFACTION];
}

export async function draftProject(library: LibraryStore, request: DraftRequest, options: DraftOptions = {}): Promise<Draft> {
  const guess = classifyProject({ name: request.name, purpose: request.purpose, goals: request.goals });
  return draftFromPrecedents(request, guess, await findPrecedents(library, request, guess, options));
}

/** A drafted row; only a row drawn from precedents keeps their sources and similarity. */
function row(level2: string, fitted: Fitted, sources: Candidate['sources'] = [], similarity: number | null = null): DraftIndicator {
  const drawn = fitted.origin === 'precedent';
  return { level1: LEVEL2_PARENT[level2] ?? null, level2, description: null, remark: null, fundingLine: null, sources: drawn ? sources : [], similarity: drawn ? similarity : null, ...fitted };
}

/**
 * The budget year a draft is written for: the one asked, else the one its name states
 * (2027年城区公共厕所改造提升项目), else this year. Without the name's, a draft for 2027 asked for
 * no year got 2026's deadlines and then a YEAR_MISMATCH of its own making.
 */
export function draftYear(request: Pick<DraftRequest, 'year' | 'name'>): number {
  return request.year ?? budgetYear({ title: null, name: request.name }, null) ?? new Date().getFullYear();
}

/** The draft from given precedents (as found, or reranked by a model's embeddings). */
export function draftFromPrecedents(request: DraftRequest, guess: CategoryGuess | null, precedents: Precedents): Draft {
  const year = draftYear(request);
  const facts: ProjectFacts = { name: request.name, budget: request.budget ?? null, year, purpose: request.purpose ?? null, quantities: statedQuantities(request.purpose), subject: projectSubject(request.name) };
  const { projects } = precedents;
  const requestWords = wordSet([request.name, request.purpose ?? '', ...(request.goals ?? [])].join(' '));
  const candidates = gatherCandidates(projects);
  const queryGrams = bigrams([request.name, request.purpose ?? ''].join(' '));
  const usedQuantities = new Set<StatedQuantity>();
  const indicators: DraftIndicator[] = [];
  const add = (entry: DraftIndicator) => {
    if (!indicators.some((other) => other.name === entry.name)) indicators.push(entry);
  };

  for (const kind of plannedKinds(projects, guess)) {
    const ranked = (candidates.get(kind.level2) ?? [])
      .filter((candidate) => !namesAnotherSubject(candidate, requestWords, precedents.isCommonWord))
      .map((candidate) => ({ candidate, score: suitability(candidate, queryGrams) }))
      .sort((a, b) => b.score - a.score);
    const chosen = ranked.filter(({ score }, index) => index === 0 || (index < kind.max && score >= ranked[0]!.score * SECOND_ROW_SUPPORT)).map(({ candidate }) => candidate);
    if (chosen.length === 0) {
      // The purpose's own quantities first; the template's row when there are none.
      const stated = kind.level2 === '数量指标' ? facts.quantities.filter((quantity) => !usedQuantities.has(quantity)).slice(0, kind.max) : [];
      for (const quantity of stated) add(row(kind.level2, fromPurpose(quantity, usedQuantities)));
      const template = stated.length === 0 ? templateRow(kind.level2, guess, facts) : null;
      if (template) add(row(kind.level2, template));
      continue;
    }
    // Cost items share the budget between them.
    const costShare = 1 / Math.max(1, chosen.length);
    for (const candidate of chosen) add(row(kind.level2, fitCandidate(candidate, facts, { usedQuantities, costShare }), candidate.sources, candidate.similarity));
    // What the purpose promises is drafted whatever the precedents count.
    if (kind.level2 === '数量指标') {
      const unused = facts.quantities.filter((quantity) => !usedQuantities.has(quantity)).slice(0, MOST_STATED);
      for (const quantity of unused) add(row(kind.level2, fromPurpose(quantity, usedQuantities)));
    }
  }

  perUnitCost(indicators, facts);
  const project: Project & { indicators: DraftIndicator[] } = {
    title: null,
    code: null,
    name: request.name,
    unit: request.unit ? { code: null, name: request.unit } : null,
    owner: null,
    budget: { total: request.budget ?? null, fiscal: null, other: null },
    purpose: request.purpose ?? null,
    spendingPlan: [],
    goals: request.goals ?? (request.purpose ? [request.purpose] : []),
    indicators,
  };
  return {
    project,
    findings: validateProject(project, 0, year),
    category: guess ? { name: guess.category.name, reason: guess.reason } : null,
    similar: precedents.hits,
    floor: FLOOR,
    fallback: projects.length === 0,
    refinedBy: null,
  };
}

/**
 * A lone cost ceiling equal to the whole budget says nothing (COST_RESTATES_BUDGET); when the
 * purpose states one count of what is served or made, the cost per unit does. A purpose that lists
 * several counts shares its budget between them: no one of them has the whole budget as its cost.
 */
function perUnitCost(indicators: DraftIndicator[], facts: ProjectFacts): void {
  const costs = indicators.filter((indicator) => indicator.level2 === '成本指标');
  const [only] = costs;
  const [stated, ...others] = facts.quantities;
  if (costs.length !== 1 || !only || !stated || others.length > 0 || stated.number <= 1 || facts.budget === null) return;
  if (only.value.number !== facts.budget || only.value.unit !== '万元') return;
  const measure = stated.measure.replace(/^[万千]/, '');
  const each = Math.floor((facts.budget / stated.number) * 100) / 100;
  if (each <= 0 || measure !== stated.measure) return;
  Object.assign(only, {
    name: `每${measure}成本`,
    value: parseValue(`≤${each}万元/${measure}`),
    basis: `计划标准：本项目预算${facts.budget}万元÷“${stated.phrase}”`,
    rationale: '用单位成本代替与预算相同的总成本：预算除以资金用途写明的数量。',
    origin: 'request',
    confidence: 'high',
    check: null,
    similarity: null,
    sources: [],
  } satisfies Partial<DraftIndicator>);
}

/** A 数量指标 from a quantity the purpose states, when no precedent has one to follow. */
function fromPurpose(quantity: StatedQuantity, used: Set<StatedQuantity>): Fitted {
  used.add(quantity);
  return {
    name: quantityName(quantity),
    value: parseValue(quantity.raw),
    basis: `计划标准：依据项目资金用途“${quantity.phrase}”`,
    rationale: `数量取自本项目资金用途中写明的“${quantity.phrase}”。`,
    origin: 'request',
    confidence: 'high',
    check: null,
  };
}

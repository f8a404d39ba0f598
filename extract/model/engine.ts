// The three engines. `rules` reads alone. `llm` has the model read every section of the document
// (sections.ts) for its projects and indicator rows; the document's header fields, its part-one
// objectives and the project fields the model is not asked for (title, owner, purpose, goals,
// spending plan) come from the rules' reading of the same project. `auto` runs the rules and sends
// the model only what they could not read (unparsed grids, prose indicators they did not place)
// to add, and the tables OCR read with low confidence to check: there the rules' reading stands and
// a row the model reads differently is flagged (MODEL_DISAGREES). Without a model, `auto` is `rules`.
import { addUsage, emptyUsage, type Usage } from '../../llm/ask-json.ts';
import type { Llm } from '../../llm/client.ts';
import { loadPrompt } from '../../llm/prompts.ts';
import type { Doc } from '../../schemas/doc.ts';
import type { Extraction, Indicator, Project, Warning } from '../../schemas/extraction.ts';
import { extractWithRules } from '../rules.ts';
import { EngineError, type EngineOptions } from './options.ts';
import { groundingForm } from './grounding.ts';
import { readSection, type SectionRead } from './read-section.ts';
import { sectionsOf, type Section } from './sections.ts';
import { TARGET_SHAPE } from '../../vocab/values.ts';


const PROMPT = 'extract-table';

/** Tokens a request will take, before it is sent: Chinese runs about a token per 1.5 characters. */
export const estimateTokens = (characters: number) => Math.ceil(characters / 1.5);

/**
 * The extraction by the engine asked for, from the rules' extraction of the same document and the
 * document model it was read from.
 */
export async function runEngine(rules: Extraction, doc: Doc, options: EngineOptions): Promise<Extraction> {
  if (options.engine === 'rules') return rules;
  if (!options.llm) {
    if (options.engine === 'auto') return rules;
    throw new EngineError('the llm engine needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL (and OPENAI_API_KEY), or use the rules engine');
  }
  const llm = options.llm;
  const prompt = loadPrompt(PROMPT, options.promptVersion);
  const plan = options.engine === 'llm' ? { read: await sectionsOf(doc), check: [] as Section[] } : await autoPlan(rules, doc);
  const all = [...plan.read, ...plan.check];
  const reads = await readAll(llm, prompt, all, options.model);
  const usage = emptyUsage();
  for (const read of reads.values()) addUsage(usage, read.usage);

  const warnings: Warning[] = [...reads.values()].flatMap((read) => read.warnings);
  warnings.push(...missingRows(plan.read, reads), ...budgetWarnings(all, reads));
  const failedOutputs = all.flatMap((section) => {
    const read = reads.get(section.index);
    return read?.failedOutput ? [{ section: section.index, output: read.failedOutput, problem: read.problem ?? '' }] : [];
  });

  const modelProjects = joinContinuations(
    plan.read.flatMap((section) => {
      const read = reads.get(section.index);
      if (read && read.problem === null) return read.projects;
      // The model could not read it (or the budget ran out): under `llm` the rules' reading of those
      // blocks stands, once per cut block; under `auto` the rules had nothing there to keep.
      if (options.engine !== 'llm' || plan.read.some((other) => other.group === section.group && other.index < section.index)) return [];
      return extractWithRules({ blocks: section.blocks.map((index) => doc.blocks[index]!) }).document.projects;
    }),
  );
  const document =
    options.engine === 'llm'
      ? { ...rules.document, projects: modelProjects.map((project) => withRulesFields(project, rules.document.projects)) }
      : { ...rules.document, projects: [...rules.document.projects, ...modelProjects] };
  if (options.engine === 'auto') warnings.push(...disagreements(plan.check, reads, rules.document.projects));

  const config = llm.config;
  const costUsd =
    config.LLM_PRICE_INPUT === undefined || config.LLM_PRICE_OUTPUT === undefined ? null : (usage.promptTokens * config.LLM_PRICE_INPUT + usage.completionTokens * config.LLM_PRICE_OUTPUT) / 1_000_000;
  return {
    ...rules,
    document,
    // The rules' own warnings about what they could not read stay: the model's reading of it is flagged beside them.
    warnings: [...(options.engine === 'llm' ? rules.warnings.filter((warning) => !['UNPARSED_TABLE', 'NO_INDICATORS'].includes(warning.code)) : rules.warnings), ...warnings],
    // The pipeline validates the model's reading.
    findings: [],
    engine: {
      name: options.engine,
      model: options.model ?? config.JIXIAO_MODEL,
      promptVersion: prompt.version,
      requests: usage.requests,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      costUsd,
      sections: reads.size,
    },
    ...(failedOutputs.length > 0 ? { debug: { failedOutputs } } : {}),
  };
}

/** What `auto` sends: blocks the rules left unread, and OCR tables they read with low confidence. */
export async function autoPlan(rules: Extraction, doc: Doc): Promise<{ read: Section[]; check: Section[] }> {
  const tableBlocks = doc.blocks.flatMap((block, index) => (block.kind === 'table' ? [index] : []));
  const unread = new Set<number>();
  for (const warning of rules.warnings) {
    if (warning.code !== 'UNPARSED_TABLE') continue;
    if (warning.loc.table !== undefined) {
      const block = tableBlocks[warning.loc.table - 1];
      if (block !== undefined) unread.add(block);
    } else if (warning.loc.line !== undefined) {
      const block = doc.blocks.findIndex((candidate) => candidate.kind === 'paragraph' && candidate.source.lineStart === warning.loc.line);
      if (block >= 0) unread.add(block);
    }
  }
  // Prose the rules did not place: with no table found, any paragraph that speaks of indicators;
  // otherwise paragraphs that state indicators (the word and at least two targets) and that no
  // objective, goal or purpose the rules read contains.
  const noTables = rules.warnings.some((warning) => warning.code === 'NO_TABLES_FOUND');
  const placed = [
    ...rules.document.objectives.flatMap((objective) => [objective.goal, objective.indicatorText]),
    ...rules.document.projects.flatMap((project) => [project.purpose, ...project.goals]),
  ]
    .filter((text): text is string => Boolean(text))
    .map(groundingForm)
    .join('\n');
  doc.blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph' || !/指标|绩效目标/.test(block.text)) return;
    // A label before the text (绩效指标：) is not part of what the rules keep.
    const form = groundingForm(block.text).replace(/^[^:：]{1,10}[:：]/, '');
    const targets = form.match(TARGET_SHAPE)?.length ?? 0;
    if (noTables || (targets >= 2 && !placed.includes(form.slice(0, 30)))) unread.add(index);
  });
  // LOW_OCR_CONFIDENCE names the block (table is its 1-based index among all blocks).
  const doubtful = new Set(rules.warnings.filter((warning) => warning.code === 'LOW_OCR_CONFIDENCE' && warning.loc.table !== undefined).map((warning) => warning.loc.table! - 1));
  for (const block of unread) doubtful.delete(block);
  const read = unread.size > 0 ? await sectionsOf(doc, unread) : [];
  const check = doubtful.size > 0 ? (await sectionsOf(doc, doubtful)).map((section) => ({ ...section, index: section.index + read.length, group: section.group + read.length })) : [];
  return { read, check };
}

/** Sections read with at most LLM_CONCURRENCY requests at once, within the document's token budget. */
async function readAll(llm: Llm, prompt: ReturnType<typeof loadPrompt>, sections: readonly Section[], model?: string): Promise<Map<number, SectionRead>> {
  const reads = new Map<number, SectionRead>();
  let committed = 0;
  let next = 0;
  const worker = async () => {
    while (next < sections.length) {
      const section = sections[next++]!;
      // Reserved before the request from an estimate, settled with what the endpoint reports.
      const estimate = estimateTokens(prompt.text.length + section.text.length) * 2;
      if (committed + estimate > llm.config.LLM_TOKEN_BUDGET) continue;
      committed += estimate;
      const read = await readSection(llm, prompt, section, sections.length, model);
      committed += read.usage.promptTokens + read.usage.completionTokens - estimate;
      reads.set(section.index, read);
    }
  };
  await Promise.all(Array.from({ length: Math.min(llm.config.LLM_CONCURRENCY, sections.length) }, worker));
  return reads;
}

function budgetWarnings(sections: readonly Section[], reads: ReadonlyMap<number, SectionRead>): Warning[] {
  const skipped = sections.filter((section) => !reads.has(section.index)).map((section) => section.index);
  if (skipped.length === 0) return [];
  return [{ code: 'LLM_TOKEN_BUDGET_SPENT', message: `模型用量已达上限，第${skipped.join('、')}段未读取: the document's token budget (LLM_TOKEN_BUDGET) was spent before section(s) ${skipped.join(', ')}`, loc: {} }];
}

/** A section group whose answer has fewer rows than its grids hold. */
function missingRows(sections: readonly Section[], reads: ReadonlyMap<number, SectionRead>): Warning[] {
  const groups = new Map<number, { sections: Section[]; rows: number; read: boolean }>();
  for (const section of sections) {
    const read = reads.get(section.index);
    const group = groups.get(section.group) ?? { sections: [], rows: 0, read: true };
    group.sections.push(section);
    group.rows += read?.projects.reduce((sum, project) => sum + project.indicators.length, 0) ?? 0;
    // A section the model failed on is reported as such, not as missing rows.
    group.read &&= read !== undefined && read.problem === null;
    groups.set(section.group, group);
  }
  return [...groups.values()].flatMap((group) => {
    const expected = group.sections[0]!.gridRows;
    if (!group.read || group.rows >= expected) return [];
    const where = group.sections.map((section) => section.index).join('、');
    return [{ code: 'MISSING_ROWS', message: `第${where}段的表格有${expected}行指标，模型只读出${group.rows}行: the grid of section ${where} has ${expected} indicator rows; the model returned ${group.rows}`, loc: {} }];
  });
}

/** A project the model begins without a name, right after another, continues it (a grid cut between sections). */
function joinContinuations(projects: readonly Project[]): Project[] {
  const joined: Project[] = [];
  for (const project of projects) {
    const previous = joined.at(-1);
    if (previous && project.name === null && project.code === null) previous.indicators.push(...project.indicators);
    else joined.push({ ...project, indicators: [...project.indicators] });
  }
  return joined;
}

/** The fields the model is not asked for, from the rules' project of the same name. */
function withRulesFields(project: Project, rulesProjects: readonly Project[]): Project {
  const key = project.name === null ? null : groundingForm(project.name);
  const same = key === null ? undefined : rulesProjects.find((candidate) => candidate.name !== null && groundingForm(candidate.name) === key);
  if (!same) return project;
  const budget = { total: project.budget.total ?? same.budget.total, fiscal: same.budget.fiscal, other: same.budget.other };
  const merged: Project = {
    ...project,
    title: same.title,
    code: project.code ?? same.code,
    unit: project.unit ?? same.unit,
    owner: same.owner,
    budget,
    purpose: same.purpose,
    spendingPlan: same.spendingPlan,
    goals: same.goals,
  };
  // How surely OCR read the amounts the rules' reading gives (the total too, when the model's is the same figure).
  const { 'budget.total': total, ...rest } = same.ocrConfidence ?? {};
  const ocrConfidence = { ...rest, ...(total !== undefined && budget.total === same.budget.total ? { 'budget.total': total } : {}) };
  if (Object.keys(ocrConfidence).length > 0) merged.ocrConfidence = ocrConfidence;
  else delete merged.ocrConfidence;
  return merged;
}

/** Rows of the checked OCR tables the model reads with another value than the rules did. */
function disagreements(sections: readonly Section[], reads: ReadonlyMap<number, SectionRead>, rulesProjects: readonly Project[]): Warning[] {
  const byName = new Map<string, Indicator>();
  for (const row of rulesProjects.flatMap((project) => project.indicators)) if (row.name) byName.set(groundingForm(row.name), row);
  return sections.flatMap((section) =>
    (reads.get(section.index)?.projects ?? []).flatMap((project) =>
      project.indicators.flatMap((row): Warning[] => {
        const ruled = row.name ? byName.get(groundingForm(row.name)) : undefined;
        if (!ruled || groundingForm(ruled.value.raw) === groundingForm(row.value.raw)) return [];
        return [{ code: 'MODEL_DISAGREES', message: `“${row.name}”的指标值：规则读作“${ruled.value.raw}”，模型读作“${row.value.raw}”，请核对: the rules read "${ruled.value.raw}", the model "${row.value.raw}"`, loc: {} }];
      }),
    ),
  );
}

export type { EngineOptions, Usage };

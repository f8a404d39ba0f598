// When a model is configured, it may refine a draft's wording and fill gaps from the precedents the
// drafter found (those above the similarity floor; none when the draft is a fallback). What it says
// is held to the draft's own standards: the schema, every added row grounded in one of those
// precedents and on the framework's levels, no number that is not in the request or the examples,
// and no more validator errors than before; otherwise the rules' draft stands as it was.
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { canonicalLevels } from '../vocab/canonical-levels.ts';
import { LEVEL2_PARENT } from '../vocab/levels.ts';
import { normalizeOptional } from '../extract/normalize.ts';
import { parseValue } from '../extract/values.ts';
import type { Llm } from '../llm/client.ts';
import { loadPrompt } from '../llm/prompts.ts';
import type { LibraryStore } from '../library/store.ts';
import { bigrams, diceOf } from '../library/text.ts';
import type { Draft, DraftIndicator, DraftRequest, LibraryProject } from '../schemas/library.ts';
import { validateProject } from '../validate/engine.ts';
import { draftYear } from './drafter.ts';

const RefineAnswer = z.object({
  rows: z.array(z.object({ index: z.number().int().min(0), name: z.string().min(1), description: z.string().nullable(), rationale: z.string().min(1) })),
  added: z
    .array(
      z.object({
        level1: z.string(),
        level2: z.string(),
        name: z.string().min(1),
        description: z.string().nullable(),
        value: z.string().min(1),
        basis: z.string().min(1),
        rationale: z.string().min(1),
        sourceProjectId: z.number().int(),
      }),
    )
    .max(3),
});

type RefineAnswer = z.infer<typeof RefineAnswer>;

export interface RefineOutcome {
  draft: Draft;
  /** why the model's answer was not used, when it was not */
  rejected: string | null;
  usage: { promptTokens: number; completionTokens: number } | null;
}

/** Numbers as they are written (ASCII or full-width digits, a decimal point), for comparing texts. */
export function numbersIn(text: string): string[] {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  return (ascii.match(/\d+(?:\.\d+)?/g) ?? []).map((number) => String(Number(number)));
}

/** What the model was shown as examples: the rows of the precedents the draft found. */
async function examplesOf(library: LibraryStore, draft: Draft) {
  const ids = draft.similar.map((hit) => hit.project.id).slice(0, 8);
  return (await library.getMany(ids)).map((entry) => ({
    projectId: entry.id,
    project: entry.project.name,
    year: entry.year,
    rows: entry.project.indicators.map((row) => ({ level1: row.level1, level2: row.level2, name: row.name, description: row.description, value: row.value.raw, basis: row.basis })),
  }));
}

export async function refineDraft(llm: Llm, library: LibraryStore, request: DraftRequest, draft: Draft): Promise<RefineOutcome> {
  const prompt = loadPrompt('draft-refine');
  const examples = await examplesOf(library, draft);
  const rows = draft.project.indicators.map((row, index) => ({ index, level1: row.level1, level2: row.level2, name: row.name, value: row.value.raw, basis: row.basis }));
  const data = JSON.stringify({ project: request, draft: rows, examples });
  const completion = await llm.client.chat.completions.parse({
    model: llm.config.JIXIAO_MODEL,
    temperature: 0,
    messages: [
      { role: 'system', content: prompt.text },
      { role: 'user', content: `<<<DATA\n${data}\nDATA>>>` },
    ],
    response_format: zodResponseFormat(RefineAnswer, 'draft_refinement'),
  });
  const usage = completion.usage ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens } : null;
  const parsed = RefineAnswer.safeParse(completion.choices[0]?.message.parsed);
  if (!parsed.success) return { draft, rejected: `the answer does not fit the schema: ${z.prettifyError(parsed.error)}`, usage };

  // Every added row follows one of the precedents shown, on the framework's levels.
  const exampleIds = examples.map((example) => example.projectId);
  const sources = new Map((await library.getMany(parsed.data.added.map((row) => row.sourceProjectId))).map((entry) => [entry.id, entry]));
  const ungrounded = parsed.data.added.filter((row) => !exampleIds.includes(row.sourceProjectId) || !sources.has(row.sourceProjectId));
  if (ungrounded.length > 0) return { draft, rejected: `added rows not drawn from a precedent shown: ${ungrounded.map((row) => row.name).join(', ')}`, usage };
  const offFramework = parsed.data.added.filter((row) => !LEVEL2_PARENT[canonicalLevels(row.level1, row.level2).level2 ?? '']);
  if (offFramework.length > 0) return { draft, rejected: `added rows off the framework's levels: ${offFramework.map((row) => `${row.level1}/${row.level2}`).join(', ')}`, usage };

  // Every number the model writes must be one the request or the examples hold.
  const allowed = new Set(numbersIn(`${data}`));
  const invented = answerTexts(parsed.data).flatMap(numbersIn).filter((number) => !allowed.has(number));
  if (invented.length > 0) return { draft, rejected: `numbers not in the request or the examples: ${[...new Set(invented)].join(', ')}`, usage };

  const refined = applyAnswer(draft, parsed.data, sources);
  const year = draftYear(request);
  const errors = (project: Draft['project']) => validateProject(project, 0, year).filter((finding) => finding.severity === 'error').length;
  if (errors(refined) > errors(draft.project)) return { draft, rejected: 'the refined table has more validator errors', usage };
  return { draft: { ...draft, project: refined, findings: validateProject(refined, 0, year), refinedBy: `${llm.config.JIXIAO_MODEL} (${prompt.version})` }, rejected: null, usage };
}

function answerTexts(answer: RefineAnswer): string[] {
  return [...answer.rows.flatMap((row) => [row.name, row.description ?? '']), ...answer.added.flatMap((row) => [row.name, row.description ?? '', row.value])];
}

/** The draft with the answer's wording and added rows; `sources`: the added rows' precedents, read from the library. */
function applyAnswer(draft: Draft, answer: RefineAnswer, sources: ReadonlyMap<number, LibraryProject>): Draft['project'] {
  const indicators: DraftIndicator[] = draft.project.indicators.map((row) => ({ ...row }));
  for (const change of answer.rows) {
    const row = indicators[change.index];
    if (!row) continue;
    Object.assign(row, { name: normalizeOptional(change.name) ?? row.name, description: normalizeOptional(change.description), rationale: change.rationale });
  }
  for (const added of answer.added) {
    const levels = canonicalLevels(added.level1, added.level2);
    const source = sources.get(added.sourceProjectId);
    // The example row it follows: the one named most like it.
    const grams = bigrams(added.name);
    const rows = source?.project.indicators ?? [];
    const row = rows.reduce((best, candidate, index) => (diceOf(bigrams(candidate.name ?? ''), grams) > diceOf(bigrams(rows[best]?.name ?? ''), grams) ? index : best), 0);
    const similarity = draft.similar.find((hit) => hit.project.id === source?.id)?.similarity ?? 0;
    indicators.push({
      ...levels,
      name: normalizeOptional(added.name),
      description: normalizeOptional(added.description),
      value: parseValue(added.value),
      basis: added.basis,
      remark: null,
      fundingLine: null,
      sources: source ? [{ projectId: source.id, projectName: source.project.name, unit: source.project.unit?.name ?? null, year: source.year, row: row + 1, similarity }] : [],
      rationale: added.rationale,
      origin: 'model',
      similarity,
      confidence: 'low',
      check: '模型依据相近项目补充的指标，请核对',
    });
  }
  return { ...draft.project, indicators };
}

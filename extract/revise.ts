// After a person edits an extraction (on the web page), the fields they typed are written text;
// what the contract derives from text is derived again here exactly as the extractor derives it
// (values parsed from raw, levels canonicalised, text normalised), and the result is checked
// against the schema, so an edited extraction is as valid as an extracted one.
import { z } from 'zod';
import { Extraction, type Indicator, type Project } from '../schemas/extraction.ts';
import { canonicalLevels } from '../vocab/canonical-levels.ts';
import { normalizeOptional, normalizeText, stripNumbering } from './normalize.ts';
import { parseValue } from './values.ts';

/**
 * What an edit may leave loose, before revision: the parsed parts of a value (only `raw` is typed)
 * and nulls or strings where the contract is strict. Anything else must already fit.
 */
const EditedValue = z.object({ raw: z.string() }).passthrough();
const EditedIndicator = z.object({ value: EditedValue }).passthrough();
const EditedProject = z.object({ indicators: z.array(EditedIndicator), goals: z.array(z.string()) }).passthrough();
const EditedExtraction = z.object({ document: z.object({ projects: z.array(EditedProject) }).passthrough() }).passthrough();

export type ReviseResult = { ok: true; extraction: Extraction } | { ok: false; issues: { path: string; message: string }[] };

function reviseIndicator(indicator: Indicator): Indicator {
  const name = normalizeOptional(indicator.name);
  const value = parseValue(normalizeText(indicator.value.raw));
  const levels = canonicalLevels(indicator.level1, indicator.level2);
  return {
    ...indicator,
    ...levels,
    name,
    description: normalizeOptional(indicator.description),
    value: value.kind === 'empty' && name === '不涉及' ? { ...value, kind: 'not_applicable' } : value,
    basis: normalizeOptional(indicator.basis),
    remark: normalizeOptional(indicator.remark),
  };
}

function reviseProject(project: Project): Project {
  return {
    ...project,
    title: normalizeOptional(project.title),
    code: normalizeOptional(project.code),
    name: normalizeOptional(project.name),
    owner: normalizeOptional(project.owner),
    purpose: normalizeOptional(project.purpose),
    goals: project.goals.map((goal) => stripNumbering(normalizeText(goal))).filter((goal) => goal !== ''),
    indicators: project.indicators.map(reviseIndicator),
  };
}

const issuesOf = (error: z.ZodError) => error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

export function reviseExtraction(input: unknown): ReviseResult {
  const edited = EditedExtraction.safeParse(input);
  if (!edited.success) return { ok: false, issues: issuesOf(edited.error) };
  const draft = edited.data as unknown as Extraction;
  const revised = {
    ...draft,
    document: { ...draft.document, projects: draft.document.projects.map((project) => reviseProject(project)) },
  };
  const checked = Extraction.safeParse(revised);
  return checked.success ? { ok: true, extraction: checked.data } : { ok: false, issues: issuesOf(checked.error) };
}

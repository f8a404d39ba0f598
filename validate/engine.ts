// Runs the rules over every project of an extracted document and locates their hits.
import type { ExtractedDocument, Project } from '../schemas/extraction.ts';
import type { Finding } from '../schemas/findings.ts';
import { defaultConfig, type ValidatorConfig } from './config.ts';
import { unsureNote, unsureValue, type Unsure } from './ocr.ts';
import { gridNotRead, type Hit, type Rule } from './rule.ts';
import { rules as allRules } from './rules/index.ts';
import { budgetYear } from './years.ts';

/**
 * Findings on one project table: its table-level findings first, then row by row, each in rule
 * order. A project whose grid was not read gets PROJECT_NOT_READ, and none of the rules that
 * only say something is missing from the grid (Rule.absence).
 */
export function validateProject(
  project: Project,
  projectIndex: number,
  documentYear: number | null,
  config: ValidatorConfig = defaultConfig,
  rules: readonly Rule[] = allRules,
): Finding[] {
  const disabled = new Set(config.disabled);
  const context = { project, year: budgetYear(project, documentYear), config };
  const notRead = gridNotRead(project);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (disabled.has(rule.code) || (notRead && rule.absence)) continue;
    for (const hit of rule.check(context)) {
      const unsure = rule.severity === 'error' ? unsureOf(hit, project, config) : [];
      const note = unsure.length > 0 ? unsureNote(unsure) : null;
      findings.push({
        code: rule.code,
        // A figure OCR may have misread is to be checked before the table is sent back.
        severity: note ? 'warning' : rule.severity,
        message: note ? hit.message + note.zh : hit.message,
        messageEn: note ? `${hit.messageEn} ${note.en}` : hit.messageEn,
        loc: { projectIndex, projectName: project.name, indicatorIndex: hit.indicatorIndex, field: hit.field },
      });
    }
  }
  // Array.prototype.sort is stable: within a row, findings keep the rules' order.
  return findings.sort((a, b) => (a.loc.indicatorIndex ?? -1) - (b.loc.indicatorIndex ?? -1));
}

/** The low-confidence figures a hit rests on: those its rule names, and the row's own value when the hit is about it. */
function unsureOf(hit: Hit, project: Project, config: ValidatorConfig): Unsure[] {
  const indicator = hit.indicatorIndex === null ? undefined : project.indicators[hit.indicatorIndex];
  const own = indicator && hit.field === 'value' ? unsureValue(indicator, hit.indicatorIndex as number, config) : null;
  const all = [...(hit.unsure ?? []), ...(own ? [own] : [])];
  return all.filter((unsure, index) => all.findIndex((other) => other.what === unsure.what) === index);
}

/** Findings over every project of the document, in document order. */
export function validateDocument(document: Pick<ExtractedDocument, 'year' | 'projects'>, config: ValidatorConfig = defaultConfig): Finding[] {
  return document.projects.flatMap((project, index) => validateProject(project, index, document.year, config));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

// Runs the rules over every project of an extracted document and locates their hits.
import type { ExtractedDocument, Project } from '../schemas/extraction.ts';
import type { Finding } from '../schemas/findings.ts';
import { defaultConfig, type ValidatorConfig } from './config.ts';
import { gridNotRead, type Rule } from './rule.ts';
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
      findings.push({
        code: rule.code,
        severity: rule.severity,
        message: hit.message,
        messageEn: hit.messageEn,
        loc: { projectIndex, projectName: project.name, indicatorIndex: hit.indicatorIndex, field: hit.field },
      });
    }
  }
  // Array.prototype.sort is stable: within a row, findings keep the rules' order.
  return findings.sort((a, b) => (a.loc.indicatorIndex ?? -1) - (b.loc.indicatorIndex ?? -1));
}

/** Findings over every project of the document, in document order. */
export function validateDocument(document: Pick<ExtractedDocument, 'year' | 'projects'>, config: ValidatorConfig = defaultConfig): Finding[] {
  return document.projects.flatMap((project, index) => validateProject(project, index, document.year, config));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

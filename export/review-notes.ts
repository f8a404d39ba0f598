// The validator's findings as the 审核意见 a clerk reads on the exported form: each indicator row's
// findings beside the row, the table's own (budget, missing dimensions …) in a block under the
// grid. Only the Chinese message is written: the form is for the clerk, the code and the English
// stay in the JSON.
import type { Extraction } from '../schemas/extraction.ts';
import type { Finding, Severity } from '../schemas/findings.ts';
import { validateDocument } from '../validate/engine.ts';

/** How a reviewer's note names its weight, as the validator's report does. */
export const SEVERITY_ZH: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export interface ReviewNotes {
  /** findings on an indicator row, by the row's index in project.indicators */
  byRow: ReadonlyMap<number, readonly Finding[]>;
  /** findings on the table as a whole (indicatorIndex null) */
  project: readonly Finding[];
  /** all of this project's findings, for the counts */
  all: readonly Finding[];
}

/**
 * The findings of every project, computed from the extraction itself: the export says what the
 * validator says about the document as it is now (after a person's edits), whatever findings the
 * extraction arrived with, so the API, the CLI and the page write the same 审核意见.
 */
export function reviewFindings(extraction: Extraction): Finding[] {
  return validateDocument(extraction.document);
}

/** One project's findings, split into its rows' and its table's. */
export function notesOf(findings: readonly Finding[], projectIndex: number): ReviewNotes {
  const all = findings.filter((finding) => finding.loc.projectIndex === projectIndex);
  const byRow = new Map<number, Finding[]>();
  const project: Finding[] = [];
  for (const finding of all) {
    const row = finding.loc.indicatorIndex;
    if (row === null) project.push(finding);
    else byRow.set(row, [...(byRow.get(row) ?? []), finding]);
  }
  return { byRow, project, all };
}

/** A finding as one line of 审核意见: `【错误】第5行…`. */
export function noteLine(finding: Finding): string {
  return `【${SEVERITY_ZH[finding.severity]}】${finding.message}`;
}

/** The findings of a cell, one line each, or null when there are none. */
export function noteText(findings: readonly Finding[] | undefined): string | null {
  return findings && findings.length > 0 ? findings.map(noteLine).join('\n') : null;
}

/** The gravest severity among the findings, for the cell's colour. */
export function gravest(findings: readonly Finding[] | undefined): Severity | null {
  return SEVERITY_ORDER.find((severity) => findings?.some((finding) => finding.severity === severity)) ?? null;
}

/** `共5条：错误1条，警告2条，提示2条` (severities with none left out), or `未发现问题`. */
export function countLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return '未发现问题';
  const parts = SEVERITY_ORDER.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${SEVERITY_ZH[severity]}${count}条`);
  return `共${findings.length}条：${parts.join('，')}`;
}

// Counts across a document or a folder: which rules fire, which projects need attention.
import type { Finding, FindingCounts, ValidationSummary } from '../schemas/findings.ts';

export interface ValidatedDocument {
  /** The file, when a folder was validated; null for one document. */
  file: string | null;
  projectNames: ReadonlyArray<string | null>;
  findings: readonly Finding[];
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, total: findings.length };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

export function summarize(documents: readonly ValidatedDocument[]): ValidationSummary {
  const all = documents.flatMap((document) => document.findings);
  const byRule = new Map<string, number>();
  for (const finding of all) byRule.set(finding.code, (byRule.get(finding.code) ?? 0) + 1);
  return {
    projects: documents.reduce((sum, document) => sum + document.projectNames.length, 0),
    counts: countFindings(all),
    byRule: Object.fromEntries([...byRule].sort(([a, x], [b, y]) => y - x || a.localeCompare(b))),
    byProject: documents.flatMap((document) =>
      document.projectNames.map((projectName, projectIndex) => ({
        file: document.file,
        projectIndex,
        projectName,
        counts: countFindings(document.findings.filter((finding) => finding.loc.projectIndex === projectIndex)),
      })),
    ),
  };
}

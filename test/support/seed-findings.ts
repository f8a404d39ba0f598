// The compact, readable form of a finding used by fixtures/validation/seeds.expected.json: where
// it points and the cell it is about, so each line can be checked against the seed text.
import { isSatisfaction } from '../../validate/levels.ts';
import type { ExtractedDocument, Project } from '../../schemas/extraction.ts';
import type { Finding } from '../../schemas/findings.ts';

export interface SeedFinding {
  code: string;
  severity: string;
  /** 1-based, as a reader counts the tables and the rows of the grid. */
  project: number;
  projectName: string | null;
  row: number | null;
  field: string | null;
  /** The cell the finding is about, as written (for a table-level finding, what it looked at). */
  cell: string | null;
}

const ROW_FIELDS = ['level1', 'level2', 'name', 'description', 'basis'] as const;

function tableCell(project: Project, field: string | null): string | null {
  switch (field) {
    case 'budget':
      return `预算数${project.budget.total} 财政资金${project.budget.fiscal} 其他资金${project.budget.other}`;
    case 'spendingPlan':
      return (project.spendingPlan ?? []).map((entry) => `${entry.period}:${entry.raw}`).join(' ');
    case 'name':
    case 'title':
      return `${project.title} | ${project.name}`;
    case 'basis': {
      // The bases BASIS_GENERIC compares: every row's but satisfaction and 不涉及 rows.
      const bases = project.indicators.filter((indicator) => !isSatisfaction(indicator) && indicator.value.kind !== 'not_applicable').map((indicator) => indicator.basis);
      return [...new Set(bases)].join(' / ');
    }
    default:
      return null;
  }
}

function cellOf(document: Pick<ExtractedDocument, 'projects'>, finding: Finding): string | null {
  const project = document.projects[finding.loc.projectIndex];
  if (!project) return null;
  const { indicatorIndex, field } = finding.loc;
  if (indicatorIndex === null) return tableCell(project, field);
  const indicator = project.indicators[indicatorIndex];
  if (!indicator) return null;
  if (field === 'value') return indicator.value.raw;
  const rowField = ROW_FIELDS.find((name) => name === field);
  return rowField ? indicator[rowField] : null;
}

export function seedFinding(document: Pick<ExtractedDocument, 'projects'>, finding: Finding): SeedFinding {
  return {
    code: finding.code,
    severity: finding.severity,
    project: finding.loc.projectIndex + 1,
    projectName: finding.loc.projectName,
    row: finding.loc.indicatorIndex === null ? null : finding.loc.indicatorIndex + 1,
    field: finding.loc.field,
    cell: cellOf(document, finding),
  };
}

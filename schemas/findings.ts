// Validation findings: what a reviewer's rule says about one project table (validate/), and the
// counts a reviewer reads across a document or a folder. `jixiao validate --json` prints these
// shapes, and the API returns them.
import { z } from 'zod';

export const severities = ['error', 'warning', 'info'] as const;

export const FindingLoc = z
  .object({
    projectIndex: z.number().int().min(0).describe('index of the project in document.projects, 0-based'),
    projectName: z.string().nullable().describe('项目名称 of that project'),
    indicatorIndex: z.number().int().min(0).nullable().describe('index of the indicator row in project.indicators, 0-based; null for the table as a whole'),
    field: z.string().nullable().describe('the contract field the finding is about: value, name, basis, budget, spendingPlan, …'),
  })
  .describe('where in the extraction a finding points');

export const Finding = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('stable rule code, e.g. PERCENT_OVER_100'),
    severity: z.enum(severities).describe('error: the table would be sent back; warning: a reviewer would ask; info: a quality hint'),
    message: z.string().describe('审核意见, in Chinese'),
    messageEn: z.string().describe('the same in English'),
    loc: FindingLoc,
  })
  .describe('one review finding (审核意见)');

export const FindingCounts = z
  .object({
    error: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
    total: z.number().int(),
  })
  .describe('findings by severity');

export const ValidationSummary = z
  .object({
    projects: z.number().int().describe('projects validated'),
    counts: FindingCounts,
    byRule: z.record(z.string(), z.number().int()).describe('rule code → findings, most frequent first'),
    byProject: z
      .array(
        z.object({
          file: z.string().nullable().describe('the file, when a folder was validated'),
          projectIndex: z.number().int(),
          projectName: z.string().nullable(),
          counts: FindingCounts,
        }),
      )
      .describe('every project in document order, with its counts'),
  })
  .describe('finding counts per rule and per project');

export const ValidationResult = z
  .object({
    file: z.string().nullable().describe('the file validated, null for pasted text'),
    findings: z.array(Finding).describe('in document order: each project’s table-level findings, then its rows'),
    summary: ValidationSummary,
  })
  .describe('the findings of one document and their counts');

export type Severity = (typeof severities)[number];
export type FindingLoc = z.infer<typeof FindingLoc>;
export type Finding = z.infer<typeof Finding>;
export type FindingCounts = z.infer<typeof FindingCounts>;
export type ValidationSummary = z.infer<typeof ValidationSummary>;
export type ValidationResult = z.infer<typeof ValidationResult>;

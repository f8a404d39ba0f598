// The library of past projects (library/) and the drafts made from it (draft/): what the CLI
// prints and the API returns.
import { z } from 'zod';
import { Finding } from './findings.ts';
import { Indicator, Project, Unit } from './extraction.ts';

export const LibraryProject = z
  .object({
    id: z.number().int().describe('project id in the library'),
    documentId: z.number().int().describe('the document it came from'),
    year: z.number().int().nullable().describe('budget year'),
    region: z.string().nullable().describe('place the unit belongs to (保定, 河北 …), given or read from the unit name'),
    filename: z.string().nullable().describe('file the document was read from'),
    project: Project.describe('the project as extracted'),
  })
  .describe('a project kept in the library');

export const LibraryProjectSummary = z
  .object({
    id: z.number().int(),
    documentId: z.number().int(),
    name: z.string().nullable(),
    code: z.string().nullable(),
    unit: Unit.nullable(),
    year: z.number().int().nullable(),
    region: z.string().nullable(),
    budget: z.number().nullable().describe('预算数, 万元'),
    indicators: z.number().int().describe('number of indicator rows'),
  })
  .describe('one line of the library list');

export const SearchHit = z
  .object({
    project: LibraryProjectSummary,
    score: z.number().describe('relevance, higher is closer (BM25 over character trigrams; reranked by embeddings when configured)'),
    similarity: z.number().min(0).max(1).describe('the score scaled to 0..1 against the best hit'),
    matchedTerms: z.array(z.string()).describe('query terms (character trigrams, or the short term itself) found in the project'),
  })
  .describe('a similar project');

export const SearchFilters = z.object({
  year: z.number().int().optional().describe('budget year'),
  unit: z.string().optional().describe('unit name, or part of it'),
  region: z.string().optional().describe('region, e.g. 保定'),
});

export const DraftRequest = z
  .object({
    name: z.string().trim().min(1).describe('项目名称 of the new project'),
    budget: z.number().positive().describe('预算数, 万元'),
    purpose: z.string().optional().describe('资金用途: what the money is for (quantities written here are used: 保障8人 → 8人)'),
    goals: z.array(z.string()).optional().describe('绩效目标'),
    year: z.number().int().min(2000).max(2100).optional().describe('budget year (default: this year)'),
    unit: z.string().optional().describe('the unit that will own the project'),
    region: z.string().optional().describe('region, to prefer projects from the same place'),
  })
  .describe('a new project to draft indicators for');

export const DraftSource = z
  .object({
    projectId: z.number().int().describe('library project the suggestion was drawn from'),
    projectName: z.string().nullable(),
    unit: z.string().nullable(),
    year: z.number().int().nullable(),
    row: z.number().int().min(1).describe('its indicator row, 1-based'),
    similarity: z.number().min(0).max(1).describe('how close that project is to the new one'),
  })
  .describe('where a drafted indicator came from');

export const DraftIndicator = Indicator.extend({
  sources: z.array(DraftSource).describe('the library rows this suggestion was drawn from (empty when it comes from the request alone)'),
  rationale: z.string().describe('one line: why this indicator and this value'),
}).describe('a drafted indicator');

export const Draft = z
  .object({
    project: Project.extend({ indicators: z.array(DraftIndicator) }).describe('the drafted 绩效目标表, in the contract’s shape'),
    findings: z.array(Finding).describe('what the validator says of the draft; a draft is never returned without them'),
    similar: z.array(SearchHit).describe('the library projects the draft drew on'),
    refinedBy: z.string().nullable().describe('the model that refined the wording, when one is configured and its answer passed the checks'),
  })
  .describe('indicators drafted for a new project');

export type LibraryProject = z.infer<typeof LibraryProject>;
export type LibraryProjectSummary = z.infer<typeof LibraryProjectSummary>;
export type SearchHit = z.infer<typeof SearchHit>;
export type SearchFilters = z.infer<typeof SearchFilters>;
export type DraftRequest = z.infer<typeof DraftRequest>;
export type DraftSource = z.infer<typeof DraftSource>;
export type DraftIndicator = z.infer<typeof DraftIndicator>;
export type Draft = z.infer<typeof Draft>;

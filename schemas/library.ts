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
    province: z.string().nullable().describe('province of the unit (河北, 湖南 …)'),
    category: z.string().nullable().describe('project category (vocab/categories.ts: 水利, 教育, 行政运行 …), read from its words; null when none fits'),
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
    province: z.string().nullable(),
    category: z.string().nullable(),
    budget: z.number().nullable().describe('预算数, 万元'),
    indicators: z.number().int().describe('number of indicator rows'),
  })
  .describe('one line of the library list');

export const SearchHit = z
  .object({
    project: LibraryProjectSummary,
    score: z.number().describe('BM25 over words, higher is closer: how the candidates were found'),
    similarity: z
      .number()
      .min(0)
      .max(1)
      .describe('absolute closeness 0..1: the share of the query’s words (weighted by rarity, its name’s words twice) the project also has, fully in its name, less elsewhere; comparable across queries'),
    matchedTerms: z.array(z.string()).describe('the query’s words found in the project'),
  })
  .describe('a similar project');

export const SearchFilters = z.object({
  year: z.number().int().optional().describe('budget year'),
  unit: z.string().optional().describe('unit name, or part of it'),
  region: z.string().optional().describe('region, e.g. 保定'),
  province: z.string().optional().describe('province, e.g. 湖南'),
  category: z.string().optional().describe('project category, e.g. 水利'),
});

export const DraftRequest = z
  .object({
    name: z.string().trim().min(1).describe('项目名称 of the new project'),
    budget: z
      .number()
      .positive()
      // 1e8 万元 is a trillion yuan, past any one project; beyond it a ceiling would print as ≤Infinity.
      .max(1e8, '预算数（万元）不应超过 100000000（即一万亿元）')
      .optional()
      .describe('预算数, 万元 (at most 1e8); when not known yet, values that depend on it are left for the user'),
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

export const DraftOrigin = z
  .enum(['precedent', 'template', 'request', 'model'])
  .describe('precedent: a row of similar library projects (sources); template: the category’s usual row, no source; request: a quantity the new project’s purpose states; model: added by a configured model from the retrieved precedents');

export const DraftIndicator = Indicator.extend({
  origin: DraftOrigin,
  similarity: z.number().min(0).max(1).nullable().describe('for a precedent row, how close its closest source project is to the new one (absolute, as in search); null otherwise'),
  confidence: z.enum(['high', 'low']).describe('low: check this row first (a precedent under 0.5, a template row the category could only guess — its deadline and satisfaction rows are the framework’s own —, a value estimated or left open)'),
  check: z.string().nullable().describe('what to check or fill in, in Chinese; null for a confident row'),
  sources: z.array(DraftSource).describe('the library rows this suggestion was drawn from (empty for a template or the request’s own quantity)'),
  rationale: z.string().describe('one line: why this indicator and this value'),
}).describe('a drafted indicator');

export const DraftCategory = z
  .object({
    name: z.string().describe('项目类别 (vocab/categories.ts)'),
    reason: z.string().describe('the words that decided it'),
  })
  .describe('what kind of project the new one is, read from its name, purpose and goals');

export const Draft = z
  .object({
    project: Project.extend({ indicators: z.array(DraftIndicator) }).describe('the drafted 绩效目标表, in the contract’s shape'),
    findings: z.array(Finding).describe('what the validator says of the draft; a draft is never returned without them'),
    category: DraftCategory.nullable().describe('null when no category’s words are in the request'),
    similar: z.array(SearchHit).describe('the library projects the draft drew on: those at or above the floor, the same category first'),
    floor: z.number().describe('the similarity a library project needs to be drawn on'),
    fallback: z.boolean().describe('true when no library project reached the floor: every row is the category’s template or the request’s own'),
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
export type DraftOrigin = z.infer<typeof DraftOrigin>;
export type DraftCategory = z.infer<typeof DraftCategory>;
export type Draft = z.infer<typeof Draft>;

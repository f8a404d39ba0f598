// What both stores keep of a project beside its JSON, and how their rows read back: the filing facts
// (region, province, category) and the words by field worked out once, when the project is added,
// the same way for SQLite and PostgreSQL; a row of either store read into the schemas' shapes.
import { Project } from '../schemas/extraction.ts';
import type { LibraryProject, LibraryProjectSummary } from '../schemas/library.ts';
import { classifyProject } from './category.ts';
import type { ProjectWords } from './similarity.ts';
import { provinceOf, regionOf, searchableWords } from './text.ts';

export interface Filing {
  region: string | null;
  province: string | null;
  category: string | null;
  words: { name: string[]; purpose: string[]; goals: string[]; indicators: string[] };
}

/** A project's filing facts and words; the region and province given win over those read from names. */
export function filingOf(project: Project, unitName: string | null | undefined, givenRegion: string | null | undefined, givenProvince: string | null | undefined): Filing {
  const region = givenRegion ?? regionOf(unitName) ?? regionOf(project.name);
  const province = givenProvince ?? provinceOf(region) ?? provinceOf(unitName);
  const category = classifyProject({ name: project.name, purpose: project.purpose, goals: project.goals, indicators: project.indicators.map((row) => row.name) })?.category.name ?? null;
  return { region, province, category, words: searchableWords(project) };
}

/** How many words a project has in all its fields: its length for BM25. */
export const wordCount = (words: ProjectWords): number => words.name.length + words.purpose.length + words.goals.length + words.indicators.length;

/** The project as stored: provenance points into a file the library does not keep. */
export function storedJson(project: Project, unit: Project['unit']): string {
  const stored = { ...project, indicators: project.indicators.map(({ provenance: _provenance, ...indicator }) => indicator) };
  return JSON.stringify({ ...stored, unit });
}

/** A project's columns but its JSON: enough for a list line (both stores name them alike). */
export const SUMMARY_COLUMNS = 'p.id, p.document_id, p.name, p.code, p.unit_code, p.unit_name, p.year, p.region, p.province, p.category, p.budget, p.indicator_count';

export interface ProjectRow {
  id: number;
  document_id: number;
  name: string | null;
  code: string | null;
  unit_code: string | null;
  unit_name: string | null;
  year: number | null;
  region: string | null;
  province: string | null;
  category: string | null;
  budget: number | null;
  indicator_count: number;
  /** the project as JSON; only where the whole project is read */
  data?: string;
  filename?: string | null;
}

export function summaryOf(row: ProjectRow): LibraryProjectSummary {
  return {
    id: row.id,
    documentId: row.document_id,
    name: row.name,
    code: row.code,
    unit: row.unit_name === null ? null : { code: row.unit_code, name: row.unit_name },
    year: row.year,
    region: row.region,
    province: row.province,
    category: row.category,
    budget: row.budget,
    indicators: row.indicator_count,
  };
}

export function projectOf(row: ProjectRow): LibraryProject {
  return { id: row.id, documentId: row.document_id, year: row.year, region: row.region, province: row.province, category: row.category, filename: row.filename ?? null, project: Project.parse(JSON.parse(row.data ?? 'null')) };
}

/** Projects read a page at a time by `all()`: memory stays flat and no read holds the store between pages. */
export const PAGE = 500;

// Scores one extraction against its gold: projects found, strict indicator rows, per-field
// accuracy on matched rows and projects, objectives' indicators, document fields.
import { isDeepStrictEqual } from 'node:util';
import type { SourceSpan } from '../schemas/doc.ts';
import type { ExtractedDocument, Indicator, Project } from '../schemas/extraction.ts';
import { anls } from './strings.ts';

/** Comparison key of a string: NFKC, no whitespace. */
export function key(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '');
}

export interface Counts {
  truePositives: number;
  extracted: number;
  gold: number;
}

export interface Tally {
  correct: number;
  total: number;
}

export const ROW_FIELDS = ['description', 'basis', 'kind', 'op', 'number', 'unit'] as const;
export const PROJECT_FIELDS = ['title', 'code', 'name', 'unit', 'owner', 'budget', 'purpose', 'goals', 'spendingPlan'] as const;
export const DOCUMENT_FIELDS = ['unit', 'year', 'overallGoal', 'departmentBudget'] as const;
/** Fields scored on rows aligned by position and likeness, so one misread character costs one field, not the row. */
export const ALIGNED_FIELDS = ['level1', 'level2', 'name', 'raw'] as const;

export type RowField = (typeof ROW_FIELDS)[number];
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];
export type AlignedField = (typeof ALIGNED_FIELDS)[number];

export interface RowDiff {
  project: string;
  field: string;
  gold: unknown;
  extracted: unknown;
  /** where the extracted value was read, when the extraction says */
  source?: SourceSpan;
}

/** Fields scored by ANLS on aligned rows: near misses count as near, not as wrong. */
export const ANLS_FIELDS = ['name', 'raw', 'description', 'basis'] as const;
export type AnlsField = (typeof ANLS_FIELDS)[number];

/** The four fields that make a row, as compared (NFKC, no whitespace). */
export interface RowFace {
  level1: string;
  level2: string;
  name: string;
  raw: string;
}

/** A gold row and the extracted row aligned with it (null: missing), for diffs against a baseline. */
export interface AlignedRow {
  project: string;
  /** 0-based, in the gold project's rows */
  row: number;
  gold: RowFace;
  extracted: RowFace | null;
  source?: SourceSpan;
}

export interface Score {
  projects: Counts;
  rows: Counts;
  objectiveRows: Counts;
  rowFields: Record<RowField, Tally>;
  projectFields: Record<ProjectField, Tally>;
  documentFields: Record<DocumentField, Tally>;
  /** per gold row: a missing row counts wrong in every field */
  alignedFields: Record<AlignedField, Tally>;
  warnings: Tally;
  /** ANLS per field over aligned gold rows (a missing row scores 0) */
  anls: Record<AnlsField, { sum: number; count: number }>;
  /** gold level2 → extracted level2 ('(missing)' when the row is missing) → rows */
  confusion: Record<string, Record<string, number>>;
  aligned: AlignedRow[];
  diffs: RowDiff[];
}

const emptyTally = (): Tally => ({ correct: 0, total: 0 });
const tallies = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, emptyTally()])) as Record<K, Tally>;

export function rowKey(row: Indicator): string {
  return [row.level1, row.level2, row.name, row.value.raw].map(key).join('|');
}

/** Dice coefficient of character bigrams: 1 for equal strings, near 1 for one misread character. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = (text: string) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < text.length - 1; i++) counts.set(text.slice(i, i + 2), (counts.get(text.slice(i, i + 2)) ?? 0) + 1);
    return counts;
  };
  const left = grams(a);
  let shared = 0;
  for (const [gram, count] of grams(b)) shared += Math.min(count, left.get(gram) ?? 0);
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** Pairs gold and extracted projects: by name, then by code, then by a name OCR misread slightly; each used once. */
export function matchProjects(gold: readonly Project[], extracted: readonly Project[]): Array<[Project, Project]> {
  const used = new Set<number>();
  const pairs: Array<[Project, Project]> = [];
  const pick = (predicate: (candidate: Project) => boolean) => {
    const index = extracted.findIndex((candidate, i) => !used.has(i) && predicate(candidate));
    if (index === -1) return null;
    used.add(index);
    return extracted[index] ?? null;
  };
  const unmatched: Project[] = [];
  for (const project of gold) {
    const byName = project.name ? pick((candidate) => key(candidate.name) === key(project.name)) : null;
    if (byName) pairs.push([project, byName]);
    else unmatched.push(project);
  }
  const stillUnmatched: Project[] = [];
  for (const project of unmatched) {
    const byCode = project.code ? pick((candidate) => key(candidate.code) === key(project.code)) : null;
    if (byCode) pairs.push([project, byCode]);
    else stillUnmatched.push(project);
  }
  for (const project of stillUnmatched) {
    let best = -1;
    let bestSimilarity = 0.7;
    extracted.forEach((candidate, index) => {
      const likeness = similarity(key(candidate.name ?? candidate.title), key(project.name ?? project.title));
      if (!used.has(index) && likeness >= bestSimilarity) [best, bestSimilarity] = [index, likeness];
    });
    if (best >= 0) {
      used.add(best);
      pairs.push([project, extracted[best] as Project]);
    }
  }
  return pairs;
}

/** Pairs rows with equal strict keys, each used once, in order. */
export function matchRows(gold: readonly Indicator[], extracted: readonly Indicator[]): Array<[Indicator, Indicator]> {
  const used = new Set<number>();
  const pairs: Array<[Indicator, Indicator]> = [];
  for (const row of gold) {
    const k = rowKey(row);
    const index = extracted.findIndex((candidate, i) => !used.has(i) && rowKey(candidate) === k);
    if (index === -1) continue;
    used.add(index);
    pairs.push([row, extracted[index] as Indicator]);
  }
  return pairs;
}

function alignedValue(row: Indicator, field: AlignedField): string {
  return key(field === 'raw' ? row.value.raw : row[field]);
}

function rowLikeness(gold: Indicator, extracted: Indicator): number {
  return ALIGNED_FIELDS.reduce((sum, field) => sum + similarity(alignedValue(gold, field), alignedValue(extracted, field)), 0);
}

/** Gold rows aligned in order with extracted rows (a sequence alignment maximising likeness); null when missing. */
export function alignRows(gold: readonly Indicator[], extracted: readonly Indicator[]): Array<[Indicator, Indicator | null]> {
  const minimum = 1.5;
  const rows = gold.length;
  const columns = extracted.length;
  const best: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      const likeness = rowLikeness(gold[i] as Indicator, extracted[j] as Indicator);
      const take = likeness >= minimum ? likeness + (best[i + 1]?.[j + 1] ?? 0) : -Infinity;
      (best[i] as number[])[j] = Math.max(take, best[i + 1]?.[j] ?? 0, best[i]?.[j + 1] ?? 0);
    }
  }
  const pairs: Array<[Indicator, Indicator | null]> = [];
  let j = 0;
  for (let i = 0; i < rows; ) {
    const row = gold[i] as Indicator;
    if (j < columns) {
      const likeness = rowLikeness(row, extracted[j] as Indicator);
      if (likeness >= minimum && best[i]?.[j] === likeness + (best[i + 1]?.[j + 1] ?? 0)) {
        pairs.push([row, extracted[j] as Indicator]);
        i++;
        j++;
      } else if (best[i]?.[j] === best[i + 1]?.[j]) {
        pairs.push([row, null]);
        i++;
      } else j++;
    } else {
      pairs.push([row, null]);
      i++;
    }
  }
  return pairs;
}

function rowFieldValue(row: Indicator, field: RowField): unknown {
  switch (field) {
    case 'description':
      return key(row.description);
    case 'basis':
      return key(row.basis);
    default:
      return row.value[field];
  }
}

/** A gold project as reports name it: its place in the document and its name (names repeat). */
function label(project: Project, gold: ExtractedDocument): string {
  return `[${gold.projects.indexOf(project) + 1}] ${project.name ?? project.title ?? project.code ?? '?'}`;
}

function rowLabel(row: Indicator): string {
  return `${row.level1 ?? ''}/${row.level2 ?? ''}/${row.name ?? ''}=${row.value.raw}`;
}

export function scoreExtraction(gold: ExtractedDocument, extracted: ExtractedDocument, expectedWarnings: readonly string[], warningCodes: readonly string[]): Score {
  const score: Score = {
    projects: { truePositives: 0, extracted: extracted.projects.length, gold: gold.projects.length },
    rows: { truePositives: 0, extracted: 0, gold: 0 },
    objectiveRows: { truePositives: 0, extracted: 0, gold: 0 },
    rowFields: tallies(ROW_FIELDS),
    projectFields: tallies(PROJECT_FIELDS),
    documentFields: tallies(DOCUMENT_FIELDS),
    alignedFields: tallies(ALIGNED_FIELDS),
    warnings: emptyTally(),
    anls: Object.fromEntries(ANLS_FIELDS.map((field) => [field, { sum: 0, count: 0 }])) as Score['anls'],
    confusion: {},
    aligned: [],
    diffs: [],
  };
  const matchedGoldProjects = new Set<Project>();
  for (const project of gold.projects) score.rows.gold += project.indicators.length;
  for (const project of extracted.projects) score.rows.extracted += project.indicators.length;

  for (const [goldProject, extractedProject] of matchProjects(gold.projects, extracted.projects)) {
    score.projects.truePositives++;
    matchedGoldProjects.add(goldProject);
    alignRows(goldProject.indicators, extractedProject.indicators).forEach(([goldRow, extractedRow], index) => {
      for (const field of ALIGNED_FIELDS) {
        score.alignedFields[field].total++;
        if (extractedRow && alignedValue(goldRow, field) === alignedValue(extractedRow, field)) score.alignedFields[field].correct++;
      }
      for (const field of ANLS_FIELDS) {
        score.anls[field].count++;
        if (extractedRow) score.anls[field].sum += anls(anlsValue(goldRow, field), anlsValue(extractedRow, field));
      }
      countConfusion(score.confusion, goldRow.level2, extractedRow ? extractedRow.level2 : MISSING);
      const source = extractedRow?.provenance?.value ?? extractedRow?.provenance?.name;
      score.aligned.push({ project: label(goldProject, gold), row: index, gold: faceOf(goldRow), extracted: extractedRow ? faceOf(extractedRow) : null, ...(source ? { source } : {}) });
    });
    for (const field of PROJECT_FIELDS) {
      const equal = isDeepStrictEqual(goldProject[field], extractedProject[field]);
      score.projectFields[field].total++;
      if (equal) score.projectFields[field].correct++;
      else score.diffs.push({ project: label(goldProject, gold), field, gold: goldProject[field], extracted: extractedProject[field] });
    }
    const pairs = matchRows(goldProject.indicators, extractedProject.indicators);
    score.rows.truePositives += pairs.length;
    const matchedGold = new Set(pairs.map(([row]) => row));
    const matchedExtracted = new Set(pairs.map(([, row]) => row));
    for (const row of goldProject.indicators) {
      if (!matchedGold.has(row)) score.diffs.push({ project: label(goldProject, gold), field: 'row missing', gold: rowLabel(row), extracted: null });
    }
    for (const row of extractedProject.indicators) {
      if (!matchedExtracted.has(row)) score.diffs.push({ project: label(goldProject, gold), field: 'row not in gold', gold: null, extracted: rowLabel(row) });
    }
    for (const [goldRow, extractedRow] of pairs) {
      for (const field of ROW_FIELDS) {
        const goldValue = rowFieldValue(goldRow, field);
        const extractedValue = rowFieldValue(extractedRow, field);
        score.rowFields[field].total++;
        if (isDeepStrictEqual(goldValue, extractedValue)) score.rowFields[field].correct++;
        else score.diffs.push({ project: `${label(goldProject, gold)} · ${goldRow.name ?? ''}`, field, gold: goldValue, extracted: extractedValue });
      }
    }
  }

  const goldObjectiveRows = gold.objectives.flatMap((objective) => objective.indicators);
  const extractedObjectiveRows = extracted.objectives.flatMap((objective) => objective.indicators);
  score.objectiveRows = {
    truePositives: matchRows(goldObjectiveRows, extractedObjectiveRows).length,
    extracted: extractedObjectiveRows.length,
    gold: goldObjectiveRows.length,
  };
  // Objective rows are aligned too, so a baseline comparison can name them; the aligned figures,
  // ANLS and the confusion matrix stay those of the project tables.
  alignRows(goldObjectiveRows, extractedObjectiveRows).forEach(([goldRow, extractedRow], index) => {
    const source = extractedRow?.provenance?.value ?? extractedRow?.provenance?.name;
    score.aligned.push({ project: OBJECTIVES, row: index, gold: faceOf(goldRow), extracted: extractedRow ? faceOf(extractedRow) : null, ...(source ? { source } : {}) });
  });

  for (const field of DOCUMENT_FIELDS) {
    score.documentFields[field].total++;
    if (isDeepStrictEqual(gold[field], extracted[field])) score.documentFields[field].correct++;
    else score.diffs.push({ project: '(document)', field, gold: gold[field], extracted: extracted[field] });
  }
  for (const code of expectedWarnings) {
    score.warnings.total++;
    if (warningCodes.includes(code)) score.warnings.correct++;
    else score.diffs.push({ project: '(warnings)', field: code, gold: 'expected', extracted: 'missing' });
  }
  for (const project of gold.projects) {
    if (matchedGoldProjects.has(project)) continue;
    for (const field of ALIGNED_FIELDS) score.alignedFields[field].total += project.indicators.length;
    for (const field of ANLS_FIELDS) score.anls[field].count += project.indicators.length;
    project.indicators.forEach((row, index) => {
      countConfusion(score.confusion, row.level2, MISSING);
      score.aligned.push({ project: label(project, gold), row: index, gold: faceOf(row), extracted: null });
    });
  }
  return score;
}

/** What aligned rows of the 分项绩效目标 and department targets are filed under. */
export const OBJECTIVES = '(objectives)';

/** The confusion matrix's column for a gold row the extraction does not have. */
export const MISSING = '(missing)';

function countConfusion(confusion: Score['confusion'], gold: string | null, extracted: string | null): void {
  const row = (confusion[gold ?? '(none)'] ??= {});
  row[extracted ?? '(none)'] = (row[extracted ?? '(none)'] ?? 0) + 1;
}

function anlsValue(row: Indicator, field: AnlsField): string {
  return key(field === 'raw' ? row.value.raw : row[field]);
}

export function faceOf(row: Indicator): RowFace {
  return { level1: key(row.level1), level2: key(row.level2), name: key(row.name), raw: key(row.value.raw) };
}

export function f1(counts: Counts): { precision: number; recall: number; f1: number } {
  const precision = counts.extracted === 0 ? (counts.gold === 0 ? 1 : 0) : counts.truePositives / counts.extracted;
  const recall = counts.gold === 0 ? (counts.extracted === 0 ? 1 : 0) : counts.truePositives / counts.gold;
  const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1: f };
}

export function accuracy(tally: Tally): number {
  return tally.total === 0 ? 1 : tally.correct / tally.total;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { truePositives: a.truePositives + b.truePositives, extracted: a.extracted + b.extracted, gold: a.gold + b.gold };
}

export function addTally(a: Tally, b: Tally): Tally {
  return { correct: a.correct + b.correct, total: a.total + b.total };
}

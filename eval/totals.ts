// Adding fixture scores up, and the named figures a score gives (the names thresholds, baselines
// and reports use): `rows.f1`, `row.basis`, `aligned.raw`, `anls.name`, per format `format.pdf.rows.f1`.
import { accuracy, addCounts, addTally, ALIGNED_FIELDS, ANLS_FIELDS, DOCUMENT_FIELDS, f1, PROJECT_FIELDS, ROW_FIELDS, type Score } from './score.ts';

export function sumScores(scores: readonly Score[]): Score {
  const [first, ...rest] = scores;
  if (!first) throw new Error('no scores to add');
  return rest.reduce<Score>((total, score) => {
    const confusion: Score['confusion'] = structuredClone(total.confusion);
    for (const [gold, row] of Object.entries(score.confusion)) {
      for (const [extracted, count] of Object.entries(row)) (confusion[gold] ??= {})[extracted] = (confusion[gold]?.[extracted] ?? 0) + count;
    }
    return {
      projects: addCounts(total.projects, score.projects),
      rows: addCounts(total.rows, score.rows),
      objectiveRows: addCounts(total.objectiveRows, score.objectiveRows),
      rowFields: Object.fromEntries(ROW_FIELDS.map((f) => [f, addTally(total.rowFields[f], score.rowFields[f])])) as Score['rowFields'],
      projectFields: Object.fromEntries(PROJECT_FIELDS.map((f) => [f, addTally(total.projectFields[f], score.projectFields[f])])) as Score['projectFields'],
      documentFields: Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, addTally(total.documentFields[f], score.documentFields[f])])) as Score['documentFields'],
      alignedFields: Object.fromEntries(ALIGNED_FIELDS.map((f) => [f, addTally(total.alignedFields[f], score.alignedFields[f])])) as Score['alignedFields'],
      warnings: addTally(total.warnings, score.warnings),
      anls: Object.fromEntries(ANLS_FIELDS.map((f) => [f, { sum: total.anls[f].sum + score.anls[f].sum, count: total.anls[f].count + score.anls[f].count }])) as Score['anls'],
      confusion,
      aligned: [...total.aligned, ...score.aligned],
      diffs: [...total.diffs, ...score.diffs],
    };
  }, first);
}

/** The named figures of a score, each 0..1. */
export function totalsOf(score: Score): Record<string, number> {
  const totals: Record<string, number> = {
    'projects.f1': f1(score.projects).f1,
    'rows.f1': f1(score.rows).f1,
    'objectiveRows.f1': f1(score.objectiveRows).f1,
    'warnings.accuracy': accuracy(score.warnings),
  };
  for (const field of ROW_FIELDS) totals[`row.${field}`] = accuracy(score.rowFields[field]);
  for (const field of PROJECT_FIELDS) totals[`project.${field}`] = accuracy(score.projectFields[field]);
  for (const field of DOCUMENT_FIELDS) totals[`document.${field}`] = accuracy(score.documentFields[field]);
  for (const field of ALIGNED_FIELDS) totals[`aligned.${field}`] = accuracy(score.alignedFields[field]);
  for (const field of ANLS_FIELDS) totals[`anls.${field}`] = score.anls[field].count === 0 ? 1 : score.anls[field].sum / score.anls[field].count;
  return totals;
}

/**
 * What a format figure groups by: the manifest's format, with scans apart from text PDFs, and real
 * documents of other provinces (shared/real-forms) apart from the forms made from the seeds, and
 * the text a converter wrote from a PDF (`pdf-text`: pdftotext) apart from pasted text.
 */
export function formatGroup(format: string, tags: readonly string[]): string {
  if (tags.includes('real-form')) return `real-${format}`;
  if (tags.includes('pdf-text')) return `${format}-from-pdf`;
  if (tags.includes('hand')) return `hand-${format}`;
  return tags.includes('scan') ? `${format}-scan` : format;
}

/** Tag prefixes with a table of their own: how a text was rendered, which form family it is. */
export const GROUPING_TAG_PREFIXES = ['rendering:', 'family:'] as const;

export interface Tagged {
  tags: readonly string[];
  score: Score;
}

/** Real documents and hand-made ones are counted apart: a rendering's figure is one set's. */
function scopeOf(tags: readonly string[]): string {
  return tags.includes('real-form') ? 'real' : tags.includes('hand') ? 'hand' : 'other';
}

/** The grouping keys of a fixture: `real/rendering:pipe-rows`, `hand/family:target`. */
export function groupingKeys(tags: readonly string[]): string[] {
  const scope = scopeOf(tags);
  return tags.filter((tag) => GROUPING_TAG_PREFIXES.some((prefix) => tag.startsWith(prefix))).map((tag) => `${scope}/${tag}`);
}

/** Figures for each grouping key (`real/rendering:pipe-rows` → the totals of its fixtures). */
export function totalsByTag(results: readonly Tagged[]): Record<string, Record<string, number>> {
  const keys = [...new Set(results.flatMap((result) => groupingKeys(result.tags)))].sort();
  return Object.fromEntries(keys.map((key) => [key, totalsOf(sumScores(results.filter((result) => groupingKeys(result.tags).includes(key)).map((result) => result.score)))]));
}

export interface Grouped {
  group: string;
  score: Score;
  /** TEDS of the rebuilt grids, when the fixture names a reference document */
  teds: number | null;
}

/** Figures for each format group, with the group's mean TEDS when it has any. */
export function totalsByFormat(results: readonly Grouped[]): Record<string, Record<string, number>> {
  const groups = [...new Set(results.map((result) => result.group))];
  return Object.fromEntries(
    groups.map((group) => {
      const members = results.filter((result) => result.group === group);
      const totals = totalsOf(sumScores(members.map((result) => result.score)));
      const teds = members.flatMap((result) => (result.teds === null ? [] : [result.teds]));
      if (teds.length > 0) totals['teds'] = teds.reduce((a, b) => a + b, 0) / teds.length;
      return [group, totals];
    }),
  );
}

// `jixiao eval --draft [--forms DIR]`: drafting scored on real projects it has not seen. The library
// is the starter library (the seeds and the real forms, read by the reader), each project drafted
// with its own document left out and compared with its gold. The real forms (other provinces than
// the seeds') are the transfer set held to eval/draft-thresholds.json; the seeds are reported beside
// them. `--forms DIR` scores another folder of documents with gold (rNN.txt + rNN.gold.json, as in
// fixtures/real-forms) the same way, its documents added to the library while it runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { evaluateDrafts, type DraftEvaluation, type DraftScores, type DraftTarget } from '../draft/evaluate.ts';
import { addStarterDocuments, REAL_FORMS_FOLDER, SEEDS_FOLDER, starterDocuments } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';
import { Project } from '../schemas/extraction.ts';
import { budgetYear } from '../validate/years.ts';
import { EXIT } from '../cli/exit.ts';

const DraftThresholds = z.object({
  nameSimilarityOverBaseline: z.number().describe('how many times the stronger baseline’s name similarity the drafter must reach'),
  level2Coverage: z.number().min(0).max(1).describe('lowest mean share of the real tables’ framework 二级指标 the drafts cover'),
  offDomain: z.number().min(0).max(1).describe('largest share of drawn rows from projects of another category'),
  errorDrafts: z.number().int().min(0).describe('most drafts with an error finding of the draft’s own making'),
  yearMismatches: z.number().int().min(0).describe('most YEAR_MISMATCH findings the drafts raise against themselves'),
});

const LABELS = fileURLToPath(new URL('../fixtures/draft/categories.json', import.meta.url));
const Labels = z.object({ projects: z.array(z.object({ file: z.string(), name: z.string().nullable(), category: z.string(), alternative: z.string().nullable() })) });

const GoldFile = z.object({ document: z.object({ year: z.number().int().nullable(), projects: z.array(Project) }) });

const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, '');

/** The gold projects of a folder's documents, each with its label when the labels name it. */
function targetsOf(folder: string, labels: z.infer<typeof Labels>['projects']): DraftTarget[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.gold.json'))
    .sort()
    .flatMap((goldFile) => {
      const filename = goldFile.replace(/\.gold\.json$/, '.txt');
      if (!existsSync(join(folder, filename))) return [];
      const gold = GoldFile.parse(JSON.parse(readFileSync(join(folder, goldFile), 'utf8')));
      const own = labels.filter((label) => label.file === goldFile || label.file === filename);
      return gold.document.projects.map((project, index) => {
        // Two projects of one document may share a name: the labels list them in document order.
        const same = gold.document.projects.slice(0, index).filter((other) => squeeze(other.name) === squeeze(project.name)).length;
        const label = own.filter((entry) => squeeze(entry.name) === squeeze(project.name))[same] ?? null;
        return { filename, project, year: budgetYear(project, gold.document.year), category: label?.category ?? null, alternative: label?.alternative ?? null };
      });
    });
}

const ROWS: [keyof DraftScores, string][] = [
  ['nameSimilarity', 'name similarity to the real rows (bigram Dice, best match)'],
  ['level2Coverage', 'framework level-2 coverage (mean)'],
  ['level2Covered', 'projects with every level-2 covered'],
  ['offDomain', 'drawn rows from another category'],
  ['errorDrafts', 'drafts with an error finding'],
  ['yearMismatches', 'YEAR_MISMATCH raised by the draft'],
  ['fallback', 'drafts on the template (no precedent over the floor)'],
  ['lowConfidence', 'rows marked for checking'],
];

function table(title: string, result: DraftEvaluation): string {
  const lines = [
    `${title}: ${result.drafter.projects} projects, ${result.drafter.rows} drafted rows (median ${result.millis.median.toFixed(1)} ms, p95 ${result.millis.p95.toFixed(1)} ms a draft)`,
    '',
    '| figure | drafter | naive baseline | framework rows |',
    '|---|---|---|---|',
  ];
  const show = (value: number, key: keyof DraftScores) => (key === 'errorDrafts' || key === 'yearMismatches' ? String(value) : value.toFixed(3));
  for (const [key, label] of ROWS) lines.push(`| ${label} | ${show(result.drafter[key], key)} | ${show(result.naive[key], key)} | ${show(result.framework[key], key)} |`);
  return lines.join('\n');
}

export function thresholdFailures(result: DraftEvaluation, thresholds: z.infer<typeof DraftThresholds>): string[] {
  const failures: string[] = [];
  const { drafter } = result;
  const stronger = Math.max(result.naive.nameSimilarity, result.framework.nameSimilarity);
  if (drafter.nameSimilarity < thresholds.nameSimilarityOverBaseline * stronger) {
    failures.push(`name similarity ${drafter.nameSimilarity.toFixed(3)} < ${thresholds.nameSimilarityOverBaseline} × the stronger baseline ${stronger.toFixed(3)}`);
  }
  if (drafter.level2Coverage < thresholds.level2Coverage) failures.push(`level-2 coverage ${drafter.level2Coverage.toFixed(3)} < ${thresholds.level2Coverage}`);
  if (drafter.offDomain > thresholds.offDomain) failures.push(`off-domain rows ${drafter.offDomain.toFixed(3)} > ${thresholds.offDomain}`);
  if (drafter.errorDrafts > thresholds.errorDrafts) failures.push(`${drafter.errorDrafts} drafts with an error finding > ${thresholds.errorDrafts}`);
  if (drafter.yearMismatches > thresholds.yearMismatches) failures.push(`${drafter.yearMismatches} YEAR_MISMATCH > ${thresholds.yearMismatches}`);
  return failures;
}

export interface DraftEvalRun {
  transfer: DraftEvaluation;
  seeds: DraftEvaluation | null;
}

/** The draft evaluation: the real forms (or the folder given) as the transfer set, the seeds beside them. */
export async function draftEvaluation(forms: string | null = null): Promise<DraftEvalRun> {
  const labels = existsSync(LABELS) ? Labels.parse(JSON.parse(readFileSync(LABELS, 'utf8'))).projects : [];
  const library = new SqliteLibrary(':memory:');
  try {
    // A folder of one's own replaces any starter document it repeats, so that leaving a document out
    // leaves out every copy of it.
    const own = forms ? starterDocuments(forms) : [];
    const starter = [...starterDocuments(SEEDS_FOLDER), ...starterDocuments(REAL_FORMS_FOLDER)].filter((document) => !own.some((other) => other.text === document.text));
    await addStarterDocuments(library, [...starter, ...own]);
    const transfer = await evaluateDrafts(library, targetsOf(forms ?? REAL_FORMS_FOLDER, labels));
    const seeds = forms ? null : await evaluateDrafts(library, targetsOf(SEEDS_FOLDER, labels));
    return { transfer, seeds };
  } finally {
    await library.close();
  }
}

export async function runDraftEval(json: boolean, forms: string | null = null): Promise<number> {
  const run = await draftEvaluation(forms);
  const thresholds = DraftThresholds.parse(JSON.parse(readFileSync(new URL('./draft-thresholds.json', import.meta.url), 'utf8')));
  const failures = thresholdFailures(run.transfer, thresholds);
  if (json) process.stdout.write(JSON.stringify({ ...run, thresholds, failures }, null, 2) + '\n');
  else {
    const parts = [table(forms ? `drafting the projects of ${forms}, each from a library without its document` : 'drafting the real forms of other provinces, each from a library without its document', run.transfer)];
    if (run.seeds) parts.push(table('drafting the Hebei seeds, each from a library without its document', run.seeds));
    process.stdout.write(parts.join('\n\n') + '\n');
  }
  for (const failure of failures) process.stderr.write(`jixiao eval --draft: ${failure}\n`);
  return failures.length > 0 ? EXIT.checksFailed : EXIT.ok;
}

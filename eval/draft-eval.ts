// `jixiao eval --draft`: the drafter scored by leave-one-out over the seed library, beside the
// baseline, and held to eval/draft-thresholds.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { evaluateDrafts, type DraftScores } from '../draft/evaluate.ts';
import { addSeeds } from '../library/seed.ts';
import { SqliteLibrary } from '../library/sqlite-store.ts';

const DraftThresholds = z.object({
  level2Covered: z.number().min(0).max(1).describe('share of projects whose draft has every 二级指标 of the real table'),
  errorRate: z.number().min(0).max(1).describe('largest share of drafts with an error-level finding'),
  nameSimilarityOverBaseline: z.number().describe('how many times the baseline’s name similarity the drafter must reach'),
});

const ROWS: [keyof DraftScores, string][] = [
  ['level2Covered', 'projects with every level-2 covered'],
  ['level2Coverage', 'level-2 coverage (mean)'],
  ['nameSimilarity', 'best-match name similarity (bigram Dice)'],
  ['costAgreement', 'cost ceiling within 10%'],
  ['satisfactionAgreement', 'same satisfaction target'],
  ['errorRate', 'drafts with an error finding'],
];

export function runDraftEval(json: boolean): number {
  const library = new SqliteLibrary(':memory:');
  try {
    addSeeds(library);
    const result = evaluateDrafts(library);
    const thresholds = DraftThresholds.parse(JSON.parse(readFileSync(new URL('./draft-thresholds.json', import.meta.url), 'utf8')));
    const failures: string[] = [];
    if (result.drafter.level2Covered < thresholds.level2Covered) failures.push(`level-2 coverage ${result.drafter.level2Covered.toFixed(3)} < ${thresholds.level2Covered}`);
    if (result.drafter.errorRate > thresholds.errorRate) failures.push(`error rate ${result.drafter.errorRate.toFixed(3)} > ${thresholds.errorRate}`);
    if (result.drafter.nameSimilarity < thresholds.nameSimilarityOverBaseline * result.baseline.nameSimilarity) {
      failures.push(`name similarity ${result.drafter.nameSimilarity.toFixed(3)} < ${thresholds.nameSimilarityOverBaseline} × baseline ${result.baseline.nameSimilarity.toFixed(3)}`);
    }
    if (json) process.stdout.write(JSON.stringify({ ...result, thresholds, failures }, null, 2) + '\n');
    else {
      const lines = [`leave-one-out drafting over the seed library: ${result.drafter.projects} projects (median ${result.millis.median.toFixed(1)} ms, p95 ${result.millis.p95.toFixed(1)} ms a draft)`, '', '| figure | drafter | baseline |', '|---|---|---|'];
      for (const [key, label] of ROWS) lines.push(`| ${label} | ${(result.drafter[key] as number).toFixed(3)} | ${(result.baseline[key] as number).toFixed(3)} |`);
      lines.push(`| (projects compared on cost / satisfaction) | ${result.drafter.costCompared} / ${result.drafter.satisfactionCompared} | ${result.baseline.costCompared} / ${result.baseline.satisfactionCompared} |`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    for (const failure of failures) process.stderr.write(`jixiao eval --draft: ${failure}\n`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    library.close();
  }
}

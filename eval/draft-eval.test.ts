import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { DraftEvaluation, DraftScores } from '../draft/evaluate.ts';
import { draftEvaluation, thresholdFailures } from './draft-eval.ts';

const scores = (over: Partial<DraftScores> = {}): DraftScores => ({
  projects: 10, rows: 80, nameSimilarity: 0.2, level2Coverage: 0.97, level2Covered: 0.8, offDomain: 0, errorDrafts: 0, yearMismatches: 0, fallback: 0.5, lowConfidence: 0.5, ...over,
});
const thresholds = { nameSimilarityOverBaseline: 1.5, level2Coverage: 0.95, offDomain: 0.1, errorDrafts: 0, yearMismatches: 0 };
const run = (drafter: Partial<DraftScores>, naive = 0.05, framework = 0.1): DraftEvaluation => ({
  drafter: scores(drafter), naive: scores({ nameSimilarity: naive }), framework: scores({ nameSimilarity: framework }), millis: { median: 1, p95: 2 },
});

describe('thresholdFailures', () => {
  it('holds the drafter to 1.5 × the stronger baseline, coverage, off-domain rows, errors and YEAR_MISMATCH', () => {
    expect(thresholdFailures(run({}), thresholds)).toEqual([]);
    expect(thresholdFailures(run({ nameSimilarity: 0.14 }), thresholds)).toEqual([expect.stringContaining('stronger baseline 0.100')]);
    expect(thresholdFailures(run({}, 0.2, 0.1), thresholds)).toHaveLength(1);
    expect(thresholdFailures(run({ level2Coverage: 0.9, offDomain: 0.2, errorDrafts: 1, yearMismatches: 3 }), thresholds)).toHaveLength(4);
  });
});

describe('draftEvaluation', () => {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('scores a folder of one’s own documents the same way, each drafted without its own document', async () => {
    const realForms = fileURLToPath(new URL('../fixtures/real-forms/', import.meta.url));
    for (const name of ['r06', 'r26']) for (const suffix of ['.txt', '.gold.json', '.source.json']) copyFileSync(join(realForms, name + suffix), join(folder, `held-${name}${suffix}`));
    // A document without gold is in the library but not scored.
    writeFileSync(join(folder, 'other.txt'), '项目名称 x');
    const result = await draftEvaluation(folder);
    expect(result.seeds).toBeNull();
    expect(result.transfer.drafter.projects).toBe(2);
    expect(result.transfer.drafter.rows).toBeGreaterThan(10);
    expect(result.transfer.drafter.errorDrafts).toBe(0);
    expect(result.transfer.drafter.yearMismatches).toBe(0);
  }, 180_000);
});

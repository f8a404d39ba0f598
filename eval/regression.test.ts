// A deliberate regression: the level-2 alias 可持续性影响 → 可持续影响指标 is taken out of the
// extractor's table (it then keeps the cell as written), and `jixiao eval` against a baseline made
// before must fail and name the rows that changed, gold against the baseline's reading and this
// run's; put back, the same run passes. Each run imports the reader afresh (vi.resetModules), as a
// new process would: the reader memoises what the vocabulary says of a cell.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

/** The alias the test breaks: 可持续性影响, the older name of 可持续影响指标 that seed 001's forms use. */
const ALIAS = '可持续性影响';

/** A fresh reader whose vocabulary has the alias, or lacks it. */
async function freshEval(withAlias: boolean): Promise<(args: string[]) => Promise<number>> {
  vi.resetModules();
  const { LEVEL2_ALIASES } = await import('../vocab/levels.ts');
  if (!withAlias) delete (LEVEL2_ALIASES as Record<string, string>)[ALIAS];
  expect(ALIAS in LEVEL2_ALIASES).toBe(withAlias);
  const { runEval } = await import('./run.ts');
  return runEval;
}

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** Fixtures whose forms write 可持续性影响 (seed 001, the focused one) and one that does not (seed 000). */
const SUITE = [
  { id: 'seed-000', document: 'seeds/000_ad7b01c3c3fb5737.txt', gold: 'seeds/000_ad7b01c3c3fb5737.gold.json' },
  { id: 'seed-001', document: 'seeds/001_8a93ebbb46b509da.txt', gold: 'seeds/001_8a93ebbb46b509da.gold.json' },
  { id: 'focused-satisfaction-under-effect', document: 'focused/satisfaction-under-effect.txt', gold: 'focused/satisfaction-under-effect.gold.json' },
];

function suiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-regression-'));
  for (const fixture of SUITE) {
    for (const file of [fixture.document, fixture.gold]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      copyFileSync(join(fixtures, file), join(dir, file));
    }
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ fixtures: SUITE.map((fixture) => ({ ...fixture, format: 'text', tags: [] })) }));
  return dir;
}

/** Indicator rows the document files under 可持续性影响 (these forms write the level-2 cell on every row). */
function rowsUnder(document: string): number {
  return readFileSync(join(fixtures, document), 'utf8')
    .split('\n')
    .filter((line) => line.trim() === ALIAS).length;
}

async function evaluate(args: string[], withAlias = true): Promise<{ status: number; stdout: string; stderr: string }> {
  const runEval = await freshEval(withAlias);
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runEval(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('a broken level alias against the baseline', { timeout: 60_000 }, () => {
  it('fails the run and names the rows that changed; restored, the run passes', async () => {
    const dir = suiteDir();
    const saved = await evaluate(['--fixtures', dir, '--save-baseline']);
    expect(saved.status).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { total: Record<string, number> };
    expect(baseline.total['rows.f1']).toBe(1);

    const regressed = await evaluate(['--fixtures', dir], false);
    expect(regressed.status).toBe(4);
    expect(regressed.stderr).toMatch(/TOTAL rows\.f1 dropped from 1\.000 to 0\.\d{3} against the baseline/);
    expect(regressed.stderr).toMatch(/DROPPED text aligned\.level2: 1\.000 → 0\.\d{3}/);
    // Each fixture that got worse, and its changed rows field by field: gold, before, now.
    expect(regressed.stderr).toMatch(/WORSE: seed-001 \(/);
    expect(regressed.stderr).toMatch(/WORSE: focused-satisfaction-under-effect \(/);
    expect(regressed.stderr).not.toMatch(/seed-000/);
    expect(regressed.stderr).toMatch(/ row \d+:\n {6}level2: gold "可持续影响指标" \| before "可持续影响指标" \| now "可持续性影响"/);
    // Every row the form files under 可持续性影响 changed, and no other.
    const changed = regressed.stderr.match(/level2: gold "可持续影响指标" \| before "可持续影响指标" \| now "可持续性影响"/g) ?? [];
    const underAlias = [SUITE[1]!, SUITE[2]!].reduce((sum, fixture) => sum + rowsUnder(fixture.document), 0);
    expect(changed.length).toBe(underAlias);
    expect(regressed.stderr.match(/^ {4}\S.* row \d+:$/gm)?.length).toBe(underAlias);

    const restored = await evaluate(['--fixtures', dir]);
    expect(restored.status).toBe(0);
    expect(restored.stderr).not.toMatch(/DROPPED|WORSE/);
  });
});

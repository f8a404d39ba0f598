// Pasted text, however damaged, gives a contract-valid extraction or a limit's code, within the hang
// bound (checks.ts). Mutated seeds, random Unicode, 100 KB cells and thousands of columns; the same
// properties run for half an hour in `npm run fuzz`.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../pipeline/index.ts';
import { IngestError } from '../../ingest/index.ts';
import { hugeCell, mutatedSeed, renderHugeCell, renderMutatedSeed } from './arbitraries.ts';
import { cpuMs, warmUp } from './checks.ts';
import { CI_SEED, TEXT_PROPERTIES, toProperty } from './properties.ts';

describe('extractText never throws past its limits, and answers the contract', () => {
  beforeAll(() => warmUp('text'), 60_000);

  for (const property of TEXT_PROPERTIES.filter(({ ciRuns }) => ciRuns > 0)) {
    it(`${property.name} (${property.ciRuns} runs)`, async () => {
      await fc.assert(toProperty(property), { seed: CI_SEED, numRuns: property.ciRuns });
    }, 120_000);
  }
});

function read(text: string): void {
  try {
    extractText(text);
  } catch (error) {
    // Text refused with a code (binary, over a limit) is an answer too, and is timed like one.
    if (!(error instanceof IngestError)) throw error;
  }
}

/** Best of three in CPU time (cpuMs), after one run to warm the code up: a single timing on a shared machine is noise. */
function bestTime(text: string): number {
  read(text);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = cpuMs();
    read(text);
    best = Math.min(best, cpuMs() - start);
  }
  return best;
}

// Quadratic work gives 16× the time on 4× the input; the allowance is 16× plus 100 ms of timer and
// collector noise, so only worse-than-quadratic growth fails here, while the hang bound catches
// quadratic blow-ups on large inputs. Inputs are made large (≥ 30,000 characters) so the ratio is
// of real work, not of fixed costs.
describe('scaling: 4× the input takes at most ~16× the time', () => {
  const grow = (text: string, times: number) => Array.from({ length: times }, () => text).join('\n\n');

  it('a mutated seed repeated (more rows and projects)', () => {
    fc.assert(
      fc.property(mutatedSeed, (c) => {
        const text = renderMutatedSeed(c);
        const base = grow(text, Math.max(1, Math.ceil(30_000 / Math.max(1, text.length))));
        const small = bestTime(base);
        const large = bestTime(grow(base, 4));
        expect(large).toBeLessThanOrEqual(16 * small + 100);
      }),
      { seed: CI_SEED, numRuns: 3 },
    );
  }, 120_000);

  it('one cell grown from 30 KB to 120 KB', () => {
    fc.assert(
      fc.property(hugeCell, (c) => {
        const small = bestTime(renderHugeCell({ ...c, size: 30_000 }));
        const large = bestTime(renderHugeCell({ ...c, size: 120_000 }));
        expect(large).toBeLessThanOrEqual(16 * small + 100);
      }),
      { seed: CI_SEED, numRuns: 6 },
    );
  }, 120_000);
});

// Bytes of any kind, however damaged, give `{ ok: true }` with a contract-valid extraction or
// `{ ok: false }` with an error code, never a rejection, within the hang bound (checks.ts): random
// bytes behind magic numbers, deeply nested HTML, and the Word, Excel, PDF and image fixtures
// damaged. Image and PDF runs are few because OCR takes seconds a page; `npm run fuzz` runs more.
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { warmUp } from './checks.ts';
import { CI_SEED, FILE_PROPERTIES, toProperty } from './properties.ts';

describe('extract never rejects, and answers the contract or an error code', () => {
  beforeAll(() => warmUp('files'), 60_000);

  for (const property of FILE_PROPERTIES.filter(({ ciRuns }) => ciRuns > 0)) {
    it(`${property.name} (${property.ciRuns} runs)`, async () => {
      await fc.assert(toProperty(property), { seed: CI_SEED, numRuns: property.ciRuns });
    }, 120_000);
  }
});

// The named properties: a generator of cases, how a case becomes input, and which check it must
// pass. The vitest files run each a fixed number of times from a fixed seed; `npm run fuzz` runs
// them for as long as it is given, from random seeds, sharing its time among them by `fuzzWeight`.
import fc from 'fast-check';
import {
  hugeCell,
  manyColumns,
  mutatedFile,
  mutatedPng,
  mutatedSeed,
  mutatedZipPart,
  nestedHtml,
  randomFile,
  randomText,
  renderHugeCell,
  renderManyColumns,
  renderMutatedFile,
  renderMutatedPng,
  renderMutatedSeed,
  renderMutatedZipPart,
  renderNestedHtml,
  renderRandomFile,
} from './arbitraries.ts';
import { checkFile, checkText } from './checks.ts';

export type Input = { path: 'text'; text: string } | { path: 'file'; bytes: Uint8Array };

export interface ExtractionProperty {
  name: string;
  arbitrary: fc.Arbitrary<unknown>;
  input: (c: unknown) => Input;
  /** Runs in `npm test` (0: fuzzer only); the whole property suite is meant to stay within a minute on two cores. */
  ciRuns: number;
  /** Share of the fuzzer's time, relative to the others. */
  fuzzWeight: number;
  /** Runs per seed in the fuzzer. */
  fuzzBatch: number;
}

function define<C>(name: string, arbitrary: fc.Arbitrary<C>, input: (c: C) => Input, ciRuns: number, fuzz: { weight?: number; batch?: number } = {}): ExtractionProperty {
  return { name, arbitrary, input: input as (c: unknown) => Input, ciRuns, fuzzWeight: fuzz.weight ?? 1, fuzzBatch: fuzz.batch ?? Math.max(1, ciRuns) };
}

const text =
  <C>(render: (c: C) => string) =>
  (c: C): Input => ({ path: 'text', text: render(c) });
const file =
  <C>(render: (c: C) => Uint8Array) =>
  (c: C): Input => ({ path: 'file', bytes: render(c) });

// The fuzzer shares its time by weight: most to the mutated seeds and the damaged Office and PDF
// files, which reach deepest into the readers; least to random input, which mostly fails early.
export const TEXT_PROPERTIES: readonly ExtractionProperty[] = [
  define('text-mutated-seed', mutatedSeed, text(renderMutatedSeed), 150, { weight: 3 }),
  define('text-random', randomText, text(String), 300, { weight: 0.5 }),
  define('text-huge-cell', hugeCell, text(renderHugeCell), 16),
  define('text-many-columns', manyColumns, text(renderManyColumns), 20),
];

export const FILE_PROPERTIES: readonly ExtractionProperty[] = [
  define('file-random-bytes', randomFile, file(renderRandomFile), 200, { weight: 0.5 }),
  define('file-nested-html', nestedHtml, file(renderNestedHtml), 30),
  define('file-mutated-office', mutatedFile(['chengde.docx', 'chengde.xlsx']), file(renderMutatedFile), 40),
  define('file-mutated-zip-part', mutatedZipPart, file(renderMutatedZipPart), 30, { weight: 2 }),
  define('file-mutated-pdf', mutatedFile(['chengde.pdf'], 4), file(renderMutatedFile), 8, { weight: 2 }),
  // OCR takes seconds a page (the PNG 1.5 s, the phone photo 7 s): a few PNG runs in `npm test`,
  // the photo in the fuzzer only.
  define('file-mutated-png', mutatedPng, file(renderMutatedPng), 4),
  define('file-mutated-jpeg', mutatedFile(['chengde-photo.jpg'], 3), file(renderMutatedFile), 0, { weight: 0.5, batch: 4 }),
];

export const PROPERTIES: readonly ExtractionProperty[] = [...TEXT_PROPERTIES, ...FILE_PROPERTIES];

export async function checkInput(input: Input): Promise<void> {
  if (input.path === 'text') checkText(input.text);
  else await checkFile(input.bytes);
}

/** The fast-check property; `onInput` sees each input before it is checked (the fuzzer keeps the last one). */
export function toProperty(property: ExtractionProperty, onInput?: (input: Input) => void): fc.IAsyncProperty<[unknown]> {
  return fc.asyncProperty(property.arbitrary, async (c) => {
    const input = property.input(c);
    onInput?.(input);
    await checkInput(input);
  });
}

/** The fixed seed `npm test` runs from, so a failure in CI replays locally. */
export const CI_SEED = 20_240_917;

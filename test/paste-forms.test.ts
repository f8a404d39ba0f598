// The same seed tables pasted as TAB rows, as Markdown (pipe rows that keep their empty cells)
// and as a PDF viewer's copy (a cell per line, empty cells gone) must give the same projects and
// rows as the flattened Word text.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText } from '../pipeline/index.ts';
import { detectPasteForm } from '../ingest/text/index.ts';
import type { Extraction } from '../schemas/extraction.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const seeds = readdirSync(`${fixtures}seeds`).filter((name) => name.endsWith('.txt')).map((name) => name.replace(/\.txt$/, ''));
const forms = [
  { suffix: '.tsv.txt', form: 'tab-separated' },
  { suffix: '.md', form: 'pipe-rows' },
  { suffix: '.pdf.txt', form: 'plain-lines' },
] as const;

function projectsAndRows(extraction: Extraction) {
  return extraction.document.projects.map((project) => ({
    name: project.name,
    code: project.code,
    rows: project.indicators.map((row) => [row.level1, row.level2, row.name, row.value.raw].join(' | ')),
  }));
}

describe.each(seeds)('seed %s in other paste forms', (seed) => {
  const flattened = extractText(readFileSync(`${fixtures}seeds/${seed}.txt`, 'utf8'));

  it.each(forms)('$form gives the same projects and rows', ({ suffix, form }) => {
    const text = readFileSync(`${fixtures}paste-forms/${seed}${suffix}`, 'utf8');
    expect(detectPasteForm(text.split('\n'))).toBe(form);
    expect(projectsAndRows(extractText(text))).toEqual(projectsAndRows(flattened));
  });
});

// Running one engine over a fixture suite: each reviewed fixture extracted, timed and scored, and
// its rebuilt grids compared with its reference document's when the manifest names one.
import { readFileSync } from 'node:fs';
import { ingest } from '../ingest/index.ts';
import type { Doc } from '../schemas/doc.ts';
import type { Engine, EngineUsage } from './engines.ts';
import type { LoadedFixture } from './manifest.ts';
import { scoreExtraction, type Score } from './score.ts';
import { documentTeds } from './teds.ts';
import { formatGroup } from './totals.ts';

export interface FixtureResult {
  id: string;
  group: string;
  tags: string[];
  /** the fixture's document, relative to its manifest */
  document: string;
  score: Score;
  millis: number;
  teds: number | null;
  usage: EngineUsage | null;
  /** the document's text lines, for showing the source of a diff (text formats only) */
  lines: string[] | null;
  /** the document model the engine read, for showing the table row a diff came from */
  doc: Doc | null;
  /** set when the engine could not read the fixture at all */
  error: string | null;
}

const TEXT_FORMATS = new Set(['text', 'csv', 'html']);

export async function runSuite(fixtures: readonly LoadedFixture[], engine: Engine, onFixture?: (id: string) => void): Promise<FixtureResult[]> {
  const references = new Map<string, Doc | null>();
  const referenceDoc = async (path: string) => {
    if (!references.has(path)) {
      const read = await ingest(new Uint8Array(readFileSync(path)));
      references.set(path, read.ok ? read.value.doc : null);
    }
    return references.get(path) ?? null;
  };
  const results: FixtureResult[] = [];
  for (const fixture of fixtures) {
    onFixture?.(fixture.entry.id);
    const bytes = new Uint8Array(readFileSync(fixture.documentPath));
    const started = performance.now();
    const outcome = await engine.run(bytes, fixture.entry.document);
    const millis = performance.now() - started;
    const base = { id: fixture.entry.id, group: formatGroup(fixture.entry.format, fixture.entry.tags), tags: fixture.entry.tags, document: fixture.entry.document, millis };
    if (!outcome.ok) {
      // An unreadable fixture scores as an empty extraction: every gold row missing.
      const empty = { unit: null, year: null, overallGoal: null, departmentBudget: null, objectives: [], projects: [] };
      results.push({ ...base, score: scoreExtraction(fixture.gold.document, empty, fixture.gold.expectedWarnings ?? [], []), teds: null, usage: null, lines: null, doc: null, error: `${outcome.code}: ${outcome.message}` });
      continue;
    }
    const codes = outcome.extraction.warnings.map((warning) => warning.code);
    const score = scoreExtraction(fixture.gold.document, outcome.extraction.document, fixture.gold.expectedWarnings ?? [], codes);
    const reference = fixture.referencePath ? await referenceDoc(fixture.referencePath) : null;
    const teds = reference ? documentTeds(outcome.doc, reference) : null;
    const lines = TEXT_FORMATS.has(fixture.entry.format) ? new TextDecoder().decode(bytes).split(/\r?\n/) : null;
    results.push({ ...base, score, teds, usage: outcome.usage, lines, doc: outcome.doc, error: null });
  }
  return results;
}

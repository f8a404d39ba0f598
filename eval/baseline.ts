// The committed baseline (eval/baseline.json): every figure of the last accepted run, in total, per
// format and per fixture, and what was extracted for each gold row. A run is compared with it: a
// total or per-format figure that drops by more than its tolerance fails the run, and for each
// fixture that got worse (or better) the rows that changed are shown field by field.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { RowFace } from './score.ts';
import type { FixtureResult } from './suite.ts';

const Face = z.object({ level1: z.string(), level2: z.string(), name: z.string(), raw: z.string() });
const Figures = z.record(z.string(), z.number());

export const Baseline = z.object({
  version: z.literal(1),
  engine: z.string().describe('the engine the baseline was made with'),
  tolerance: z
    .record(z.string(), z.number().min(0))
    .describe(
      "how far a figure may drop before the run fails, by key: 'TOTAL' or a format group, optionally narrowed to figures ('image.project' for image's project.* figures); the most specific key wins, then 'default'",
    ),
  total: Figures,
  byFormat: z.record(z.string(), Figures),
  fixtures: z.record(z.string(), z.object({ totals: Figures, rows: z.array(z.object({ project: z.string(), row: z.number().int(), extracted: Face.nullable() })) })),
});
export type Baseline = z.infer<typeof Baseline>;

/**
 * Text, Word, web and sheet inputs are held to within rounding. OCR groups move a little between
 * CPUs (a character read differently), and with three projects each, one project field misread is
 * a third of the figure: their project fields are left to the thresholds, and the total, which
 * every group's figures also gate, is held to 1%.
 */
export const DEFAULT_TOLERANCE: Record<string, number> = { default: 0.001, TOTAL: 0.01, 'pdf-scan': 0.03, image: 0.06, 'pdf-scan.project': 0.34, 'image.project': 0.34 };

/** The tolerance of one figure: the most specific key of `scope.figure…`, then the scope, then 'default'. */
export function toleranceFor(tolerance: Record<string, number>, scope: string, figure: string): number {
  const parts = figure.split('.');
  for (let length = parts.length; length >= 0; length--) {
    const key = [scope, ...parts.slice(0, length)].join('.');
    if (tolerance[key] !== undefined) return tolerance[key];
  }
  return tolerance['default'] ?? DEFAULT_TOLERANCE['default']!;
}

export function loadBaseline(path: string): Baseline | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  return Baseline.parse(JSON.parse(text));
}

export function makeBaseline(engine: string, results: readonly FixtureResult[], total: Record<string, number>, byFormat: Record<string, Record<string, number>>, tolerance: Record<string, number>, totalsOf: (result: FixtureResult) => Record<string, number>): Baseline {
  return {
    version: 1,
    engine,
    tolerance,
    total: rounded(total),
    byFormat: Object.fromEntries(Object.entries(byFormat).map(([group, figures]) => [group, rounded(figures)])),
    fixtures: Object.fromEntries(
      results.map((result) => [result.id, { totals: rounded(totalsOf(result)), rows: result.score.aligned.map(({ project, row, extracted }) => ({ project, row, extracted })) }]),
    ),
  };
}

/** One line per figure set and per row, so a change to the baseline reads as a short diff in review. */
export function saveBaseline(path: string, baseline: Baseline): void {
  const line = (value: unknown) => JSON.stringify(value);
  const fixtures = Object.entries(baseline.fixtures).map(
    ([id, fixture]) => `  ${line(id)}: {\n   "totals": ${line(fixture.totals)},\n   "rows": [\n${fixture.rows.map((row) => `    ${line(row)}`).join(',\n')}\n   ]\n  }`,
  );
  const text = [
    '{',
    ` "version": ${baseline.version},`,
    ` "engine": ${line(baseline.engine)},`,
    ` "tolerance": ${line(baseline.tolerance)},`,
    ` "total": ${line(baseline.total)},`,
    ` "byFormat": {\n${Object.entries(baseline.byFormat).map(([group, figures]) => `  ${line(group)}: ${line(figures)}`).join(',\n')}\n },`,
    ` "fixtures": {\n${fixtures.join(',\n')}\n }`,
    '}',
  ].join('\n');
  writeFileSync(path, text + '\n');
}

/** Figures to 4 decimals: the file stays readable and diffs stay quiet. */
function rounded(figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, Math.round(value * 10_000) / 10_000]));
}

export interface FigureChange {
  /** TOTAL, a format group, or a fixture id */
  scope: string;
  figure: string;
  before: number;
  after: number;
}

export interface RowChange {
  project: string;
  row: number;
  gold: RowFace;
  before: RowFace | null;
  after: RowFace | null;
}

export interface FixtureChange {
  id: string;
  document: string;
  direction: 'worse' | 'better';
  figures: FigureChange[];
  rows: RowChange[];
  /** the fixture's text lines, for the rows' context (text formats) */
  lines: string[] | null;
}

export interface Comparison {
  /** total and per-format figures that dropped by more than their tolerance: these fail the run */
  dropped: FigureChange[];
  improved: FigureChange[];
  fixtures: FixtureChange[];
  added: string[];
  removed: string[];
}

const EPSILON = 1e-4;

function changes(scope: string, before: Record<string, number>, after: Record<string, number>): FigureChange[] {
  return Object.entries(after).flatMap(([figure, value]) => {
    const old = before[figure];
    return old === undefined || Math.abs(old - value) < EPSILON ? [] : [{ scope, figure, before: old, after: value }];
  });
}

const sameFace = (a: RowFace | null, b: RowFace | null) => (a === null || b === null ? a === b : a.level1 === b.level1 && a.level2 === b.level2 && a.name === b.name && a.raw === b.raw);

export function compareWithBaseline(
  baseline: Baseline,
  results: readonly FixtureResult[],
  total: Record<string, number>,
  byFormat: Record<string, Record<string, number>>,
  totalsOf: (result: FixtureResult) => Record<string, number>,
): Comparison {
  const moved = [...changes('TOTAL', baseline.total, total), ...Object.entries(byFormat).flatMap(([group, figures]) => changes(group, baseline.byFormat[group] ?? {}, figures))];
  const dropped = moved.filter((change) => change.before - change.after > toleranceFor(baseline.tolerance, change.scope, change.figure));
  const improved = moved.filter((change) => change.after > change.before);

  const fixtures: FixtureChange[] = [];
  for (const result of results) {
    const before = baseline.fixtures[result.id];
    if (!before) continue;
    const figures = changes(result.id, before.totals, totalsOf(result));
    if (figures.length === 0) continue;
    const worse = figures.some((change) => change.after < change.before);
    const earlier = new Map(before.rows.map((row) => [`${row.project}\u0000${row.row}`, row.extracted]));
    const rows = result.score.aligned.flatMap((row) => {
      const was = earlier.get(`${row.project}\u0000${row.row}`) ?? null;
      return sameFace(was, row.extracted) ? [] : [{ project: row.project, row: row.row, gold: row.gold, before: was, after: row.extracted }];
    });
    fixtures.push({ id: result.id, document: result.document, direction: worse ? 'worse' : 'better', figures, rows, lines: result.lines });
  }
  const ids = new Set(results.map((result) => result.id));
  return {
    dropped,
    improved,
    fixtures,
    added: results.filter((result) => !baseline.fixtures[result.id]).map((result) => result.id),
    removed: Object.keys(baseline.fixtures).filter((id) => !ids.has(id)),
  };
}

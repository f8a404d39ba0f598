// `jixiao eval`: extracts every reviewed fixture, scores it against its gold, prints a table per
// fixture and the totals, writes eval/report.json, and fails when a total is under its threshold.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { extract } from '../extract/index.ts';
import { runDraftEval } from './draft-eval.ts';
import { loadManifest } from './manifest.ts';
import {
  accuracy,
  addCounts,
  addTally,
  ALIGNED_FIELDS,
  DOCUMENT_FIELDS,
  f1,
  PROJECT_FIELDS,
  ROW_FIELDS,
  scoreExtraction,
  type Counts,
  type Score,
  type Tally,
} from './score.ts';

const defaultFixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const defaultThresholds = fileURLToPath(new URL('./thresholds.json', import.meta.url));
const defaultReport = fileURLToPath(new URL('./report.json', import.meta.url));

export const Thresholds = z.record(z.string(), z.number().min(0).max(1)).describe('total name → the lowest passing figure');

interface FixtureResult {
  id: string;
  /** what a format figure groups by: the manifest's format, with scans apart from text PDFs */
  group: string;
  tags: string[];
  score: Score;
  millis: number;
}

function sumScores(scores: readonly Score[]): Score {
  const [first, ...rest] = scores;
  if (!first) throw new Error('no scores to add');
  return rest.reduce<Score>(
    (total, score) => ({
      projects: addCounts(total.projects, score.projects),
      rows: addCounts(total.rows, score.rows),
      objectiveRows: addCounts(total.objectiveRows, score.objectiveRows),
      rowFields: Object.fromEntries(ROW_FIELDS.map((f) => [f, addTally(total.rowFields[f], score.rowFields[f])])) as Score['rowFields'],
      projectFields: Object.fromEntries(PROJECT_FIELDS.map((f) => [f, addTally(total.projectFields[f], score.projectFields[f])])) as Score['projectFields'],
      documentFields: Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f, addTally(total.documentFields[f], score.documentFields[f])])) as Score['documentFields'],
      alignedFields: Object.fromEntries(ALIGNED_FIELDS.map((f) => [f, addTally(total.alignedFields[f], score.alignedFields[f])])) as Score['alignedFields'],
      warnings: addTally(total.warnings, score.warnings),
      diffs: [...total.diffs, ...score.diffs],
    }),
    first,
  );
}

/** The named figures that thresholds apply to. */
export function totalsOf(score: Score): Record<string, number> {
  const totals: Record<string, number> = {
    'projects.f1': f1(score.projects).f1,
    'rows.f1': f1(score.rows).f1,
    'objectiveRows.f1': f1(score.objectiveRows).f1,
    'warnings.accuracy': accuracy(score.warnings),
  };
  for (const field of ROW_FIELDS) totals[`row.${field}`] = accuracy(score.rowFields[field]);
  for (const field of PROJECT_FIELDS) totals[`project.${field}`] = accuracy(score.projectFields[field]);
  for (const field of DOCUMENT_FIELDS) totals[`document.${field}`] = accuracy(score.documentFields[field]);
  for (const field of ALIGNED_FIELDS) totals[`aligned.${field}`] = accuracy(score.alignedFields[field]);
  return totals;
}

export function formatGroup(format: string, tags: readonly string[]): string {
  return tags.includes('scan') ? `${format}-scan` : format;
}

/** Totals for each format group, named `format.<group>.<total>` as thresholds name them. */
function totalsByFormat(results: readonly FixtureResult[]): Record<string, Record<string, number>> {
  const groups = [...new Set(results.map((result) => result.group))];
  return Object.fromEntries(groups.map((group) => [group, totalsOf(sumScores(results.filter((result) => result.group === group).map((result) => result.score)))]));
}

const FORMAT_COLUMNS = ['rows.f1', 'projects.f1', 'aligned.level1', 'aligned.level2', 'aligned.name', 'aligned.raw'] as const;

function formatTable(results: readonly FixtureResult[], byFormat: Record<string, Record<string, number>>): string {
  const header = ['format', 'fixtures', 'rows', ...FORMAT_COLUMNS];
  const lines = Object.entries(byFormat).map(([group, totals]) => {
    const members = results.filter((result) => result.group === group);
    const rows = members.reduce((sum, result) => sum + result.score.rows.gold, 0);
    return [group, String(members.length), String(rows), ...FORMAT_COLUMNS.map((name) => pct(totals[name] ?? 0))];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const render = (cells: readonly string[]) => '| ' + cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [render(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.map(render)].join('\n');
}

const pct = (value: number) => value.toFixed(3);
const countText = (counts: Counts) => `${counts.truePositives}/${counts.gold}${counts.extracted !== counts.gold ? ` (ext ${counts.extracted})` : ''}`;
const minField = (tallies: Record<string, Tally>) => Math.min(...Object.values(tallies).map(accuracy));

function table(results: readonly FixtureResult[], total: Score): string {
  const header = ['fixture', 'projects', 'proj F1', 'rows', 'row F1', 'min row field', 'min proj field', 'obj rows F1', 'ms'];
  const lines = results.map((result) => [
    result.id,
    countText(result.score.projects),
    pct(f1(result.score.projects).f1),
    countText(result.score.rows),
    pct(f1(result.score.rows).f1),
    pct(minField(result.score.rowFields)),
    pct(minField(result.score.projectFields)),
    result.score.objectiveRows.gold + result.score.objectiveRows.extracted === 0 ? '-' : pct(f1(result.score.objectiveRows).f1),
    result.millis.toFixed(1),
  ]);
  lines.push([
    'TOTAL',
    countText(total.projects),
    pct(f1(total.projects).f1),
    countText(total.rows),
    pct(f1(total.rows).f1),
    pct(minField(total.rowFields)),
    pct(minField(total.projectFields)),
    pct(f1(total.objectiveRows).f1),
    results.reduce((sum, result) => sum + result.millis, 0).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const render = (cells: readonly string[]) => '| ' + cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [render(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.map(render)].join('\n');
}

export interface EvalOptions {
  fixtures: string;
  thresholds: string;
  report: string;
  json: boolean;
  draft: boolean;
}

export function parseEvalArgs(args: readonly string[]): EvalOptions | string {
  const options: EvalOptions = { fixtures: defaultFixtures, thresholds: defaultThresholds, report: defaultReport, json: false, draft: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = args[i + 1];
    if (arg === '--json') options.json = true;
    else if (arg === '--draft') options.draft = true;
    else if ((arg === '--fixtures' || arg === '--thresholds' || arg === '--report') && next) {
      options[arg.slice(2) as 'fixtures' | 'thresholds' | 'report'] = next;
      i++;
    } else return `unknown or incomplete option '${arg}'`;
  }
  return options;
}

export async function runEval(args: readonly string[]): Promise<number> {
  const options = parseEvalArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`jixiao eval: ${options}\n`);
    return 2;
  }
  if (options.draft) return runDraftEval(options.json);
  const fixtures = loadManifest(options.fixtures).filter((fixture) => fixture.gold.reviewed);
  const results: FixtureResult[] = [];
  for (const fixture of fixtures) {
    const bytes = readFileSync(fixture.documentPath);
    const started = performance.now();
    const result = await extract({ bytes, filename: fixture.entry.document });
    const millis = performance.now() - started;
    if (!result.ok) throw new Error(`fixture ${fixture.entry.id}: ${result.error.code}: ${result.error.message}`);
    const codes = result.extraction.warnings.map((warning) => warning.code);
    const score = scoreExtraction(fixture.gold.document, result.extraction.document, fixture.gold.expectedWarnings ?? [], codes);
    results.push({ id: fixture.entry.id, group: formatGroup(fixture.entry.format, fixture.entry.tags), tags: fixture.entry.tags, score, millis });
  }
  if (results.length === 0) {
    process.stderr.write('jixiao eval: no reviewed fixtures to score\n');
    return 2;
  }
  const total = sumScores(results.map((result) => result.score));
  const totals = totalsOf(total);
  const thresholds = Thresholds.parse(JSON.parse(readFileSync(options.thresholds, 'utf8')));
  const byFormat = totalsByFormat(results);
  // `format.<group>.<total>` applies to one format group; a threshold for a group with no fixtures is not a failure.
  const figureOf = (name: string): number | undefined => {
    const scoped = /^format\.([^.]+)\.(.+)$/.exec(name);
    return scoped ? byFormat[scoped[1] as string]?.[scoped[2] as string] : totals[name];
  };
  const failures = Object.entries(thresholds).filter(([name, minimum]) => {
    const figure = figureOf(name);
    return figure !== undefined && figure < minimum;
  });

  const report = {
    fixtures: results.map((result) => ({ id: result.id, group: result.group, tags: result.tags, millis: result.millis, totals: totalsOf(result.score), score: result.score })),
    totals,
    byFormat,
    thresholds,
    failures: failures.map(([name, minimum]) => ({ name, minimum, actual: figureOf(name) ?? 0 })),
  };
  writeFileSync(options.report, JSON.stringify(report, null, 2) + '\n');
  if (options.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    process.stdout.write(table(results, total) + '\n\n');
    process.stdout.write(formatTable(results, byFormat) + '\n\n');
    process.stdout.write(Object.entries(totals).map(([name, value]) => `${name.padEnd(22)} ${pct(value)}`).join('\n') + '\n');
    for (const diff of total.diffs.slice(0, 40)) {
      process.stdout.write(`  diff ${diff.project} · ${diff.field}: gold ${JSON.stringify(diff.gold)} | extracted ${JSON.stringify(diff.extracted)}\n`);
    }
    if (total.diffs.length > 40) process.stdout.write(`  … ${total.diffs.length - 40} more differences in ${options.report}\n`);
  }
  for (const [name, minimum] of failures) {
    process.stderr.write(`jixiao eval: ${name} = ${pct(figureOf(name) ?? 0)} is below its threshold ${pct(minimum)}\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

// `jixiao eval`: runs engines over a fixture suite, scores every reviewed fixture against its gold,
// prints the tables, writes eval/report.json (and, asked, an HTML report and a Markdown summary),
// and fails when a figure falls under its threshold or drops against the committed baseline.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compareWithBaseline, DEFAULT_TOLERANCE, loadBaseline, makeBaseline, saveBaseline, type Comparison } from './baseline.ts';
import { draftEvaluation, runDraftEval } from './draft-eval.ts';
import { engineFor, type Engine } from './engines.ts';
import { loadManifest, type LoadedFixture } from './manifest.ts';
import { renderHtml, type EngineRun } from './render-html.ts';
import { comparisonText, figureList, fixtureTable, formatTable, markdownTable, tagTable } from './render-text.ts';
import { runSuite, type FixtureResult } from './suite.ts';
import { sumScores, totalsByFormat, totalsByTag, totalsOf } from './totals.ts';
import { EXIT, usageFailure } from '../cli/exit.ts';

const defaultFixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const defaultThresholds = fileURLToPath(new URL('./thresholds.json', import.meta.url));
const defaultReport = fileURLToPath(new URL('./report.json', import.meta.url));
const defaultBaseline = fileURLToPath(new URL('./baseline.json', import.meta.url));

export const Thresholds = z.record(z.string(), z.number().min(0).max(1)).describe('figure name → the lowest passing value');

export interface EvalOptions {
  fixtures: string;
  thresholds: string | null;
  report: string;
  baseline: string;
  saveBaseline: boolean;
  html: string | null;
  markdown: string | null;
  engines: string[];
  model: string | undefined;
  promptVersion: string | undefined;
  json: boolean;
  draft: boolean;
  /** a folder of documents with gold to score drafting on, instead of the real forms */
  forms: string | null;
}

const VALUE_OPTIONS = ['--fixtures', '--thresholds', '--report', '--baseline', '--html', '--markdown', '--engine', '--model', '--prompt-version', '--forms'] as const;

export const EVAL_USAGE = `usage: jixiao eval [--fixtures DIR] [options]
  score every reviewed fixture against its gold and compare with the baseline
  --fixtures DIR      a fixture folder with manifest.json (default: fixtures/ of a checkout);
                      its thresholds.json and baseline.json are read beside it
  --save-baseline     write this run's figures as the baseline
  --baseline FILE     another baseline file   --thresholds FILE  another thresholds file
  --html FILE         a self-contained report page
  --markdown FILE     a Markdown summary (for CI logs and pull requests)
  --json              print the report as JSON (it is always written to --report FILE,
                      default eval/report.json)
  --engine a,b        engines side by side: rules, llm, auto
  --model NAME --prompt-version V   for the model engines
  --draft             leave-one-out drafting over the starter library, against a baseline
  --forms DIR         the drafting evaluation over a folder of one's own (rNN.txt beside rNN.source.json)
exit 0 passed, 1 usage, 2 the fixtures cannot be read, 3 no reviewed fixture, 4 a figure under its
threshold or dropped against the baseline
`;

export function parseEvalArgs(args: readonly string[]): EvalOptions | string {
  const values: Partial<Record<(typeof VALUE_OPTIONS)[number], string>> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if ((VALUE_OPTIONS as readonly string[]).includes(arg)) {
      const next = args[++i];
      if (next === undefined) return `${arg} 需要一个值`;
      values[arg as (typeof VALUE_OPTIONS)[number]] = next;
    } else if (['--json', '--draft', '--save-baseline'].includes(arg)) flags.add(arg);
    else return `未知或不完整的选项 '${arg}'`;
  }
  const custom = values['--fixtures'] !== undefined;
  const fixtures = values['--fixtures'] ?? defaultFixtures;
  return {
    fixtures,
    // A suite of one's own has its thresholds and baseline beside its manifest, when it keeps them.
    thresholds: values['--thresholds'] ?? (custom ? (existsSync(join(fixtures, 'thresholds.json')) ? join(fixtures, 'thresholds.json') : null) : defaultThresholds),
    report: values['--report'] ?? (custom ? join(fixtures, 'report.json') : defaultReport),
    baseline: values['--baseline'] ?? (custom ? join(fixtures, 'baseline.json') : defaultBaseline),
    saveBaseline: flags.has('--save-baseline'),
    html: values['--html'] ?? null,
    markdown: values['--markdown'] ?? null,
    engines: (values['--engine'] ?? 'rules').split(',').map((name) => name.trim()).filter(Boolean),
    model: values['--model'],
    promptVersion: values['--prompt-version'],
    json: flags.has('--json'),
    draft: flags.has('--draft') || values['--forms'] !== undefined,
    forms: values['--forms'] ?? null,
  };
}

interface Run {
  label: string;
  results: FixtureResult[];
  total: Record<string, number>;
  byFormat: Record<string, Record<string, number>>;
  byTag: Record<string, Record<string, number>>;
}

function summarize(label: string, results: FixtureResult[]): Run {
  return { label, results, total: totalsOf(sumScores(results.map((result) => result.score))), byFormat: totalsByFormat(results), byTag: totalsByTag(results) };
}

function thresholdFailures(path: string | null, run: Run): { name: string; minimum: number; actual: number }[] {
  if (path === null) return [];
  const thresholds = Thresholds.parse(JSON.parse(readFileSync(path, 'utf8')));
  // `format.<group>.<figure>` applies to one format group, `tag.<tag>.<figure>` to the fixtures with
  // a grouping tag (`tag.rendering:pipe-rows.rows.f1`); a group with no fixtures does not fail.
  const figureOf = (name: string): number | undefined => {
    const scoped = /^(format|tag)\.([^.]+)\.(.+)$/.exec(name);
    if (!scoped) return run.total[name];
    return (scoped[1] === 'format' ? run.byFormat : run.byTag)[scoped[2]!]?.[scoped[3]!];
  };
  return Object.entries(thresholds).flatMap(([name, minimum]) => {
    const actual = figureOf(name);
    return actual !== undefined && actual < minimum ? [{ name, minimum, actual }] : [];
  });
}

/** Time, tokens and estimated cost per document of a run (tokens and cost null for the rules). */
function perDocument(run: Run): { millis: number; tokens: number | null; costUsd: number | null } {
  const docs = run.results.length || 1;
  const used = run.results.flatMap((result) => (result.usage ? [result.usage] : []));
  const costs = used.flatMap((usage) => (usage.costUsd === null ? [] : [usage.costUsd]));
  return {
    millis: run.results.reduce((sum, result) => sum + result.millis, 0) / docs,
    tokens: used.length === 0 ? null : used.reduce((sum, usage) => sum + usage.promptTokens + usage.completionTokens, 0) / docs,
    costUsd: costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0) / docs,
  };
}

/** Engines side by side: accuracy, time, tokens and cost per document. */
function engineTable(runs: readonly Run[]): string {
  const header = ['engine', 'rows.f1', 'aligned.raw', 'anls.raw', 'projects.f1', 'ms / doc', 'tokens / doc', 'cost / doc (USD)'];
  const lines = runs.map((run) => {
    const each = perDocument(run);
    return [
      run.label,
      (run.total['rows.f1'] ?? 0).toFixed(3),
      (run.total['aligned.raw'] ?? 0).toFixed(3),
      (run.total['anls.raw'] ?? 0).toFixed(3),
      (run.total['projects.f1'] ?? 0).toFixed(3),
      each.millis.toFixed(0),
      each.tokens === null ? '-' : String(Math.round(each.tokens)),
      each.costUsd === null ? '-' : each.costUsd.toFixed(4),
    ];
  });
  return markdownTable(header, lines);
}

function markdownSummary(primary: Run, runs: readonly Run[], comparison: Comparison | null, failures: readonly { name: string; minimum: number; actual: number }[]): string {
  const verdict = failures.length > 0 || (comparison?.dropped.length ?? 0) > 0 ? '**FAILED**' : 'passed';
  const lines = [
    `## jixiao eval: ${verdict}`,
    '',
    `${primary.results.length} fixtures; rows.f1 ${(primary.total['rows.f1'] ?? 0).toFixed(3)}, projects.f1 ${(primary.total['projects.f1'] ?? 0).toFixed(3)}.`,
    '',
    formatTable(primary.results, primary.byFormat),
  ];
  if (runs.length > 1) lines.push('', engineTable(runs));
  for (const failure of failures) lines.push(`- below threshold: ${failure.name} = ${failure.actual.toFixed(3)} < ${failure.minimum}`);
  if (comparison) {
    for (const change of comparison.dropped) lines.push(`- dropped against the baseline: ${change.scope} ${change.figure} ${change.before.toFixed(3)} → ${change.after.toFixed(3)}`);
    for (const fixture of comparison.fixtures) lines.push(`- ${fixture.direction}: ${fixture.id}, ${fixture.rows.length} row(s) changed`);
  }
  return lines.join('\n') + '\n';
}

export async function runEval(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(EVAL_USAGE);
    return EXIT.ok;
  }
  const options = parseEvalArgs(args);
  if (typeof options === 'string') return usageFailure('eval', options, EVAL_USAGE);
  if (options.draft) return await runDraftEval(options.json, options.forms);
  let loaded: LoadedFixture[];
  try {
    loaded = loadManifest(options.fixtures);
  } catch (error) {
    process.stderr.write(`jixiao eval: 无法读取 ${options.fixtures} 的评测集（FIXTURES_UNREADABLE）：${(error as Error).message}\n`);
    return EXIT.unreadable;
  }
  const fixtures = loaded.filter((fixture) => fixture.gold.reviewed);
  const unreviewed = loaded.filter((fixture) => !fixture.gold.reviewed).map((fixture) => fixture.entry.id);
  if (unreviewed.length > 0) process.stderr.write(`jixiao eval: not scored, gold not yet reviewed: ${unreviewed.join(', ')}\n`);
  if (fixtures.length === 0) {
    process.stderr.write('jixiao eval: 没有已审核的评测样例（NO_REVIEWED_FIXTURES）：gold files need "reviewed": true\n');
    return EXIT.nothingFound;
  }
  const engines: Engine[] = [];
  for (const name of options.engines) {
    const engine = engineFor({ name, model: options.model, promptVersion: options.promptVersion });
    if ('skipped' in engine) process.stderr.write(`jixiao eval: ${name} skipped: ${engine.skipped}\n`);
    else engines.push(engine);
  }
  if (engines.length === 0) {
    process.stderr.write('jixiao eval: 没有可运行的引擎（MODEL_NOT_CONFIGURED）\n');
    return EXIT.unreadable;
  }
  const runs: Run[] = [];
  for (const engine of engines) runs.push(summarize(engine.label, await runSuite(fixtures, engine)));
  const primary = runs[0]!;
  const failures = thresholdFailures(options.thresholds, primary);
  const totalsOfResult = (result: FixtureResult) => ({ ...totalsOf(result.score), ...(result.teds === null ? {} : { teds: result.teds }) });

  const baseline = loadBaseline(options.baseline);
  // A baseline is only compared with a run of the engine it was made with.
  const comparison = baseline && !options.saveBaseline && baseline.engine === primary.label ? compareWithBaseline(baseline, primary.results, primary.total, primary.byFormat, totalsOfResult) : null;
  if (options.saveBaseline) {
    saveBaseline(options.baseline, makeBaseline(primary.label, primary.results, primary.total, primary.byFormat, baseline?.tolerance ?? DEFAULT_TOLERANCE, totalsOfResult));
  }

  const report = {
    engines: runs.map((run) => ({ label: run.label, perDocument: perDocument(run), totals: run.total, byFormat: run.byFormat })),
    fixtures: primary.results.map((result) => ({ id: result.id, group: result.group, tags: result.tags, millis: result.millis, teds: result.teds, usage: result.usage, error: result.error, totals: totalsOf(result.score), score: { ...result.score, aligned: undefined } })),
    totals: primary.total,
    byFormat: primary.byFormat,
    byTag: primary.byTag,
    failures,
    comparison,
  };
  writeFileSync(options.report, JSON.stringify(report, null, 2) + '\n');

  if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    const total = sumScores(primary.results.map((result) => result.score));
    const out = [fixtureTable(primary.results, total), formatTable(primary.results, primary.byFormat), tagTable(primary.results, primary.byTag), figureList(primary.total)];
    if (runs.length > 1) out.push(engineTable(runs));
    const shown = total.diffs.slice(0, 40).map((diff) => `  diff ${diff.project} · ${diff.field}: gold ${JSON.stringify(diff.gold)} | extracted ${JSON.stringify(diff.extracted)}`);
    if (total.diffs.length > 40) shown.push(`  … ${total.diffs.length - 40} more differences in ${options.report}`);
    out.push(shown.join('\n'));
    process.stdout.write(out.filter(Boolean).join('\n\n') + '\n');
  }
  if (comparison) {
    const text = comparisonText(comparison);
    if (text) process.stderr.write(`jixiao eval: against the baseline ${options.baseline}:\n${text}\n`);
  } else if (!baseline && !options.saveBaseline) process.stderr.write(`jixiao eval: no baseline at ${options.baseline} (write one with --save-baseline)\n`);
  if (options.saveBaseline) process.stderr.write(`jixiao eval: baseline written to ${options.baseline}\n`);
  if (options.markdown) writeFileSync(options.markdown, markdownSummary(primary, runs, comparison, failures));
  if (options.html) {
    const engineRuns: EngineRun[] = runs.map((run) => ({ label: run.label, results: run.results, total: run.total, byFormat: run.byFormat }));
    writeFileSync(options.html, renderHtml({ runs: engineRuns, comparison, failures, drafts: (await draftEvaluation()).transfer, generatedAt: new Date().toISOString() }));
  }
  for (const failure of failures) process.stderr.write(`jixiao eval: ${failure.name} = ${failure.actual.toFixed(3)} is below its threshold ${failure.minimum.toFixed(3)}\n`);
  for (const change of comparison?.dropped ?? []) {
    process.stderr.write(`jixiao eval: ${change.scope} ${change.figure} dropped from ${change.before.toFixed(3)} to ${change.after.toFixed(3)} against the baseline\n`);
  }
  return failures.length > 0 || (comparison?.dropped.length ?? 0) > 0 ? EXIT.checksFailed : EXIT.ok;
}

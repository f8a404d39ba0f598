// The evaluation as one self-contained HTML page (`jixiao eval --html report.html`): inline CSS and
// server-drawn SVG, no script, nothing fetched, so it opens from a CI artifact or an e-mail. Sections:
// totals, engines side by side, per-format and per-field charts, the level-2 confusion matrix, the
// slowest documents, what moved against the baseline, every row that differs from gold with where it
// was read, and the drafting evaluation.
import type { DraftEvaluation, DraftScores } from '../draft/evaluate.ts';
import type { Doc, SourceSpan } from '../schemas/doc.ts';
import type { Comparison, RowChange } from './baseline.ts';
import { MISSING, type AlignedRow, type RowFace } from './score.ts';
import type { FixtureResult } from './suite.ts';
import { barChartSvg, escapeHtml as esc } from './svg-charts.ts';
import { sumScores } from './totals.ts';

export interface EngineRun {
  label: string;
  results: FixtureResult[];
  total: Record<string, number>;
  byFormat: Record<string, Record<string, number>>;
}

export interface ReportInput {
  runs: EngineRun[];
  comparison: Comparison | null;
  failures: { name: string; minimum: number; actual: number }[];
  drafts: DraftEvaluation | null;
  generatedAt: string;
}

const fixed = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(3));

const STYLE = `
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 10px}
section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:16px 18px;margin:16px 0}
.meta{color:#5b6473}.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600}
.pass{background:#e3f4ea;color:#17663a}.fail{background:#fde8e8;color:#a11d1d}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #e4e7ec;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:20px}.card span{color:#5b6473;font-size:12px}
table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #e1e4e9;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f1f3f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:18px}.chart text{font-size:11px;fill:#1d2330}.chart text.value{fill:#5b6473}
.gold{color:#17663a}.got{color:#a11d1d}.src{font-family:ui-monospace,monospace;font-size:12px;background:#f6f7f9;white-space:pre-wrap;margin:2px 0}
.src mark{background:#fff3b0}details{margin:6px 0}details details{margin-left:18px}summary{cursor:pointer;font-weight:600}
.worse{color:#a11d1d}.better{color:#17663a}
`;

function verdictOf(input: ReportInput): { passed: boolean; text: string } {
  const dropped = input.comparison?.dropped.length ?? 0;
  if (input.failures.length === 0 && dropped === 0) return { passed: true, text: 'passed' };
  const reasons = [input.failures.length > 0 ? `${input.failures.length} figure(s) below threshold` : '', dropped > 0 ? `${dropped} figure(s) dropped against the baseline` : ''];
  return { passed: false, text: `failed: ${reasons.filter(Boolean).join(', ')}` };
}

function totalsSection(run: EngineRun): string {
  const cards: [string, string][] = [
    ['rows.f1', 'indicator rows F1 (exact)'],
    ['aligned.raw', 'values right, per gold row'],
    ['anls.raw', 'value ANLS'],
    ['anls.name', 'name ANLS'],
    ['projects.f1', 'projects F1'],
    ['objectiveRows.f1', 'objective rows F1'],
  ];
  const rows = run.results.reduce((sum, result) => sum + result.score.rows.gold, 0);
  return `<section id="totals"><h2>Totals · ${esc(run.label)}</h2><p class="meta">${run.results.length} fixtures, ${rows} gold indicator rows.</p><div class="cards">${cards
    .map(([name, label]) => `<div class="card"><b>${fixed(run.total[name])}</b><span>${esc(label)}<br>${esc(name)}</span></div>`)
    .join('')}</div></section>`;
}

function engineSection(runs: readonly EngineRun[]): string {
  const lines = runs.map((run) => {
    const docs = run.results.length || 1;
    const tokens = run.results.reduce((sum, result) => sum + (result.usage ? result.usage.promptTokens + result.usage.completionTokens : 0), 0);
    const costs = run.results.flatMap((result) => (result.usage?.costUsd == null ? [] : [result.usage.costUsd]));
    const ms = run.results.reduce((sum, result) => sum + result.millis, 0) / docs;
    return `<tr><td>${esc(run.label)}</td>${['rows.f1', 'aligned.raw', 'anls.raw', 'projects.f1'].map((name) => `<td class="num">${fixed(run.total[name])}</td>`).join('')}<td class="num">${ms.toFixed(0)}</td><td class="num">${tokens === 0 ? '–' : Math.round(tokens / docs)}</td><td class="num">${costs.length === 0 ? '–' : (costs.reduce((a, b) => a + b, 0) / docs).toFixed(4)}</td></tr>`;
  });
  return `<section id="engines"><h2>Engines</h2><table><tr><th>engine</th><th>rows.f1</th><th>aligned.raw</th><th>anls.raw</th><th>projects.f1</th><th>ms / document</th><th>tokens / document</th><th>cost / document (USD)</th></tr>${lines.join('')}</table></section>`;
}

function formatSection(runs: readonly EngineRun[]): string {
  const primary = runs[0]!;
  const groups = Object.keys(primary.byFormat);
  const figures = ['rows.f1', 'aligned.raw', 'anls.raw', 'teds'];
  const chart = barChartSvg({
    title: 'accuracy by format',
    series: figures,
    groups: groups.map((group) => ({ label: group, values: figures.map((figure) => primary.byFormat[group]?.[figure] ?? null) })),
  });
  const engines =
    runs.length > 1
      ? barChartSvg({
          title: 'rows F1 by format and engine',
          series: runs.map((run) => run.label),
          groups: groups.map((group) => ({ label: group, values: runs.map((run) => run.byFormat[group]?.['rows.f1'] ?? null) })),
        })
      : '';
  const header = ['format', 'fixtures', ...figures, 'aligned.level2', 'anls.name'];
  const table = `<table><tr>${header.map((name) => `<th>${esc(name)}</th>`).join('')}</tr>${groups
    .map((group) => {
      const totals = primary.byFormat[group] ?? {};
      const count = primary.results.filter((result) => result.group === group).length;
      return `<tr><td>${esc(group)}</td><td class="num">${count}</td>${[...figures, 'aligned.level2', 'anls.name'].map((name) => `<td class="num">${fixed(totals[name])}</td>`).join('')}</tr>`;
    })
    .join('')}</table>`;
  return `<section id="formats"><h2>By format</h2><p class="meta">TEDS compares the rebuilt table grids with those of the Word file the document was made from; ANLS gives near-miss strings partial credit.</p><div class="charts">${chart}${engines}${table}</div></section>`;
}

function fieldSection(run: EngineRun): string {
  const names = Object.keys(run.total).filter((name) => /^(row|aligned|anls|project|document)\./.test(name));
  const byKind = (prefix: string) => names.filter((name) => name.startsWith(prefix));
  const chart = (title: string, prefix: string) =>
    barChartSvg({ title, series: [run.label], groups: byKind(prefix).map((name) => ({ label: name, values: [run.total[name] ?? 0] })) });
  return `<section id="fields"><h2>By field</h2><p class="meta">row.* on rows matched exactly; aligned.* and anls.* on every gold row (a missing row counts wrong); project.* on matched projects.</p><div class="charts">${chart('indicator fields', 'row.')}${chart('aligned row fields', 'aligned.')}${chart('ANLS', 'anls.')}${chart('project fields', 'project.')}${chart('document fields', 'document.')}</div></section>`;
}

function confusionSection(run: EngineRun): string {
  const confusion = sumScores(run.results.map((result) => result.score)).confusion;
  const gold = Object.keys(confusion).sort((a, b) => a.localeCompare(b, 'zh'));
  const extracted = [...new Set([...gold, ...Object.values(confusion).flatMap((row) => Object.keys(row))])].sort((a, b) => (a === MISSING ? 1 : b === MISSING ? -1 : a.localeCompare(b, 'zh')));
  const largest = Math.max(1, ...Object.values(confusion).flatMap((row) => Object.values(row)));
  const cell = (goldLevel: string, extractedLevel: string) => {
    const count = confusion[goldLevel]?.[extractedLevel] ?? 0;
    if (count === 0) return '<td></td>';
    const diagonal = goldLevel === extractedLevel;
    const strength = 0.15 + 0.85 * (count / largest);
    const colour = diagonal ? `rgba(0,114,178,${strength.toFixed(2)})` : `rgba(213,94,0,${Math.max(0.35, strength).toFixed(2)})`;
    return `<td class="num" style="background:${colour};color:${strength > 0.55 ? '#fff' : '#1d2330'}" title="gold ${esc(goldLevel)} → ${esc(extractedLevel)}: ${count}">${count}</td>`;
  };
  const off = gold.reduce((sum, goldLevel) => sum + Object.entries(confusion[goldLevel] ?? {}).reduce((inner, [level, count]) => inner + (level === goldLevel ? 0 : count), 0), 0);
  return `<section id="confusion"><h2>二级指标 confusion (gold rows × extracted)</h2><p class="meta">Rows are the gold level-2 of each gold indicator row, columns what the extraction gave the row aligned with it; ${off} row(s) off the diagonal.</p><table><tr><th>gold \\ extracted</th>${extracted.map((level) => `<th>${esc(level)}</th>`).join('')}</tr>${gold
    .map((goldLevel) => `<tr><th>${esc(goldLevel)}</th>${extracted.map((level) => cell(goldLevel, level)).join('')}</tr>`)
    .join('')}</table></section>`;
}

function slowestSection(run: EngineRun): string {
  const slowest = [...run.results].sort((a, b) => b.millis - a.millis).slice(0, 10);
  const chart = barChartSvg({
    title: 'slowest documents',
    series: ['ms'],
    maximum: Math.max(1, slowest[0]?.millis ?? 1),
    format: (value) => `${value.toFixed(0)} ms`,
    groups: slowest.map((result) => ({ label: result.id, values: [result.millis] })),
  });
  return `<section id="slowest"><h2>Slowest documents</h2><div class="charts">${chart}</div></section>`;
}

function faceText(face: RowFace | null): string {
  return face === null ? '(missing)' : `${face.level1} / ${face.level2} / ${face.name} = ${face.raw}`;
}

function spanText(span: SourceSpan): string {
  const parts = [
    span.sheet ? `sheet ${span.sheet}` : '',
    span.ref ?? '',
    span.page ? `page ${span.page}` : '',
    span.table ? `table ${span.table}` : '',
    span.row ? `row ${span.row}` : '',
    span.cell ? `cell ${span.cell}` : '',
    span.lineStart ? `line ${span.lineStart}${span.lineEnd && span.lineEnd !== span.lineStart ? `–${span.lineEnd}` : ''}` : '',
    span.ocr ? `OCR${span.confidence === undefined ? '' : ` confidence ${span.confidence.toFixed(2)}`}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** The source lines a row was read from, with a line of context each side (text fixtures). */
function sourceLines(lines: readonly string[], span: SourceSpan & { lineStart: number }): string {
  const end = span.lineEnd ?? span.lineStart;
  const shown = [];
  for (let line = Math.max(1, span.lineStart - 1); line <= Math.min(lines.length, end + 1); line++) {
    const text = esc(`${String(line).padStart(4)}  ${lines[line - 1] ?? ''}`);
    shown.push(line >= span.lineStart && line <= end ? `<mark>${text}</mark>` : text);
  }
  return `<div class="src">${shown.join('\n')}</div>`;
}

/** The row of the rebuilt table holding the cell a value was read from (Word, PDF, scans, sheets). */
function sourceRow(doc: Doc, span: SourceSpan): string | null {
  const wanted = JSON.stringify(span);
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    for (const row of block.rows) {
      const index = row.findIndex((cell) => JSON.stringify(cell.source) === wanted);
      if (index >= 0) return `<div class="src">${row.map((cell, i) => (i === index ? `<mark>${esc(cell.text)}</mark>` : esc(cell.text))).join(' │ ')}</div>`;
    }
  }
  return null;
}

/** Where a row was read, and what is written there. */
function snippet(result: FixtureResult, span: SourceSpan | undefined): string {
  if (!span) return '<div class="meta">source: not recorded</div>';
  const where = `<div class="meta">source: ${esc(spanText(span))}</div>`;
  if (result.lines && span.lineStart !== undefined) return where + sourceLines(result.lines, { ...span, lineStart: span.lineStart });
  return where + ((result.doc && sourceRow(result.doc, span)) ?? '');
}

function differs(row: AlignedRow): boolean {
  const { gold, extracted } = row;
  return extracted === null || gold.level1 !== extracted.level1 || gold.level2 !== extracted.level2 || gold.name !== extracted.name || gold.raw !== extracted.raw;
}

function fieldCells(gold: RowFace, extracted: RowFace | null): string {
  return (['level1', 'level2', 'name', 'raw'] as const)
    .map((field) => {
      if (extracted === null) return `<td class="gold">${esc(gold[field])}</td>`;
      return gold[field] === extracted[field] ? `<td>${esc(gold[field])}</td>` : `<td><span class="gold">${esc(gold[field])}</span><br><span class="got">${esc(extracted[field] || '∅')}</span></td>`;
    })
    .join('');
}

function diffSection(run: EngineRun): string {
  const blocks = run.results.flatMap((result) => {
    const rows = result.score.aligned.filter(differs);
    const other = result.score.diffs.filter((diff) => diff.field !== 'row missing');
    if (rows.length === 0 && other.length === 0 && !result.error) return [];
    const table =
      rows.length === 0
        ? ''
        : `<table><tr><th>project</th><th>row</th><th>一级</th><th>二级</th><th>三级</th><th>指标值</th><th>where it was read</th></tr>${rows
            .map((row) => `<tr><td>${esc(row.project)}</td><td class="num">${row.row + 1}</td>${fieldCells(row.gold, row.extracted)}<td>${row.extracted === null ? '<span class="got">not extracted</span>' : snippet(result, row.source)}</td></tr>`)
            .join('')}</table>`;
    const fields =
      other.length === 0
        ? ''
        : `<details><summary>${other.length} other difference(s): fields of matched rows and projects, extra rows</summary><table><tr><th>where</th><th>field</th><th>gold</th><th>extracted</th></tr>${other
            .map((diff) => `<tr><td>${esc(diff.project)}</td><td>${esc(diff.field)}</td><td class="gold">${esc(JSON.stringify(diff.gold) ?? '')}</td><td class="got">${esc(JSON.stringify(diff.extracted) ?? '')}</td></tr>`)
            .join('')}</table></details>`;
    const error = result.error ? `<p class="got">could not read: ${esc(result.error)}</p>` : '';
    return [`<details open><summary>${esc(result.id)} · ${esc(result.document)} · ${rows.length} row(s) differ</summary>${error}${table}${fields}</details>`];
  });
  const body = blocks.length === 0 ? '<p>Every gold row was extracted exactly.</p>' : blocks.join('');
  return `<section id="diffs"><h2>Rows that differ from gold</h2><p class="meta">Gold in green above what was extracted in red; for text inputs the source lines are shown, for the rest the page, table, cell or OCR confidence.</p>${body}</section>`;
}

function rowChangeLine(change: RowChange): string {
  return `<tr><td>${esc(change.project)}</td><td class="num">${change.row + 1}</td><td class="gold">${esc(faceText(change.gold))}</td><td>${esc(faceText(change.before))}</td><td>${esc(faceText(change.after))}</td></tr>`;
}

function baselineSection(comparison: Comparison | null): string {
  if (comparison === null) return '<section id="baseline"><h2>Against the baseline</h2><p class="meta">No baseline for this engine was compared (write one with <code>jixiao eval --save-baseline</code>).</p></section>';
  const figureRows = [...comparison.dropped.map((change) => ({ change, kind: 'worse' })), ...comparison.improved.map((change) => ({ change, kind: 'better' }))]
    .map(({ change, kind }) => `<tr class="${kind}"><td>${kind === 'worse' ? 'dropped' : 'improved'}</td><td>${esc(change.scope)}</td><td>${esc(change.figure)}</td><td class="num">${change.before.toFixed(3)}</td><td class="num">${change.after.toFixed(3)}</td></tr>`)
    .join('');
  const figures = figureRows ? `<table><tr><th></th><th>scope</th><th>figure</th><th>baseline</th><th>now</th></tr>${figureRows}</table>` : '<p>No total or per-format figure moved.</p>';
  const fixtures = comparison.fixtures
    .map(
      (fixture) =>
        `<details open><summary class="${fixture.direction}">${fixture.direction === 'worse' ? 'worse' : 'better'}: ${esc(fixture.id)} — ${fixture.figures
          .slice(0, 5)
          .map((change) => `${esc(change.figure)} ${change.before.toFixed(3)}→${change.after.toFixed(3)}`)
          .join(', ')}</summary><table><tr><th>project</th><th>row</th><th>gold</th><th>baseline read</th><th>now read</th></tr>${fixture.rows.map(rowChangeLine).join('')}</table></details>`,
    )
    .join('');
  const extra = [comparison.added.length > 0 ? `New fixtures: ${comparison.added.map(esc).join(', ')}.` : '', comparison.removed.length > 0 ? `Gone since the baseline: ${comparison.removed.map(esc).join(', ')}.` : ''].filter(Boolean).join(' ');
  return `<section id="baseline"><h2>Against the baseline</h2>${figures}${fixtures}${extra ? `<p class="meta">${extra}</p>` : ''}</section>`;
}

const DRAFT_ROWS: [keyof DraftScores, string][] = [
  ['nameSimilarity', 'name similarity (best match)'],
  ['level2Coverage', '二级指标 coverage (mean)'],
  ['level2Covered', 'projects with every 二级指标 covered'],
  ['offDomain', 'drawn rows from another category (lower is better)'],
  ['fallback', 'drafts on the template'],
  ['lowConfidence', 'rows marked for checking'],
];

function draftSection(drafts: DraftEvaluation | null): string {
  if (drafts === null) return '';
  const chart = barChartSvg({
    title: 'drafting: drafter vs the naive baseline and the framework rows',
    series: ['drafter', 'naive', 'framework'],
    groups: DRAFT_ROWS.map(([key, label]) => ({ label, values: [drafts.drafter[key], drafts.naive[key], drafts.framework[key]] })),
  });
  return `<section id="drafts"><h2>Drafting real projects of other provinces</h2><p class="meta">${drafts.drafter.projects} projects, each drafted from a library without its document; ${drafts.drafter.errorDrafts} drafts with an error, ${drafts.drafter.yearMismatches} YEAR_MISMATCH; median ${drafts.millis.median.toFixed(1)} ms, p95 ${drafts.millis.p95.toFixed(1)} ms a draft.</p><div class="charts">${chart}</div></section>`;
}

export function renderHtml(input: ReportInput): string {
  const primary = input.runs[0];
  if (!primary) throw new Error('no engine run to report');
  const verdict = verdictOf(input);
  const failures = input.failures.length === 0 ? '' : `<ul>${input.failures.map((failure) => `<li class="worse">${esc(failure.name)} = ${failure.actual.toFixed(3)} is below its threshold ${failure.minimum}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>jixiao evaluation · ${esc(primary.label)}</title><style>${STYLE}</style></head>
<body><main>
<h1>jixiao extraction evaluation</h1>
<p class="meta">${esc(input.generatedAt)} · engines: ${input.runs.map((run) => esc(run.label)).join(', ')} · <span class="verdict ${verdict.passed ? 'pass' : 'fail'}">${esc(verdict.text)}</span></p>${failures}
${totalsSection(primary)}
${engineSection(input.runs)}
${formatSection(input.runs)}
${fieldSection(primary)}
${confusionSection(primary)}
${slowestSection(primary)}
${baselineSection(input.comparison)}
${diffSection(primary)}
${draftSection(input.drafts)}
</main></body></html>
`;
}

// The evaluation as text for a terminal and CI logs: Markdown tables of fixtures and formats, the
// figures, the differences, and what moved against the baseline, row by row.
import type { Comparison, FixtureChange } from './baseline.ts';
import { accuracy, f1, type Counts, type RowFace, type Score, type Tally } from './score.ts';
import type { FixtureResult } from './suite.ts';
import { groupingKeys } from './totals.ts';

const pct = (value: number) => value.toFixed(3);
const countText = (counts: Counts) => `${counts.truePositives}/${counts.gold}${counts.extracted !== counts.gold ? ` (ext ${counts.extracted})` : ''}`;
const minField = (tallies: Record<string, Tally>) => Math.min(...Object.values(tallies).map(accuracy));

export function markdownTable(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const render = (cells: readonly string[]) => '| ' + cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
  return [render(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.map(render)].join('\n');
}

export function fixtureTable(results: readonly FixtureResult[], total: Score): string {
  const header = ['fixture', 'projects', 'proj F1', 'rows', 'row F1', 'min row field', 'min proj field', 'obj rows F1', 'TEDS', 'ms'];
  const line = (id: string, score: Score, teds: string, millis: number) => [
    id,
    countText(score.projects),
    pct(f1(score.projects).f1),
    countText(score.rows),
    pct(f1(score.rows).f1),
    pct(minField(score.rowFields)),
    pct(minField(score.projectFields)),
    score.objectiveRows.gold + score.objectiveRows.extracted === 0 ? '-' : pct(f1(score.objectiveRows).f1),
    teds,
    millis.toFixed(1),
  ];
  const lines = results.map((result) => line(result.error ? `${result.id} (${result.error.split(':')[0]})` : result.id, result.score, result.teds === null ? '-' : pct(result.teds), result.millis));
  lines.push(line('TOTAL', total, '', results.reduce((sum, result) => sum + result.millis, 0)));
  return markdownTable(header, lines);
}

const FORMAT_COLUMNS = ['rows.f1', 'projects.f1', 'aligned.level1', 'aligned.level2', 'aligned.name', 'aligned.raw', 'anls.name', 'anls.raw', 'teds'] as const;

export function formatTable(results: readonly FixtureResult[], byFormat: Record<string, Record<string, number>>): string {
  const header = ['format', 'fixtures', 'rows', ...FORMAT_COLUMNS];
  const lines = Object.entries(byFormat).map(([group, totals]) => {
    const members = results.filter((result) => result.group === group);
    const rows = members.reduce((sum, result) => sum + result.score.rows.gold, 0);
    return [group, String(members.length), String(rows), ...FORMAT_COLUMNS.map((name) => (totals[name] === undefined ? '-' : pct(totals[name])))];
  });
  return markdownTable(header, lines);
}

const TAG_COLUMNS = ['rows.f1', 'projects.f1', 'objectiveRows.f1', 'aligned.level1', 'aligned.level2', 'aligned.name', 'aligned.raw'] as const;

/** Figures per grouping tag (renderings, form families), with each tag's fixtures and gold rows. */
export function tagTable(results: readonly FixtureResult[], byTag: Record<string, Record<string, number>>): string {
  if (Object.keys(byTag).length === 0) return '';
  const header = ['tag', 'fixtures', 'rows', ...TAG_COLUMNS];
  const lines = Object.entries(byTag).map(([tag, totals]) => {
    const members = results.filter((result) => groupingKeys(result.tags).includes(tag));
    const rows = members.reduce((sum, result) => sum + result.score.rows.gold + result.score.objectiveRows.gold, 0);
    return [tag, String(members.length), String(rows), ...TAG_COLUMNS.map((name) => (totals[name] === undefined ? '-' : pct(totals[name])))];
  });
  return markdownTable(header, lines);
}

export function figureList(totals: Record<string, number>): string {
  return Object.entries(totals)
    .map(([name, value]) => `${name.padEnd(26)} ${pct(value)}`)
    .join('\n');
}

const face = (row: RowFace | null) => (row === null ? '(missing)' : `${row.level1}/${row.level2}/${row.name}=${row.raw}`);

/** One changed row, field by field where it changed: gold, then the baseline's reading, then this run's. */
export function rowChangeText(change: FixtureChange['rows'][number]): string {
  if (change.before === null || change.after === null) return `    ${change.project} row ${change.row + 1}: gold ${face(change.gold)} | before ${face(change.before)} | now ${face(change.after)}`;
  const fields = (['level1', 'level2', 'name', 'raw'] as const).filter((field) => change.before![field] !== change.after![field]);
  return [`    ${change.project} row ${change.row + 1}:`, ...fields.map((field) => `      ${field}: gold ${JSON.stringify(change.gold[field])} | before ${JSON.stringify(change.before![field])} | now ${JSON.stringify(change.after![field])}`)].join('\n');
}

export function comparisonText(comparison: Comparison, limit = 30): string {
  const lines: string[] = [];
  for (const change of comparison.dropped) lines.push(`DROPPED ${change.scope} ${change.figure}: ${pct(change.before)} → ${pct(change.after)}`);
  for (const change of comparison.improved) lines.push(`improved ${change.scope} ${change.figure}: ${pct(change.before)} → ${pct(change.after)}`);
  for (const fixture of comparison.fixtures) {
    const moved = fixture.figures
      .slice(0, 6)
      .map((change) => `${change.figure} ${pct(change.before)}→${pct(change.after)}`)
      .join(', ');
    lines.push(`${fixture.direction === 'worse' ? 'WORSE' : 'better'}: ${fixture.id} (${moved}${fixture.figures.length > 6 ? ', …' : ''}); rows that changed:`);
    for (const row of fixture.rows.slice(0, limit)) lines.push(rowChangeText(row));
    if (fixture.rows.length > limit) lines.push(`    … ${fixture.rows.length - limit} more`);
  }
  if (comparison.added.length > 0) lines.push(`new fixtures (not in the baseline): ${comparison.added.join(', ')}`);
  if (comparison.removed.length > 0) lines.push(`fixtures gone since the baseline: ${comparison.removed.join(', ')}`);
  return lines.join('\n');
}

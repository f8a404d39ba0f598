// `jixiao draft --name … [--budget …] [--purpose …] [--goal …] [--year …] [--unit …] [--region …]`:
// indicators for a new project from similar past projects, each with where it came from and how sure
// the drafter is, reviewed by the validator. Exit 1 when the draft still has an error-level finding.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { draftWithModel } from '../draft/with-model.ts';
import { createLlm } from '../llm/client.ts';
import { llmConfig } from '../llm/config.ts';
import { libraryLocation, openLibrary } from '../library/open.ts';
import type { LibraryStore } from '../library/store.ts';
import { seedIfEmpty } from '../library/seed.ts';
import { DraftRequest, type Draft, type DraftIndicator } from '../schemas/library.ts';
import { hasErrors } from '../validate/index.ts';
import { LibraryError } from '../library/errors.ts';
import { EXIT, readFailure, usageFailure } from './exit.ts';

const USAGE = `usage: jixiao draft --name NAME [--budget 万元] [--purpose TEXT] [--goal TEXT]… [--year YYYY] [--unit NAME] [--region PLACE] [--json] [--library PATH|postgres://…]
  indicators for a new project from similar past ones in the library (or its category's template when
  none is close enough), each with its source; rows to check first are marked ⚠ with what to check;
  without --budget, values that depend on it are left to fill in
  --json            print the draft as JSON
exit 0 drafted, 1 usage, 2 the library cannot be opened, 4 the draft's review found an error
`;

const OPTIONS = {
  name: { type: 'string' },
  budget: { type: 'string' },
  purpose: { type: 'string' },
  goal: { type: 'string', multiple: true },
  year: { type: 'string' },
  unit: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean' },
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

/** `--budget 50`, `50万元`, `1,200`: a positive number of 万元, or why not. */
export function parseBudget(given: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = given.trim().replace(/[,，]/g, '').replace(/\s*万元?$/, '');
  const value = text === '' ? NaN : Number(text);
  if (Number.isFinite(value) && value > 0) return { ok: true, value };
  return { ok: false, message: `--budget 应为大于 0 的金额（万元），如 --budget 50；收到“${given}”。预算未定时可不写 --budget` };
}

// Terminal columns a string takes: CJK and full-width forms take two.
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    columns += wide ? 2 : 1;
  }
  return columns;
}

const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));

const LOW_MARK = '⚠';

/** Where a row came from, as the 来源 column says it. */
function sourceOf(row: DraftIndicator): string {
  switch (row.origin) {
    case 'precedent': {
      const closest = [...row.sources].sort((a, b) => b.similarity - a.similarity)[0];
      const similarity = row.similarity ?? closest?.similarity;
      const closeness = similarity === undefined ? '' : `（相似度 ${similarity.toFixed(2)}）`;
      if (!closest) return `相近项目${closeness}`;
      const more = row.sources.length > 1 ? ` 等${row.sources.length}项` : '';
      return `相近项目${closeness}#${closest.projectId} ${closest.projectName ?? '(无名称)'}${more}`;
    }
    case 'template':
      return '类别模板';
    case 'request':
      return '本项目资金用途';
    case 'model':
      return '模型';
  }
}

// Widest a column is padded to; a longer cell pushes its own row's later cells along.
const MOST = { level1: 10, level2: 18, name: 28, value: 16 } as const;

/** The draft as a clerk reads it: the project, its category, then one row per indicator with its source. */
export function draftReport(draft: Draft): string {
  const { project } = draft;
  const budget = project.budget.total === null ? '预算未定' : `预算 ${project.budget.total} 万元`;
  const lines = [`${project.name ?? '(无名称)'}（${budget}）${draft.refinedBy ? `，措辞经 ${draft.refinedBy} 润色` : ''}`];
  lines.push(draft.category ? `类别：${draft.category.name}（${draft.category.reason}）` : '类别：未能判断');
  if (draft.fallback) lines.push(`${LOW_MARK} 库中没有相近的项目（相似度均低于 ${draft.floor}），以下为${draft.category ? '类别' : '通用'}模板，请逐条核定`);
  else if (draft.similar.length > 0) lines.push(`参考了库中 ${draft.similar.length} 个相近项目（相似度不低于 ${draft.floor}）`);
  lines.push('');

  const rows = project.indicators.map((row, index) => ({
    mark: row.confidence === 'low' ? LOW_MARK : '',
    number: String(index + 1),
    level1: row.level1 ?? '—',
    level2: row.level2 ?? '—',
    name: row.name ?? '—',
    value: row.value.raw === '' ? '（待填）' : row.value.raw,
    source: sourceOf(row),
    check: row.check,
  }));
  const header = { mark: '', number: '#', level1: '一级指标', level2: '二级指标', name: '三级指标', value: '指标值', source: '来源', check: null };
  const columns = (key: keyof typeof MOST) => Math.min(MOST[key], Math.max(...[header, ...rows].map((row) => width(row[key]))));
  const widths = { number: Math.max(...[header, ...rows].map((row) => row.number.length)), level1: columns('level1'), level2: columns('level2'), name: columns('name'), value: columns('value') };
  const line = (row: typeof header | (typeof rows)[number]) =>
    [pad(row.mark, 1), row.number.padStart(widths.number), pad(row.level1, widths.level1), pad(row.level2, widths.level2), pad(row.name, widths.name), pad(row.value, widths.value), row.source].join('  ').trimEnd();
  // The check goes under the row, from where its 一级指标 starts.
  const indent = ' '.repeat(1 + 2 + widths.number + 2);
  lines.push(line(header));
  for (const row of rows) {
    lines.push(line(row));
    if (row.check) lines.push(`${indent}└ 核对：${row.check}`);
  }
  const low = rows.filter((row) => row.mark !== '').length;
  if (low > 0) lines.push('', `${LOW_MARK} 标出的 ${low} 行请先核对。`);

  lines.push('', draft.findings.length === 0 ? '审核：无意见' : '审核意见：');
  for (const finding of draft.findings) lines.push(`  ${SEVERITY[finding.severity]} ${finding.code}：${finding.message}`);
  return lines.join('\n') + '\n';
}

export async function runDraft(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, allowPositionals: false }));
  } catch (error) {
    return usageFailure('draft', (error as Error).message, USAGE);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  // Every problem with the arguments is said at once.
  const problems: string[] = [];
  const budget = values.budget === undefined ? undefined : parseBudget(values.budget);
  if (budget && !budget.ok) problems.push(budget.message);
  if (values.name === undefined || values.name.trim() === '') problems.push('缺少 --name（新项目的名称）');
  const request = DraftRequest.safeParse({
    name: values.name,
    budget: budget?.ok ? budget.value : undefined,
    purpose: values.purpose,
    goals: values.goal,
    year: values.year === undefined ? undefined : Number(values.year),
    unit: values.unit,
    region: values.region,
  });
  // The name's own problem is said above, in Chinese; the schema's others as it words them.
  if (!request.success && !(problems.length > 0 && request.error.issues.every((issue) => issue.path[0] === 'name'))) problems.push(z.prettifyError(request.error));
  if (problems.length > 0 || !request.success) {
    return usageFailure('draft', problems.join('；'), USAGE);
  }
  let library: LibraryStore | null = null;
  try {
    library = openLibrary(libraryLocation(values.library));
    // A fresh install drafts from the seed disclosures.
    await seedIfEmpty(library);
    const settings = llmConfig();
    const { draft, notes } = await draftWithModel(library, request.data, settings ? createLlm(settings) : null);
    for (const note of notes) process.stderr.write(`jixiao draft: ${note}\n`);
    process.stdout.write(values.json ? JSON.stringify(draft, null, 2) + '\n' : draftReport(draft));
    return hasErrors(draft.findings) ? EXIT.checksFailed : EXIT.ok;
  } catch (error) {
    // A library that cannot be opened, seeded or read (a read-only file, a database out of reach).
    if (!(error instanceof LibraryError)) throw error;
    return readFailure('draft', error.code, error.message);
  } finally {
    await library?.close();
  }
}

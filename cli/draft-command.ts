// `jixiao draft --name … --budget … [--purpose …] [--goal …] [--year …] [--unit …] [--region …]`:
// indicators for a new project from similar past projects, each with its sources and reasons,
// reviewed by the validator. Exit 1 when the draft still has an error-level finding.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { draftWithModel } from '../draft/with-model.ts';
import { createLlm } from '../llm/client.ts';
import { llmConfig } from '../llm/config.ts';
import { libraryPath, openLibrary } from '../library/open.ts';
import { seedIfEmpty } from '../library/seed.ts';
import { DraftRequest, type Draft } from '../schemas/library.ts';
import { hasErrors } from '../validate/index.ts';

const USAGE = 'usage: jixiao draft --name NAME --budget 万元 [--purpose TEXT] [--goal TEXT]… [--year YYYY] [--unit NAME] [--region PLACE] [--json] [--library PATH]\n';

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
} as const;

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

function report(draft: Draft): string {
  const lines = [`${draft.project.name}（预算 ${draft.project.budget.total} 万元）${draft.refinedBy ? `，措辞经 ${draft.refinedBy} 润色` : ''}`, ''];
  draft.project.indicators.forEach((row, index) => {
    lines.push(`${String(index + 1).padStart(2)}. ${row.level1} / ${row.level2} / ${row.name}：${row.value.raw}`);
    lines.push(`    依据：${row.basis}`);
    lines.push(`    理由：${row.rationale}`);
    if (row.sources.length > 0) lines.push(`    来源：${row.sources.map((source) => `#${source.projectId} ${source.projectName ?? ''} 第${source.row}行（相似度 ${source.similarity}）`).join('；')}`);
  });
  lines.push('', draft.findings.length === 0 ? '审核：无意见' : '审核意见：');
  for (const finding of draft.findings) lines.push(`  ${SEVERITY[finding.severity]} ${finding.code}：${finding.message}`);
  return lines.join('\n') + '\n';
}

export async function runDraft(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, allowPositionals: false }));
  } catch (error) {
    process.stderr.write(`jixiao draft: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const request = DraftRequest.safeParse({
    name: values.name,
    budget: values.budget === undefined ? undefined : Number(values.budget),
    purpose: values.purpose,
    goals: values.goal,
    year: values.year === undefined ? undefined : Number(values.year),
    unit: values.unit,
    region: values.region,
  });
  if (!request.success) {
    process.stderr.write(`jixiao draft: ${z.prettifyError(request.error)}\n${USAGE}`);
    return 2;
  }
  const library = openLibrary(libraryPath(values.library));
  try {
    // A fresh install drafts from the seed disclosures.
    seedIfEmpty(library);
    const settings = llmConfig();
    const { draft, notes } = await draftWithModel(library, request.data, settings ? createLlm(settings) : null);
    for (const note of notes) process.stderr.write(`jixiao draft: ${note}\n`);
    process.stdout.write(values.json ? JSON.stringify(draft, null, 2) + '\n' : report(draft));
    return hasErrors(draft.findings) ? 1 : 0;
  } finally {
    library.close();
  }
}

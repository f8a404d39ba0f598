// `jixiao validate FILE|DIR|- [--json] [--summary] [--config FILE]`: review findings of a
// document (any input format, or an extraction JSON), or of every document in a folder.
// Exit codes (cli/exit.ts): 4 when any finding is an error, 3 when nothing was found to review (no
// project read, no document in the folder), 2 when an input cannot be read, 1 on bad usage.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { extract } from '../pipeline/index.ts';
import type { ExtractedDocument } from '../schemas/extraction.ts';
import type { ValidationResult } from '../schemas/findings.ts';
import { asExtraction, countFindings, hasErrors, renderReport, renderSummary, summarize, validationResult, ValidatorConfig } from '../validate/index.ts';
import { errorLine } from '../vocab/error-messages.ts';
import { EXIT, readFailure, readInput, usageFailure } from './exit.ts';
import { terminalProgress } from './progress.ts';

const USAGE = `usage: jixiao validate FILE|DIR|- [--json] [--summary] [--config FILE]
  review findings (审核意见) of a document in any format, of an extraction JSON, or of every
  document in a folder
  --json            print findings and counts as JSON
  --summary         counts per rule and per project only
  --config FILE     JSON thresholds, word lists, disabled rules (validate/config.ts)
exit 0 no error found, 1 usage, 2 unreadable input, 3 nothing found, 4 errors found
`;

interface Options {
  target: string;
  json: boolean;
  summary: boolean;
  configPath: string | null;
}

function parseArgs(args: readonly string[]): Options | 'help' | string {
  const options: Options = { target: '', json: false, summary: false, configPath: null };
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--summary') options.summary = true;
    else if (arg === '--config') {
      const path = args[++i];
      if (!path) return '--config 需要一个文件';
      options.configPath = path;
    } else if (arg.startsWith('--')) return `未知选项 ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return '需要一个文件、文件夹或 -';
  options.target = positional[0] ?? '';
  return options;
}

async function loadConfig(path: string | null): Promise<ValidatorConfig | string> {
  if (path === null) return ValidatorConfig.parse({});
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return `cannot read config ${path}: ${(error as Error).message}`;
  }
  const parsed = ValidatorConfig.safeParse(json);
  return parsed.success ? parsed.data : `config ${path}: ${z.prettifyError(parsed.error)}`;
}

type Read = { ok: true; document: ExtractedDocument } | { ok: false; code: string; message: string };

/** An extraction JSON as it is, anything else through the extractor. */
async function readDocument(bytes: Uint8Array, filename: string | null): Promise<Read> {
  const given = asExtraction(bytes);
  if (given) return { ok: true, document: given.document };
  const progress = terminalProgress();
  const result = await extract({ bytes, filename, onProgress: progress.report }).finally(progress.stop);
  return result.ok ? { ok: true, document: result.extraction.document } : { ok: false, code: result.error.code, message: result.error.message };
}

interface Validated extends ValidationResult {
  projects: Array<{ name: string | null; title: string | null }>;
}

function validated(file: string | null, document: ExtractedDocument, config: ValidatorConfig): Validated {
  return { ...validationResult(file, document, config), projects: document.projects.map(({ name, title }) => ({ name, title })) };
}

async function validateOne(options: Options, config: ValidatorConfig): Promise<number> {
  const fromStdin = options.target === '-';
  const input = await readInput(options.target);
  if (!input.ok) return readFailure('validate', input.code, input.detail);
  const read = await readDocument(input.bytes, fromStdin ? null : basename(options.target));
  if (!read.ok) return readFailure('validate', read.code, read.message);
  if (read.document.projects.length === 0) return readFailure('validate', 'NO_TABLES_FOUND', options.target === '-' ? undefined : options.target);
  const result = validated(fromStdin ? null : options.target, read.document, config);
  const { file, findings, summary } = result;
  if (options.json) process.stdout.write(JSON.stringify(options.summary ? { file, summary } : { file, findings, summary }, null, 2) + '\n');
  else process.stdout.write(options.summary ? renderSummary(summary) : renderReport(result, summary.counts));
  return hasErrors(findings) ? EXIT.checksFailed : EXIT.ok;
}

// A folder holds documents beside other files (gold JSON, scripts): only these are read, and a
// JSON file only when it is an extraction. The format itself is still decided from the bytes.
const DOCUMENT_EXTENSIONS = /\.(txt|md|tsv|csv|doc|docx|xls|xlsx|pdf|html?|png|jpe?g|tiff?|json)$/i;

async function documentsIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && DOCUMENT_EXTENSIONS.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function validateFolder(options: Options, config: ValidatorConfig): Promise<number> {
  const results: Validated[] = [];
  const failed: Array<{ file: string; code: string; message: string }> = [];
  for (const path of await documentsIn(options.target)) {
    const file = relative(options.target, path);
    const bytes = await readFile(path).catch(() => null);
    if (bytes === null) {
      failed.push({ file, code: 'FILE_UNREADABLE', message: `cannot read ${path}` });
      continue;
    }
    if (/\.json$/i.test(path) && !asExtraction(bytes)) continue;
    const read = await readDocument(bytes, basename(path));
    if (read.ok) results.push(validated(file, read.document, config));
    else failed.push({ file, code: read.code, message: read.message });
  }
  const summary = summarize(results.map(({ file, projects, findings }) => ({ file, projectNames: projects.map((project) => project.name), findings })));
  if (options.json) {
    const files = results.map(({ file, findings }) => ({ file, counts: countFindings(findings), ...(options.summary ? {} : { findings }) }));
    process.stdout.write(JSON.stringify({ files, failed, summary }, null, 2) + '\n');
  } else {
    const reports = options.summary ? [] : results.map((result) => renderReport(result, result.summary.counts));
    const fileLines = results.map(({ file, projects, findings }) => `  ${file}: ${projects.length} 个项目 projects, ${countFindings(findings).total} 条 findings`);
    const failedLines = failed.map(({ file, code, message }) => `  ${file}: ${errorLine(code, message)}`);
    process.stdout.write(
      [
        ...reports,
        `${options.target}: ${results.length} 个文件 files`,
        ...fileLines,
        ...(failed.length > 0 ? ['未能读取 unreadable:', ...failedLines] : []),
        '',
        renderSummary(summary),
      ].join('\n'),
    );
  }
  if (results.some((result) => hasErrors(result.findings))) return EXIT.checksFailed;
  if (failed.length > 0) return EXIT.unreadable;
  return results.some((result) => result.projects.length > 0) ? EXIT.ok : readFailure('validate', 'NO_TABLES_FOUND', options.target);
}

export async function runValidate(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (typeof options === 'string') return usageFailure('validate', options, USAGE);
  const config = await loadConfig(options.configPath);
  if (typeof config === 'string') return usageFailure('validate', config, USAGE);
  if (options.target === '-') return validateOne(options, config);
  const isDir = await stat(options.target).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  return isDir ? validateFolder(options, config) : validateOne(options, config);
}

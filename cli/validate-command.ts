// `jixiao validate FILE|DIR|- [--json] [--summary] [--config FILE]`: review findings of a
// document (any input format, or an extraction JSON), or of every document in a folder.
// Exit 1 when any error-level finding, 2 on bad usage or when the input cannot be read.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { extract } from '../pipeline/index.ts';
import type { ExtractedDocument } from '../schemas/extraction.ts';
import type { ValidationResult } from '../schemas/findings.ts';
import { asExtraction, countFindings, hasErrors, renderReport, renderSummary, summarize, validationResult, ValidatorConfig } from '../validate/index.ts';
import { terminalProgress } from './progress.ts';

const USAGE = 'usage: jixiao validate FILE|DIR|- [--json] [--summary] [--config FILE]\n';

interface Options {
  target: string;
  json: boolean;
  summary: boolean;
  configPath: string | null;
}

function parseArgs(args: readonly string[]): Options | string {
  const options: Options = { target: '', json: false, summary: false, configPath: null };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--summary') options.summary = true;
    else if (arg === '--config') {
      const path = args[++i];
      if (!path) return '--config needs a FILE';
      options.configPath = path;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return 'expected one FILE, DIR or -';
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

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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
  let bytes: Uint8Array;
  try {
    bytes = fromStdin ? await readStdin() : await readFile(options.target);
  } catch (error) {
    process.stderr.write(`jixiao validate: cannot read ${options.target}: ${(error as NodeJS.ErrnoException).code ?? 'READ_FAILED'}\n`);
    return 2;
  }
  const read = await readDocument(bytes, fromStdin ? null : basename(options.target));
  if (!read.ok) {
    process.stderr.write(`jixiao validate: ${read.code}: ${read.message}\n`);
    return 2;
  }
  const result = validated(fromStdin ? null : options.target, read.document, config);
  const { file, findings, summary } = result;
  if (options.json) process.stdout.write(JSON.stringify(options.summary ? { file, summary } : { file, findings, summary }, null, 2) + '\n');
  else process.stdout.write(options.summary ? renderSummary(summary) : renderReport(result, summary.counts));
  return hasErrors(findings) ? 1 : 0;
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
      failed.push({ file, code: 'READ_FAILED', message: `cannot read ${path}` });
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
    const failedLines = failed.map(({ file, code, message }) => `  ${file}: ${code}: ${message}`);
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
  if (results.some((result) => hasErrors(result.findings))) return 1;
  return failed.length > 0 ? 2 : 0;
}

export async function runValidate(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`jixiao validate: ${options}\n${USAGE}`);
    return 2;
  }
  const config = await loadConfig(options.configPath);
  if (typeof config === 'string') {
    process.stderr.write(`jixiao validate: ${config}\n`);
    return 2;
  }
  if (options.target === '-') return validateOne(options, config);
  const isDir = await stat(options.target).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  return isDir ? validateFolder(options, config) : validateOne(options, config);
}

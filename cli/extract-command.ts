// `jixiao extract FILE|-`: prints the contract JSON. --engine llm|auto brings in the model
// configured by OPENAI_BASE_URL / OPENAI_API_KEY. Exit codes (cli/exit.ts): 0 read, with what
// could not be read said on stderr in Chinese, one line a warning (UNPARSED_TABLE, NO_INDICATORS,
// ROW_UNALIGNED); 3 when nothing was found (no text, or no table: the JSON is still printed for
// the latter); 2 for a file that cannot be opened or read, or a model engine that cannot be had;
// 1 on bad usage.
import { basename } from 'node:path';
import { EngineError, extractWithEngine } from '../pipeline/index.ts';
import { llmConfig } from '../llm/config.ts';
import { engineNames, type EngineName, type Extraction, type Warning } from '../schemas/extraction.ts';
import { EXIT, readFailure, readInput, usageFailure } from './exit.ts';
import { ERROR_MESSAGES } from '../vocab/error-messages.ts';
import { terminalProgress } from './progress.ts';

const USAGE = `usage: jixiao extract FILE|- [--pretty] [--engine rules|llm|auto]
  prints the extraction JSON of a document (.docx .pdf .xlsx .csv .html .txt, a scan; - reads
  standard input)
  --pretty          indent the JSON
  --engine NAME     rules (default), llm (the model; fails without one), auto (the model where it helps)
exit 0 read, 1 usage, 2 unreadable input, 3 nothing found (no text or no table)
`;

/** The warnings that mean part of the document (or all of it) was not read: never a silent zero. */
export const UNREAD_CODES: readonly string[] = ['NO_TABLES_FOUND', 'UNPARSED_TABLE', 'NO_INDICATORS', 'ROW_UNALIGNED'];


/** Control characters (a terminal's escape sequences among them), shown as a space. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const CJK = /[\u3400-\u9fff]/;
const TEXT_SHOWN = 60;

/** The Chinese half of a "中文: English" warning message; the code's own sentence when it has none. */
export function chineseOf(warning: Pick<Warning, 'code' | 'message'>): string {
  const cut = warning.message.search(/:\s*[A-Za-z]/);
  const zh = (cut > 0 ? warning.message.slice(0, cut) : warning.message).trim();
  return (CJK.test(zh) ? zh : (ERROR_MESSAGES[warning.code] ?? warning.message)).replace(CONTROL, ' ').replace(/\s+/g, ' ');
}

/** Source text on one line: line breaks as " / ", runs of blanks and control characters as one space, cut to `max` characters. */
export function shortened(text: string, max = TEXT_SHOWN): string {
  const flat = text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(' / ');
  const chars = [...flat];
  return chars.length > max ? chars.slice(0, max).join('') + '…' : flat;
}

/** One stderr line per warning that says something was not read, e.g. `表格像指标表但未能读出项目（第3行起）（UNPARSED_TABLE） 未读出：「…」`. */
export function unreadLines(extraction: Pick<Extraction, 'warnings'>): string[] {
  return extraction.warnings
    .filter((warning) => UNREAD_CODES.includes(warning.code))
    .map((warning) => {
      const text = warning.text === undefined ? '' : shortened(warning.text);
      return `${chineseOf(warning)}（${warning.code}）${text === '' ? '' : ` 未读出：「${text}」`}`;
    });
}

export async function runExtract(args: string[]): Promise<number> {
  let pretty = false;
  let engine: EngineName = 'rules';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (arg === '--pretty') pretty = true;
    else if (arg === '--engine') {
      const name = args[++i];
      if (!(engineNames as readonly string[]).includes(name ?? '')) return usageFailure('extract', `--engine 可选 ${engineNames.join('、')}`, USAGE);
      engine = name as EngineName;
    } else if (arg.startsWith('--')) return usageFailure('extract', `未知选项 ${arg}`, USAGE);
    else files.push(arg);
  }
  if (files.length !== 1) return usageFailure('extract', '需要一个文件（或用 - 表示标准输入）', USAGE);
  const target = files[0] ?? '-';
  const input = await readInput(target);
  if (!input.ok) return readFailure('extract', input.code, input.detail);
  const { bytes } = input;
  // The model client (the openai SDK) is loaded only when a model engine is asked for.
  const config = engine === 'rules' ? null : llmConfig();
  const llm = config ? (await import('../llm/client.ts')).createLlm(config) : null;
  const progress = terminalProgress();
  let result;
  try {
    result = await extractWithEngine({ bytes, filename: target === '-' ? null : basename(target), onProgress: progress.report }, { engine, llm }).finally(progress.stop);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    return readFailure('extract', error.code, error.message);
  }
  if (!result.ok) return readFailure('extract', result.error.code, result.error.message);
  process.stdout.write(JSON.stringify(result.extraction, null, pretty ? 2 : undefined) + '\n');
  for (const line of unreadLines(result.extraction)) process.stderr.write(line + '\n');
  const { projects, objectives } = result.extraction.document;
  return projects.length === 0 && objectives.length === 0 ? EXIT.nothingFound : EXIT.ok;
}

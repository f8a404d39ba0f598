// `jixiao extract FILE|-`: prints the contract JSON; unreadable input exits 2 with one line.
// --engine llm|auto brings in the model configured by OPENAI_BASE_URL / OPENAI_API_KEY.
// Exit codes: 0 when the document was read, even when no table or no indicator row was found in
// it (the JSON is printed, and what could not be read is said on stderr in Chinese, one line a
// warning: NO_TABLES_FOUND, UNPARSED_TABLE, NO_INDICATORS, ROW_UNALIGNED); 2 on bad usage, a file
// that cannot be opened, a document that cannot be read (0 bytes, unsupported, corrupt …) or an
// engine error, with one line naming the problem.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError, extractWithEngine } from '../pipeline/index.ts';
import { llmConfig } from '../llm/config.ts';
import { engineNames, type EngineName, type Extraction, type Warning } from '../schemas/extraction.ts';
import { terminalProgress } from './progress.ts';

const USAGE = 'jixiao extract: expected one FILE (or - for standard input), optionally --pretty and --engine rules|llm|auto\n';

/** The warnings that mean part of the document (or all of it) was not read: never a silent zero. */
export const UNREAD_CODES: readonly string[] = ['NO_TABLES_FOUND', 'UNPARSED_TABLE', 'NO_INDICATORS', 'ROW_UNALIGNED'];

/** Said when a warning's message has no Chinese of its own. */
const UNREAD_ZH: Readonly<Record<string, string>> = {
  NO_TABLES_FOUND: '未找到绩效目标表，没有读出任何项目或指标',
  UNPARSED_TABLE: '有一段文字像指标表，但未能读出任何指标行',
  NO_INDICATORS: '项目没有读出绩效指标',
  ROW_UNALIGNED: '有一行未能对齐到表格的列，未读入',
};

/** Control characters (a terminal's escape sequences among them), shown as a space. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const CJK = /[\u3400-\u9fff]/;
const TEXT_SHOWN = 60;

/** The Chinese half of a "中文: English" warning message; the code's own sentence when it has none. */
export function chineseOf(warning: Pick<Warning, 'code' | 'message'>): string {
  const cut = warning.message.search(/:\s*[A-Za-z]/);
  const zh = (cut > 0 ? warning.message.slice(0, cut) : warning.message).trim();
  return (CJK.test(zh) ? zh : (UNREAD_ZH[warning.code] ?? warning.message)).replace(CONTROL, ' ').replace(/\s+/g, ' ');
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

/** One stderr line per warning that says something was not read, e.g. `UNPARSED_TABLE: 表格像指标表但未能读出项目（第3行起） 未读出：「…」`. */
export function unreadLines(extraction: Pick<Extraction, 'warnings'>): string[] {
  return extraction.warnings
    .filter((warning) => UNREAD_CODES.includes(warning.code))
    .map((warning) => {
      const text = warning.text === undefined ? '' : shortened(warning.text);
      return `${warning.code}: ${chineseOf(warning)}${text === '' ? '' : ` 未读出：「${text}」`}`;
    });
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function runExtract(args: string[]): Promise<number> {
  let pretty = false;
  let engine: EngineName = 'rules';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--pretty') pretty = true;
    else if (arg === '--engine') {
      const name = args[++i];
      if (!(engineNames as readonly string[]).includes(name ?? '')) {
        process.stderr.write(`jixiao extract: --engine takes ${engineNames.join(', ')}\n`);
        return 2;
      }
      engine = name as EngineName;
    } else files.push(arg);
  }
  if (files.length !== 1 || files.some((arg) => arg.startsWith('--'))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const target = files[0] ?? '-';
  let bytes: Uint8Array;
  try {
    bytes = target === '-' ? await readStdin() : await readFile(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'READ_FAILED';
    process.stderr.write(`jixiao extract: cannot read ${target}: ${code}\n`);
    return 2;
  }
  // The model client (the openai SDK) is loaded only when a model engine is asked for.
  const config = engine === 'rules' ? null : llmConfig();
  const llm = config ? (await import('../llm/client.ts')).createLlm(config) : null;
  const progress = terminalProgress();
  let result;
  try {
    result = await extractWithEngine({ bytes, filename: target === '-' ? null : basename(target), onProgress: progress.report }, { engine, llm }).finally(progress.stop);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`jixiao extract: ${error.code}: ${error.message}\n`);
    return 2;
  }
  if (!result.ok) {
    process.stderr.write(`jixiao extract: ${result.error.code}: ${result.error.message}\n`);
    return 2;
  }
  process.stdout.write(JSON.stringify(result.extraction, null, pretty ? 2 : undefined) + '\n');
  for (const line of unreadLines(result.extraction)) process.stderr.write(line + '\n');
  return 0;
}

// How every subcommand ends: one table of exit codes, and one way of saying a failure — a line in
// Chinese with the code beside it (vocab/error-messages.ts), so a script can branch on the exit
// code and a person reads the line. The same codes for extract, validate, library, draft, eval, gold.
import { readFile } from 'node:fs/promises';
import { errorLine } from '../vocab/error-messages.ts';

export const EXIT = {
  /** the input was read (and, for validate and draft, the review found no error) */
  ok: 0,
  /** the command line is wrong: an unknown option, a missing argument */
  usage: 1,
  /** the input (a file, the library, the model) could not be opened or read */
  unreadable: 2,
  /** the input was read and held nothing to give: no text, no table, no project matched */
  nothingFound: 3,
  /** read, and the review found errors (validate, draft) or the evaluation fell under its thresholds (eval) */
  checksFailed: 4,
} as const;

/** The codes that mean the input held nothing, rather than that it could not be read. */
const NOTHING_CODES = new Set(['EMPTY_INPUT', 'NO_TABLES_FOUND']);

/** `jixiao COMMAND: 命令用法有误（USAGE）：problem`, then the command's usage; exit 1. */
export function usageFailure(command: string, problem: string, usage: string): number {
  process.stderr.write(`jixiao ${command}: ${errorLine('USAGE', problem)}\n${usage}`);
  return EXIT.usage;
}

/** `jixiao COMMAND: 中文说明（CODE）：detail`; exit 3 when the input held nothing, else 2. */
export function readFailure(command: string, code: string, detail?: string): number {
  process.stderr.write(`jixiao ${command}: ${errorLine(code, detail)}\n`);
  return NOTHING_CODES.has(code) ? EXIT.nothingFound : EXIT.unreadable;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type InputRead = { ok: true; bytes: Uint8Array } | { ok: false; code: 'FILE_NOT_FOUND' | 'FILE_UNREADABLE'; detail: string };

/** A file's bytes, or standard input's for `-`; a missing or unreadable file as its code. */
export async function readInput(target: string): Promise<InputRead> {
  try {
    return { ok: true, bytes: target === '-' ? await readStdin() : await readFile(target) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, code: code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', detail: `${target}: ${code ?? String(error)}` };
  }
}

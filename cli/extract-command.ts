// `jixiao extract FILE|-`: prints the contract JSON; unreadable input exits 2 with one line.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { extract } from '../extract/index.ts';
import { terminalProgress } from './progress.ts';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function runExtract(args: string[]): Promise<number> {
  const pretty = args.includes('--pretty');
  const files = args.filter((arg) => arg !== '--pretty');
  const unknown = files.filter((arg) => arg.startsWith('--'));
  if (files.length !== 1 || unknown.length > 0) {
    process.stderr.write('jixiao extract: expected one FILE (or - for standard input) and optionally --pretty\n');
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
  const progress = terminalProgress();
  const result = await extract({ bytes, filename: target === '-' ? null : basename(target), onProgress: progress.report }).finally(progress.stop);
  if (!result.ok) {
    process.stderr.write(`jixiao extract: ${result.error.code}: ${result.error.message}\n`);
    return 2;
  }
  process.stdout.write(JSON.stringify(result.extraction, null, pretty ? 2 : undefined) + '\n');
  return 0;
}

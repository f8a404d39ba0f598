// `jixiao extract FILE|-`: prints the contract JSON; unreadable input exits 2 with one line.
// --engine llm|auto brings in the model configured by OPENAI_BASE_URL / OPENAI_API_KEY.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError, extractWithEngine } from '../extract/index.ts';
import { llmConfig } from '../llm/config.ts';
import { engineNames, type EngineName } from '../schemas/extraction.ts';
import { terminalProgress } from './progress.ts';

const USAGE = 'jixiao extract: expected one FILE (or - for standard input), optionally --pretty and --engine rules|llm|auto\n';

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
  return 0;
}

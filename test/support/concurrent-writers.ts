// The concurrency tests of both stores: `writers` processes of library-writer.ts on one library
// (an SQLite path or a postgres:// URL), started together once all have opened it, each adding the
// one document they share and then `each` of its own. What became of the shared document, per writer.
import { spawn } from 'node:child_process';

const WRITER = new URL('./library-writer.ts', import.meta.url).pathname;

export interface SharedOutcome {
  code: number | null;
  documentId: number | null;
  added: number;
  duplicateOfDocument: number | null;
}

export async function runConcurrentWriters(location: string, writers: number, each: number): Promise<SharedOutcome[]> {
  const children = Array.from({ length: writers }, () => spawn(process.execPath, ['--import', 'tsx', WRITER, location, String(each)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outputs = children.map((child) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    return {
      ready: new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('ready') && resolve())),
      exited: new Promise<{ code: number | null; out: string }>((resolve) => child.once('exit', (code) => resolve({ code, out }))),
    };
  });
  // Every writer opens the library first; then all start adding at the same moment.
  await Promise.all(outputs.map((output) => output.ready));
  for (const child of children) child.stdin.write('go\n');
  const results = await Promise.all(outputs.map((output) => output.exited));
  return results.map(({ code, out }) => ({ code, ...(code === 0 ? (JSON.parse(out.trim().split('\n').at(-1)!) as Omit<SharedOutcome, 'code'>) : { documentId: null, added: 0, duplicateOfDocument: null }) }));
}

/** The error an action rejects with; fails when it does not. */
export async function rejected(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

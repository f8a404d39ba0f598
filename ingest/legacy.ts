// Word 97–2003 (.doc) and Excel 97–2003 (.xls) are read by converting them with LibreOffice when it
// is installed; nothing in Node reads their tables, merges included, as faithfully.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { IngestError } from './errors.ts';

const run = promisify(execFile);
const CONVERT_TIMEOUT_MS = 120_000;

async function findSoffice(): Promise<string | null> {
  const candidates = [process.env.SOFFICE_PATH, 'soffice', 'libreoffice'].filter((name): name is string => Boolean(name));
  for (const candidate of candidates) {
    try {
      await run(candidate, ['--version'], { timeout: 30_000 });
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

export async function convertLegacyOffice(bytes: Uint8Array, kind: 'doc' | 'xls'): Promise<Uint8Array> {
  const target = kind === 'doc' ? 'docx' : 'xlsx';
  const soffice = await findSoffice();
  if (!soffice) {
    const app = kind === 'doc' ? 'Word' : 'Excel';
    throw new IngestError(
      'LEGACY_FORMAT',
      `this is an old ${app} 97–2003 file (.${kind}); save it as .${target} in ${app} or WPS (文件 → 另存为 → .${target}), or install LibreOffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui) so jixiao can convert it`,
    );
  }
  // The conversion needs a file on disk; it lives in a private temporary folder removed at once.
  const folder = await mkdtemp(join(tmpdir(), 'jixiao-convert-'));
  try {
    const input = join(folder, `input.${kind}`);
    await writeFile(input, bytes);
    await run(soffice, [`-env:UserInstallation=file://${join(folder, 'profile')}`, '--headless', '--convert-to', target, '--outdir', folder, input], {
      timeout: CONVERT_TIMEOUT_MS,
    });
    return await readFile(join(folder, `input.${target}`));
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError('CORRUPT', `LibreOffice could not convert this .${kind} file: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

// The CLI and the API say the same of every input: the same extraction for what can be read, the
// same code for what cannot, and the CLI's exit code the class of that code (cli/exit.ts). Each
// input goes to `jixiao extract FILE` (in-process) and to POST /api/extract as an upload; text
// goes also as a paste ({ text }).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runExtract } from '../cli/extract-command.ts';
import { createServer } from '../server/app.ts';
import { defaultConfig } from '../server/config.ts';

const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
const dir = mkdtempSync(join(tmpdir(), 'jixiao-agree-'));
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const pdfStart = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n');

/** name → bytes, and whether the bytes are text a person could paste */
const INPUTS: [string, Uint8Array, boolean][] = [
  ['seed.txt', text('seeds/004_584bff0bac0b6d6f.txt'), true],
  ['real-form.txt', text('real-forms/r05.txt'), true],
  ['chengde.xlsx', text('formats/chengde.xlsx'), false],
  ['prose.txt', new TextEncoder().encode('本单位2026年工作总结。\n全年完成各项任务。\n'), true],
  ['empty.txt', new Uint8Array(), true],
  ['blank.txt', new TextEncoder().encode(' \n\t\n  \n'), true],
  ['noise.bin', new Uint8Array(4096).map((_, i) => (i * 7919) % 256), false],
  ['cut.pdf', pdfStart, false],
];

async function cli(path: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runExtract([path]), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

type Said = { ok: true; extraction: Record<string, unknown> } | { ok: false; code: string };

async function api(request: RequestInit): Promise<Said & { status: number }> {
  const res = await server.app.request('/api/extract', request);
  const body = (await res.json()) as Record<string, unknown> & { error?: { code: string } };
  return body.error ? { ok: false, code: body.error.code, status: res.status } : { ok: true, extraction: body, status: res.status };
}

/** What may differ between two readings of one document: the paste has no file name or format of its own. */
function comparable(extraction: Record<string, unknown>): unknown {
  return { document: extraction.document, warnings: extraction.warnings, findings: extraction.findings };
}

describe('jixiao extract and POST /api/extract agree', { timeout: 180_000 }, () => {
  for (const [name, bytes, pasteable] of INPUTS) {
    it(name, async () => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const command = await cli(path);
      const form = new FormData();
      form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
      const upload = await api({ method: 'POST', body: form });

      if (upload.ok) {
        // Read: the same JSON, to the byte of every field; exit 0, or 3 when no project was read.
        expect(command.stdout).not.toBe('');
        expect(JSON.parse(command.stdout)).toEqual(upload.extraction);
        const read = upload.extraction as { document: { projects: unknown[]; objectives: unknown[] } };
        expect(command.status).toBe(read.document.projects.length + read.document.objectives.length > 0 ? 0 : 3);
      } else {
        // Refused: the same code on both, exit 2 (3 when the input held nothing), one line, no JSON.
        expect(command.stdout).toBe('');
        expect(command.stderr).toMatch(new RegExp(`^jixiao extract: [^\\n]*（${upload.code}）[^\\n]*\\n$`));
        expect(command.status).toBe(upload.code === 'EMPTY_INPUT' ? 3 : 2);
        expect(upload.status).toBeGreaterThanOrEqual(400);
      }

      if (pasteable) {
        const paste = await api({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: new TextDecoder().decode(bytes) }) });
        expect(paste.ok).toBe(upload.ok);
        if (paste.ok && upload.ok) expect(comparable(paste.extraction)).toEqual(comparable(upload.extraction));
        if (!paste.ok && !upload.ok) expect(paste.code).toBe(upload.code);
      }
    });
  }
});

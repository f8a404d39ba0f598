// Every input the property tests or the fuzzer broke the extractor with, kept in fixtures/fuzz/
// (`<property>-<seed>.txt` pasted text, `.bin` file bytes): each must now pass the same checks as
// the properties (no throw, the contract or a one-line error code, nothing printed, the hang bound)
// and read as it does below, beside what it broke.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../pipeline/index.ts';
import { headerMatch } from '../../vocab/headers.ts';
import { parseValue } from '../../extract/values.ts';
import { ingest } from '../../ingest/index.ts';
import { withoutHazardousFonts } from '../../ingest/pdf/font-guard.ts';
import { isPdfjsException } from '../../ingest/pdf/open-document.ts';
import { checkFile, checkText, cpuMs, warmUp, type Outcome } from './checks.ts';

const dir = new URL('../../fixtures/fuzz/', import.meta.url);

const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

/** The objects of a PDF that matter to the font guard: a descriptor and its Type 1 program, deflated. */
function type1Pdf(encodingEntry: string): Uint8Array {
  const program = deflateSync(Buffer.from(`%!FontType1-1.0: Test 001\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n${encodingEntry}\nreadonly def\ncurrentfile eexec\n`, 'latin1'));
  const head = `%PDF-1.4\n1 0 obj\n<</Type/FontDescriptor/FontName/Test/FontFile 2 0 R>>\nendobj\n2 0 obj\n<</Length ${program.length}/Filter/FlateDecode/Length1 100/Length2 0/Length3 0>>\nstream\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(head, 'latin1'), program, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]));
}

const FOUND: Record<string, { broke: string; now: Outcome }> = {
  'text-huge-cell-20240917.txt': {
    broke: 'a 资金支出计划 cell of 50,000 full-width nines parsed to Infinity, which the contract (z.number) refuses',
    now: { ok: true, projects: 12 },
  },
  'text-huge-cell-256497497.txt': {
    broke: 'an indicator value of 50,000 zeros: 9 s (over the hang bound), the 指标值 date patterns retrying from every digit',
    now: { ok: true, projects: 7 },
  },
  'text-mutated-seed-2040995501.txt': {
    broke: "seed 001's part one cut off right after a 年度整体支出目标N row: the reader opened an empty section past the text's end, and the unparsed-table check read a token that was not there (TypeError)",
    now: { ok: true, projects: 0 },
  },
  'text-huge-cell-275947818.txt': {
    broke: 'a cell of 81,000 （: 9–21 s (over the hang bound), the header test dropping a trailing （…） note retried from every bracket',
    now: { ok: true, projects: 12 },
  },
  'file-mutated-pdf-2082989725.bin': {
    broke:
      'chengde.pdf with bytes deleted inside two Type 1 font programs: pdf.js read the garbage as an encoding with code 559,931,598 and looked each glyph up in a half-billion-long array, 15 s a lookup (the watchdog stopped it after 6 min)',
    now: { ok: true, projects: 3 },
  },
  'file-mutated-pdf-1527301298.bin': {
    broke: 'chengde.pdf with its cross-reference table damaged: pdf.js left a rejected promise unhandled while it recovered, and Node ended the process (the CLI exited 1)',
    // pdf.js recovers no text from it: refused as EMPTY_INPUT, as any input with no text is.
    now: { ok: false, code: 'EMPTY_INPUT' },
  },
  'file-random-bytes-20240917.bin': {
    broke: 'a JPEG that is only its start and end markers: CORRUPT with a message of five lines from libvips',
    now: { ok: false, code: 'CORRUPT' },
  },
  'file-mutated-png-20240917.bin': {
    broke: 'table.png with its IHDR damaged: CORRUPT with a two-line message from sharp',
    now: { ok: false, code: 'CORRUPT' },
  },
  'file-mutated-office-20240917.bin': {
    broke:
      'chengde.docx with one bit flipped in document.xml: 3 s to answer CORRUPT (over the hang bound), as mammoth’s XML parser recovers from damage in quadratic time; the message ran over two lines',
    now: { ok: false, code: 'CORRUPT' },
  },
  'file-mutated-zip-part-20240917.bin': {
    broke: 'chengde.docx with an empty part: CORRUPT with a two-line message',
    now: { ok: false, code: 'CORRUPT' },
  },
  'file-mutated-zip-part-xmldom-console.bin': {
    broke:
      'a damaged document.xml whose rows need merge repair (w:gridBefore): xmldom printed its error to the console and dropped the bad element, so the file read as whole; the same damage without gridBefore was CORRUPT',
    now: { ok: false, code: 'CORRUPT' },
  },
};

describe('inputs the property tests and the fuzzer found', () => {
  beforeAll(() => warmUp('files'), 60_000);
  const kept = readdirSync(dir).filter((name) => /\.(txt|bin)$/.test(name));

  it('every kept input says what it broke', () => {
    expect(kept.sort()).toEqual(Object.keys(FOUND).sort());
  });

  it.each(kept)('%s passes the properties’ checks and reads as recorded', async (name) => {
    const outcome = name.endsWith('.txt') ? checkText(readFileSync(new URL(name, dir), 'utf8')) : await checkFile(bytesOf(name));
    expect(outcome).toEqual(FOUND[name]?.now);
  }, 120_000);

  it('text-huge-cell-20240917: the cell of nines is text, and numbers of up to 308 digits still read', () => {
    const plan = extractText(readFileSync(new URL('text-huge-cell-20240917.txt', dir), 'utf8')).document.projects[0]?.spendingPlan ?? [];
    expect(plan[0]?.raw).toMatch(/^９{50000}$/);
    expect(plan[0]?.value).toBeNull();
    expect(parseValue(`≥${'9'.repeat(400)}%`)).toMatchObject({ kind: 'text', number: null });
    expect(parseValue(`≥${'9'.repeat(300)}%`)).toMatchObject({ kind: 'numeric', op: '>=', unit: '%' });
  });

  it('text-huge-cell-256497497: a long digit run is read in linear time', () => {
    const zeros = (n: number) => `≥${'0'.repeat(n)}`;
    parseValue(zeros(1000));
    const started = cpuMs();
    expect(parseValue(zeros(200_000))).toMatchObject({ kind: 'numeric', number: 0 });
    // Quadratic, this took minutes; linear, it takes about a millisecond of CPU (hang detector, not a target).
    expect(cpuMs() - started).toBeLessThan(2000);
  });

  it('text-huge-cell-275947818: a run of opening brackets is read in linear time', () => {
    const started = cpuMs();
    expect(headerMatch(`指标值${'（'.repeat(200_000)}`)).toBeNull();
    expect(cpuMs() - started).toBeLessThan(2000);
    expect(headerMatch('指标值（%）')?.field).toBe('value');
    expect(headerMatch('三级指标（（注）')?.field).toBe('name');
  });

  it('file-mutated-pdf-2082989725: font programs pdf.js would hang on are hidden from it, others left alone', () => {
    const damaged = bytesOf('file-mutated-pdf-2082989725.bin');
    const guarded = withoutHazardousFonts(damaged);
    const changed = [...damaged.keys()].filter((i) => damaged[i] !== guarded[i]);
    expect(changed.map((i) => new TextDecoder('latin1').decode(guarded.subarray(i - 8, i + 6)))).toEqual(['/FontFilX 21 0', '/FontFilX 26 0']);
    const whole = new Uint8Array(readFileSync(new URL('../../fixtures/formats/chengde.pdf', import.meta.url)));
    expect(withoutHazardousFonts(whole)).toBe(whole);
    expect(withoutHazardousFonts(type1Pdf('dup 65 /A put'))).toEqual(type1Pdf('dup 65 /A put'));
    const crafted = withoutHazardousFonts(type1Pdf('dup 2000000000 /A put'));
    expect(new TextDecoder('latin1').decode(crafted)).toContain('/FontFilX 2 0 R');
  });

  it('file-mutated-pdf-1527301298: the CLI reads the file instead of dying of pdf.js’s stray rejection', () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url)), 'extract', fileURLToPath(new URL('file-mutated-pdf-1527301298.bin', dir))], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    // Read to the end, with no text in it: one line and exit 3 (nothing found), not a crash.
    expect(run.stderr).toMatch(/^jixiao extract: [^\n]*（EMPTY_INPUT）[^\n]*\n$/);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(isPdfjsException(new Error('ours'))).toBe(false);
  }, 120_000);

  it('an error message is one line, each line of the library’s said once', async () => {
    const result = await checkFile(bytesOf('file-random-bytes-20240917.bin'));
    expect(result).toEqual({ ok: false, code: 'CORRUPT' });
    const read = await ingest(bytesOf('file-random-bytes-20240917.bin'));
    expect(read.ok ? '' : read.error.message).toMatch(/^the image cannot be decoded: [^\n]+$/);
    expect(read.ok ? '' : read.error.message.match(/JPEG datastream contains no image/g)).toHaveLength(1);
  });
});

// Format detection and the errors each kind of unreadable file gets.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extract } from '../pipeline/index.ts';
import { cell, docxFromBody, paragraph, row, table } from '../test/support/minimal-docx.ts';
import { detectFormat } from './detect.ts';
import { ingest, ingestText } from './index.ts';

const formTable = table(
  [
    row([cell('项目名称'), cell('办公经费', '<w:gridSpan w:val="3"/>')]),
    row([cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标值')]),
    row([cell('产出指标', '<w:vMerge w:val="restart"/>'), cell('数量指标'), cell('开展业务次数'), cell('≥10次')]),
    row([cell('', '<w:vMerge/>'), cell('质量指标'), cell('完成率'), cell('≥95%')]),
  ],
  4,
);
const docx = docxFromBody(paragraph('1.办公经费绩效目标表') + formTable);

async function errorCode(bytes: Uint8Array): Promise<string> {
  const result = await ingest(bytes);
  if (result.ok) throw new Error(`expected an error, read ${result.value.format}`);
  return result.error.code;
}

/** An OLE compound file header with the named streams in its directory, as Office writes them. */
function compoundFile(streams: string[]): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.concat(streams.map((name) => Buffer.concat([Buffer.from(name, 'utf16le'), Buffer.alloc(128 - name.length * 2)])));
  return new Uint8Array(Buffer.concat([header, directory, Buffer.alloc(1024)]));
}

describe('pasted text', () => {
  const seed = readFileSync(new URL('../fixtures/seeds/004_584bff0bac0b6d6f.txt', import.meta.url), 'utf8');
  it.each([
    ['a seed', seed],
    ['a seed with Windows line ends', seed.replace(/\n/g, '\r\n')],
    ['a seed behind a byte-order mark', `\uFEFF${seed}`],
    ['a seed with a lone surrogate and an astral character', seed.replace('项目名称', '项目\uD800名称𠀀')],
    ['a web page', '<html><body><table><tr><td>项目名称</td><td>办公经费</td></tr></table></body></html>'],
  ])('is read as a file of its UTF-8 bytes is: %s', async (_name, pasted) => {
    const file = await ingest(new TextEncoder().encode(pasted));
    if (!file.ok) throw file.error;
    const { detail, ...read } = ingestText(pasted);
    const { detail: fileDetail, ...fileRead } = file.value;
    expect(read).toEqual(fileRead);
    expect(detail.path).toBe(fileDetail.path);
  });

  it('refuses control characters as a file of them is refused', async () => {
    const pasted = `项目名称${'\u0001'.repeat(20)}`;
    expect(() => ingestText(pasted)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FORMAT' }));
    expect(await errorCode(new TextEncoder().encode(pasted))).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('format detection', () => {
  it('names formats from their bytes', async () => {
    expect(await detectFormat(docx)).toBe('docx');
    expect(await detectFormat(new TextEncoder().encode('%PDF-1.7\n%…'))).toBe('pdf');
    expect(await detectFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toBe('png');
    expect(await detectFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]))).toBe('jpeg');
    expect(await detectFormat(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0]))).toBe('tiff');
    expect(await detectFormat(compoundFile(['Root Entry', 'WordDocument']))).toBe('doc');
    expect(await detectFormat(compoundFile(['Root Entry', 'Workbook']))).toBe('xls');
    expect(await detectFormat(compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']))).toBe('encrypted-office');
    expect(await detectFormat(new TextEncoder().encode('项目名称\t办公经费'))).toBe('text');
  });

  it('ignores the file name: a Word file called .pdf reads as Word', async () => {
    const result = await extract({ bytes: docx, filename: 'table.pdf' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.extraction.source.format).toBe('docx');
    expect(result.extraction.document.projects[0]?.indicators.map((indicator) => indicator.value.raw)).toEqual(['≥10次', '≥95%']);
  });

  it('reads a text file called .docx as text', async () => {
    const result = await extract({ bytes: new TextEncoder().encode('1.办公经费绩效目标表\n'), filename: 'x.docx' });
    expect(result.ok && result.extraction.source.format).toBe('text');
  });
});

describe('unreadable files get their own error codes', () => {
  it('zero bytes: EMPTY_INPUT', async () => {
    expect(await errorCode(new Uint8Array())).toBe('EMPTY_INPUT');
  });

  it('a docx cut short: TRUNCATED', async () => {
    expect(await errorCode(docx.subarray(0, Math.floor(docx.byteLength * 0.6)))).toBe('TRUNCATED');
  });

  it('a docx with damaged compressed data: CORRUPT', async () => {
    const damaged = docx.slice();
    // Overwrite document.xml's deflate stream, leaving the headers and the directory whole.
    const start = Buffer.from(damaged).indexOf('word/document.xml') + 'word/document.xml'.length + 8;
    for (let index = start; index < start + 120; index++) damaged[index] = (index * 31) & 0xff;
    expect(await errorCode(damaged)).toBe('CORRUPT');
  });

  it('a zip that is not an Office document: UNSUPPORTED_FORMAT', async () => {
    expect(await errorCode(zipSync({ 'notes.txt': strToU8('hello') }))).toBe('UNSUPPORTED_FORMAT');
  });

  it('a password-protected Office file: ENCRYPTED', async () => {
    expect(await errorCode(compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']))).toBe('ENCRYPTED');
  });

  it('an old .doc without LibreOffice: LEGACY_FORMAT naming what to do', async () => {
    const saved = process.env.PATH;
    const savedSoffice = process.env.SOFFICE_PATH;
    process.env.PATH = '/nonexistent';
    delete process.env.SOFFICE_PATH;
    try {
      const result = await ingest(compoundFile(['Root Entry', 'WordDocument']));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('LEGACY_FORMAT');
      expect(result.error.message).toMatch(/\.docx/);
    } finally {
      process.env.PATH = saved;
      if (savedSoffice) process.env.SOFFICE_PATH = savedSoffice;
    }
  });

  // Runs where LibreOffice is installed (CI has none; the LEGACY_FORMAT test above covers that case).
  const soffice = ['soffice', 'libreoffice'].some((name) => spawnSync(name, ['--version'], { timeout: 30_000 }).status === 0);
  it.skipIf(!soffice)('an old .doc and .xls with LibreOffice: converted, read like the .docx and .xlsx', { timeout: 120_000 }, async () => {
    for (const name of ['chengde.doc', 'chengde.xls']) {
      const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/formats/legacy/${name}`, import.meta.url)));
      const result = await extract({ bytes, filename: name });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.extraction.source.format).toBe(name.endsWith('.doc') ? 'docx' : 'xlsx');
      expect(result.extraction.document.projects.map((project) => [project.name, project.indicators.length])).toEqual([
        ['2022年度商务活动及外贸发展专项经费', 8],
        ['2022年度弥补人员工资', 7],
        ['2022年度补充业务经费', 8],
      ]);
    }
  });

  it('a docx whose parts inflate past 200 MB: DECOMPRESSED_TOO_LARGE, with memory bounded', async () => {
    const zeros = new Uint8Array(210 * 1024 * 1024);
    const bomb = docxFromBody(paragraph('x'), { 'word/media/padding.bin': zeros });
    const before = process.memoryUsage().rss;
    expect(await errorCode(bomb)).toBe('DECOMPRESSED_TOO_LARGE');
    // The check inflates chunk by chunk and stops at the limit: it never holds the 210 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(120 * 1024 * 1024);
  }, 60_000);

  it('an image cut short: TRUNCATED; a damaged one: CORRUPT', async () => {
    const png = new Uint8Array(readFileSync(new URL('./ocr/testdata/table.png', import.meta.url)));
    expect(await errorCode(png.subarray(0, Math.floor(png.byteLength * 0.7)))).toBe('TRUNCATED');
    const jpeg = new Uint8Array(readFileSync(new URL('../fixtures/formats/xingtai-photo.jpg', import.meta.url)));
    expect(await errorCode(jpeg.subarray(0, jpeg.byteLength - 5000))).toBe('TRUNCATED');
    const damaged = png.slice();
    damaged.fill(0x41, 200, png.byteLength - 200);
    expect(await errorCode(damaged)).toBe('CORRUPT');
  });

  it('a file over the size limit: FILE_TOO_LARGE', async () => {
    const result = await ingest(new Uint8Array(2048), { limits: { maxInputBytes: 1024 } });
    expect(!result.ok && result.error.code).toBe('FILE_TOO_LARGE');
  });
});

describe('spreadsheets and web pages', () => {
  it('reads an xlsx with merged regions as spans', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('绩效目标');
    sheet.addRow(['1.办公经费绩效目标表']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['项目名称', '办公经费']);
    sheet.mergeCells('B2:D2');
    sheet.addRow(['一级指标', '二级指标', '三级指标', '指标值']);
    sheet.addRow(['产出指标', '数量指标', '开展业务次数', '≥10次']);
    sheet.addRow(['', '质量指标', '完成率', '≥95%']);
    sheet.mergeCells('A4:A5');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await ingest(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [title, grid] = result.value.doc.blocks;
    expect(title).toMatchObject({ kind: 'paragraph', text: '1.办公经费绩效目标表' });
    expect(grid?.kind).toBe('table');
    if (grid?.kind !== 'table') return;
    expect(grid.rows.map((cells) => cells.map((c) => [c.text, c.rowSpan, c.colSpan]))).toEqual([
      [['项目名称', 1, 1], ['办公经费', 1, 3]],
      [['一级指标', 1, 1], ['二级指标', 1, 1], ['三级指标', 1, 1], ['指标值', 1, 1]],
      [['产出指标', 2, 1], ['数量指标', 1, 1], ['开展业务次数', 1, 1], ['≥10次', 1, 1]],
      [['质量指标', 1, 1], ['完成率', 1, 1], ['≥95%', 1, 1]],
    ]);
    expect(grid.rows[2]?.[0]?.source).toMatchObject({ sheet: '绩效目标', ref: 'A4', lineStart: 4, lineEnd: 5 });
  });

  it('reads a CSV export, merged cells left empty, into the same table', async () => {
    const csv = '\ufeff1.办公经费绩效目标表,,,\n项目名称,办公经费,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,开展业务次数,≥10次\n,质量指标,完成率,≥95%\n';
    const result = await extract({ bytes: new TextEncoder().encode(csv) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const project = result.extraction.document.projects[0];
    expect(project?.title).toBe('1.办公经费绩效目标表');
    expect(project?.indicators.map((indicator) => [indicator.level2, indicator.value.raw])).toEqual([
      ['数量指标', '≥10次'],
      ['质量指标', '≥95%'],
    ]);
  });

  it('reads an HTML page: tables with spans, navigation and scripts skipped', async () => {
    const html = `<!DOCTYPE html><html><head><script>document.write('<table><tr><td>假</td></tr></table>')</script></head><body>
<div class="nav"><a href="/">首页</a><a href="/gk">政务公开</a></div><div class="breadcrumb">当前位置：首页 &gt; 预算公开</div>
<div class="article"><p>1.办公经费绩效目标表</p>
<table border="1"><tbody><tr><td>项目名称</td><td colspan="3">办公经费</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>开展业务
次数</td><td>≥10次</td></tr>
<tr><td>质量指标</td><td>完成率</td><td>≥95%&nbsp;</td></tr></tbody></table></div>
<footer>主办单位：某某局 版权所有</footer></body></html>`;
    const result = await extract({ bytes: new TextEncoder().encode(html) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.extraction.source.format).toBe('html');
    const text = JSON.stringify(result.doc);
    expect(text).not.toContain('首页');
    expect(text).not.toContain('版权所有');
    expect(text).not.toContain('假');
    expect(result.extraction.document.projects[0]?.indicators.map((indicator) => [indicator.level1, indicator.name, indicator.value.raw])).toEqual([
      ['产出指标', '开展业务次数', '≥10次'],
      ['产出指标', '完成率', '≥95%'],
    ]);
  });
});

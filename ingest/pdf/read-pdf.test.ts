// The PDFs under testdata/ were printed by Chromium from the HTML files beside them (see
// testdata/README.md); the expected cells below are what those tables say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../schemas/doc.ts';
import { layoutToBlocks } from '../layout/blocks.ts';
import { PdfReadError } from './errors.ts';
import { readPdf, renderPdfPages } from './read-pdf.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const testdata = (name: string) => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

async function blocksOf(name: string) {
  const read = await readPdf(testdata(name));
  return { read, blocks: layoutToBlocks(read.pages) };
}

const cells = (table: Table) => table.rows.map((row) => row.map((cell) => `${cell.text.replace(/\n/g, '⏎')}${cell.rowSpan > 1 ? `[r${cell.rowSpan}]` : ''}${cell.colSpan > 1 ? `[c${cell.colSpan}]` : ''}`));
const tablesOf = (blocks: Awaited<ReturnType<typeof blocksOf>>['blocks']) => blocks.filter((block): block is Table => block.kind === 'table');
const paragraphsOf = (blocks: Awaited<ReturnType<typeof blocksOf>>['blocks']) => blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));

const TOP_ROWS = [
  ['项目名称[c2]', '2026年度海关办公经费[c3]'],
  ['项目编码[c2]', '13060526P00003110004W[c3]'],
  ['预算数[r2][c2]', '合计', '60.00[c2]'],
  ['其中：财政资金', '60.00[c2]'],
  ['绩效目标[c2]', '维护相关设备，保障海关工作正常开展。[c3]'],
  ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据'],
];
const BASIS = '依据实际工作开展情况';
const TAIL_ROWS = [
  ['时效指标', '完成时间', '2026年12月底', BASIS],
  ['效益指标', '社会效益指标', '保障海关工作正常开展', '有效保障', BASIS],
  ['满意度指标', '服务对象满意度⏎指标', '服务对象满意度', '≥90%', BASIS],
];

function indicatorRows(perGroup: number): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i <= perGroup; i++) {
    const row = [`开展业务次数${i}`, `≥${10 + i}次`, BASIS];
    if (i === 1) row.unshift(`产出指标[r${2 * perGroup + 1}]`, `数量指标[r${perGroup}]`);
    rows.push(row);
  }
  for (let i = 1; i <= perGroup; i++) {
    const row = [`设备完好率${i}`, '≥95 %', BASIS];
    if (i === 1) row.unshift(`质量指标[r${perGroup}]`);
    rows.push(row);
  }
  return rows;
}

describe('readPdf + layoutToBlocks on Chromium-printed tables', () => {
  it('reads a one-page table with row and column spans, its title lines, and drops the page number', async () => {
    const { read, blocks } = await blocksOf('short.pdf');
    expect(read.pageCount).toBe(1);
    expect(read.textQuality.glyphs).toBeGreaterThan(300);
    expect(read.textQuality.unmapped).toBe(0);
    expect(paragraphsOf(blocks)).toEqual(['1.2026年度海关办公经费绩效目标表', '304001保定白沟新城国际贸易服务中心（本级）', '单位：万元', '填报说明：本表由项目单位填写。']);
    const [table] = tablesOf(blocks);
    expect(cells(table!)).toEqual([...TOP_ROWS, ...indicatorRows(2), ...TAIL_ROWS]);
    const source = table!.rows[0]![0]!.source;
    expect(source.page).toBe(1);
    expect(source.bbox![2]).toBeGreaterThan(source.bbox![0]);
    expect(source.bbox![1]).toBeLessThan(842 / 2); // y grows downwards: the table's first row is in the upper half
  });

  for (const [name, header] of [
    ['long-repeat.pdf', 'repeats its header row on page 2'],
    ['long-plain.pdf', 'does not repeat its header'],
  ] as const) {
    it(`reads a table that runs over a page break and ${header} as one table`, async () => {
      const { read, blocks } = await blocksOf(name);
      expect(read.pageCount).toBe(2);
      expect(blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'table', 'paragraph']);
      const [table] = tablesOf(blocks);
      expect(cells(table!)).toEqual([...TOP_ROWS, ...indicatorRows(14), ...TAIL_ROWS]);
      expect(table!.rows.at(-1)![0]!.source.page).toBe(2);
      expect(paragraphsOf(blocks).some((text) => /页/.test(text))).toBe(false);
    });
  }

  it('reads a table drawn without rules as TAB-joined lines, without throwing', async () => {
    const { blocks } = await blocksOf('no-rules.pdf');
    expect(tablesOf(blocks)).toEqual([]);
    expect(paragraphsOf(blocks)).toEqual(['3.无边框表格绩效目标表', '一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t培训人数\t≥500人次', '满意度指标\t服务对象满意度指标\t满意度\t≥90%']);
  });

  it('renders pages to grey pixels at the requested resolution, white paper and dark text', async () => {
    const [page] = await collect(renderPdfPages(testdata('short.pdf'), { dpi: 36, pages: [1] }));
    expect(page!.page).toBe(1);
    expect(page!.scale).toBeCloseTo(0.5);
    expect(page!.grey.width).toBe(Math.ceil(595.3 / 2)); // A4 is 595.3 points wide
    expect(page!.grey.data.length).toBe(page!.grey.width * page!.grey.height);
    expect(page!.grey.data[0]).toBe(255);
    expect(page!.grey.data.reduce((low, value) => Math.min(low, value), 255)).toBeLessThan(100);
  });
});

describe('readPdf errors', () => {
  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'read';
    } catch (error) {
      expect(error).toBeInstanceOf(PdfReadError);
      return (error as PdfReadError).code;
    }
  };
  const short = testdata('short.pdf');

  it('ENCRYPTED for a PDF that needs a password (made with Ghostscript, user password "user")', async () => {
    expect(await codeOf(readPdf(testdata('encrypted.pdf')))).toBe('ENCRYPTED');
    expect(await codeOf(collect(renderPdfPages(testdata('encrypted.pdf'), { dpi: 36 })))).toBe('ENCRYPTED');
  });

  it('TRUNCATED for a file cut short, even when the cut keeps most of it', async () => {
    expect(await codeOf(readPdf(short.slice(0, short.length / 2)))).toBe('TRUNCATED');
    expect(await codeOf(readPdf(short.slice(0, short.length - 200)))).toBe('TRUNCATED');
  });

  it('CORRUPT for bytes that are not a PDF or whose structure is broken', async () => {
    expect(await codeOf(readPdf(new TextEncoder().encode('PK\u0003\u0004 not a pdf')))).toBe('CORRUPT');
    expect(await codeOf(readPdf(new TextEncoder().encode('%PDF-1.7\nnothing here\n%%EOF\n')))).toBe('CORRUPT');
  });
});

describe('readPdf input', () => {
  it('accepts a Node Buffer (what fs.readFile returns) and leaves the caller’s bytes intact', async () => {
    const buffer = readFileSync(new URL('./testdata/short.pdf', import.meta.url));
    const before = buffer.length;
    const read = await readPdf(buffer);
    expect(read.pageCount).toBe(1);
    expect(buffer.length).toBe(before);
    const [page] = await collect(renderPdfPages(buffer, { dpi: 18 }));
    expect(page!.page).toBe(1);
  });
});

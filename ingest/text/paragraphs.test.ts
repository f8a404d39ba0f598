// A web table copied as text: one cell per paragraph, blank lines between, nothing marking rows.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../schemas/doc.ts';
import { looksLikeCellPerParagraph, paragraphsOf, readCellPerParagraph } from './paragraphs.ts';

// From fixtures/hand/cell-paragraph.txt, with the wrapped 经济效益 / 指标 cell and a lone-space empty cell.
const PAGE = [
  '于都县2023年农家书屋出版物补充更新项目绩效目标表',
  '',
  '项目名称',
  '',
  '农家书屋出版物补充更新',
  '',
  '其他资金',
  ' ',
  '一级指标',
  '',
  '二级指标',
  '',
  '三级指标',
  '',
  '指标值',
  '',
  '产出指标',
  '',
  '数量指标',
  '',
  '补充更新出版物的农家书屋数量',
  '',
  '368个',
  '',
  '效益指标',
  '',
  '经济效益',
  '',
  '指标',
  '',
  '带动出版物发行收入',
  '',
  '≥42万元',
];

describe('paragraphsOf', () => {
  it('makes a paragraph of each run of lines, keeping the line breaks inside it', () => {
    const paragraphs = paragraphsOf(['年度目标', '', '为全县368个农家书屋补充更新出版物，', '开展全民阅读推广活动。', '', '一级指标']);
    expect(paragraphs).toEqual([
      { text: '年度目标', lineStart: 1, lineEnd: 1 },
      { text: '为全县368个农家书屋补充更新出版物，\n开展全民阅读推广活动。', lineStart: 3, lineEnd: 4 },
      { text: '一级指标', lineStart: 6, lineEnd: 6 },
    ]);
  });

  it('reads a line of a lone space as an empty cell, and an empty line as a gap only', () => {
    const paragraphs = paragraphsOf(['其他资金', ' ', '年度目标', '', '', '一级指标']);
    expect(paragraphs.map((paragraph) => paragraph.text)).toEqual(['其他资金', '', '年度目标', '一级指标']);
    expect(paragraphs[1]).toEqual({ text: '', lineStart: 2, lineEnd: 2 });
  });
});

describe('looksLikeCellPerParagraph', () => {
  it('takes short lines standing alone between blank lines', () => {
    expect(looksLikeCellPerParagraph(PAGE)).toBe(true);
  });

  it('needs enough lines to tell', () => {
    expect(looksLikeCellPerParagraph(PAGE.slice(0, 13))).toBe(false);
  });

  it('leaves lines that follow one another (a cell per line, prose) alone', () => {
    expect(looksLikeCellPerParagraph(PAGE.filter((line) => line.trim() !== ''))).toBe(false);
  });

  it('leaves long paragraphs alone: prose, not cells', () => {
    const prose = Array.from({ length: 16 }, (_, index) => [`（${index + 1}）加强绩效运行监控。按要求开展绩效运行监控，发现问题及时采取措施，确保绩效目标如期保质实现。`, '']).flat();
    expect(looksLikeCellPerParagraph(prose)).toBe(false);
  });
});

describe('readCellPerParagraph', () => {
  const blocks = readCellPerParagraph(PAGE);
  const table = blocks.find((block): block is Table => block.kind === 'table');

  it('keeps what stands before the first form label as a paragraph', () => {
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '于都县2023年农家书屋出版物补充更新项目绩效目标表', source: { lineStart: 1, lineEnd: 1 } });
  });

  it('makes one row of cells from the first form label on, wrapped cells and empty ones as they stand', () => {
    const texts = table?.rows[0]?.map((cell) => cell.text);
    expect(table?.rows).toHaveLength(1);
    expect(texts?.slice(0, 4)).toEqual(['项目名称', '农家书屋出版物补充更新', '其他资金', '']);
    // The wrapped 经济效益 / 指标 stays two cells: joining them is the extractor's call.
    expect(texts?.slice(-4)).toEqual(['经济效益', '指标', '带动出版物发行收入', '≥42万元']);
    expect(table?.rows[0]?.[1]?.source).toEqual({ lineStart: 5, lineEnd: 5 });
  });

  it('says nothing marks rows or columns', () => {
    expect(table?.layout).toEqual({ rows: 'none', columns: 'collapsed', rendering: 'cell-per-paragraph' });
    expect(table?.source).toEqual({ lineStart: 3, lineEnd: PAGE.length });
  });

  it('ends the table at a document site\'s debris, which stays text', () => {
    const read = readCellPerParagraph([...PAGE, '', '点击查看更多', '', '下载积分：2']);
    const after = read.slice(read.findIndex((block) => block.kind === 'table') + 1);
    expect(after).toEqual([
      { kind: 'paragraph', text: '点击查看更多', source: { lineStart: PAGE.length + 2, lineEnd: PAGE.length + 2 } },
      { kind: 'paragraph', text: '下载积分：2', source: { lineStart: PAGE.length + 4, lineEnd: PAGE.length + 4 } },
    ]);
    const cells = read.find((block): block is Table => block.kind === 'table')?.rows[0];
    expect(cells?.at(-1)?.text).toBe('≥42万元');
  });

  it('gives only paragraphs when no paragraph is a form label', () => {
    const read = readCellPerParagraph(['关于公开2023年部门预算的说明', '', '详见附件。']);
    expect(read.map((block) => block.kind)).toEqual(['paragraph', 'paragraph']);
  });
});

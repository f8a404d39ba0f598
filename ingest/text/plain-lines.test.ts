// A PDF viewer's copy: one cell per line, empty and merged cells gone, nothing marking rows.
import { describe, expect, it } from 'vitest';
import { readPlainLines } from './plain-lines.ts';

// From fixtures/hand/cell-line-plain.txt, at its own line numbers.
const LINES = ['一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '黑土地保护利用面积', '5万亩', '增施有机肥面积', '≥1.5万亩'].map((text, index) => ({
  text,
  number: index + 17,
}));

describe('readPlainLines', () => {
  it('makes one row of a cell per line, in order', () => {
    const table = readPlainLines(LINES);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.map((cell) => cell.text)).toEqual(LINES.map((line) => line.text));
  });

  it('keeps each cell on its source line and the table on its span', () => {
    const table = readPlainLines(LINES);
    expect(table.rows[0]?.[7]?.source).toEqual({ lineStart: 24, lineEnd: 24 });
    expect(table.source).toEqual({ lineStart: 17, lineEnd: 26 });
  });

  it('trims the spaces a viewer leaves around a line', () => {
    const table = readPlainLines([{ text: '  项目区耕地质量等级提升\u3000', number: 1 }, { text: '≥0.2等 ', number: 2 }]);
    expect(table.rows[0]?.map((cell) => cell.text)).toEqual(['项目区耕地质量等级提升', '≥0.2等']);
  });

  it('says nothing marks rows or columns, and takes each line end as a cell end', () => {
    const table = readPlainLines(LINES);
    expect(table.layout).toEqual({ rows: 'none', columns: 'collapsed', rendering: 'plain-lines' });
    // The reader marks no boundary as a guess; wrapped cells are left to the extractor's alignment.
    expect(table.rows[0]?.some((cell) => cell.joinsPrevious !== undefined)).toBe(false);
  });
});

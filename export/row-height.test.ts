// Row heights for wrapped cells: a row is as tall as its longest cell needs, at least one line.
import { describe, expect, it } from 'vitest';
import { rowHeight, wrappedLines } from './row-height.ts';

describe('wrappedLines', () => {
  it('counts a Chinese character nearly twice as wide as a digit', () => {
    // 20 Chinese characters take about 36 units; 20 digits take 20.
    expect(wrappedLines('一'.repeat(20), 21, 11)).toBe(2);
    expect(wrappedLines('1'.repeat(20), 21, 11)).toBe(1);
  });

  it('adds a line for every line break, and the wraps of each line', () => {
    expect(wrappedLines('甲\n乙\n丙', 30, 11)).toBe(3);
    expect(wrappedLines(`${'一'.repeat(40)}\n乙`, 21, 11)).toBe(wrappedLines('一'.repeat(40), 21, 11) + 1);
  });

  it('fits more of a smaller font on a line', () => {
    const text = '一'.repeat(60);
    expect(wrappedLines(text, 34, 9.5)).toBeLessThan(wrappedLines(text, 34, 14));
  });
});

describe('rowHeight', () => {
  it('is one line for short or empty cells, and grows with the longest cell', () => {
    const one = rowHeight([{ text: '', width: 10, size: 11 }, { text: '≥95%', width: 13, size: 11 }]);
    const long = rowHeight([{ text: '≥95%', width: 13, size: 11 }, { text: '审'.repeat(80), width: 34, size: 11 }]);
    expect(one).toBeGreaterThan(11);
    expect(long).toBeGreaterThan(one * 3);
    expect(rowHeight([])).toBe(one);
  });
});

import { describe, expect, it } from 'vitest';
import type { BBox, RuleSegment } from '../layout/types.ts';
import type { GreyImage } from './image.ts';
import { fromCharacters } from './recognize.ts';
import { joinLines, lineTail, scrapReading, wrappedScraps } from './wrapped-lines.ts';

const reading = (text: string, positions?: number[]) => {
  const characters = [...text];
  return fromCharacters(
    characters,
    characters.map(() => 0.99),
    positions ?? characters.map((_, i) => (i + 0.5) / characters.length),
  );
};

describe('wrappedScraps', () => {
  // A cell 保障海关工作完成 / 率 wrapped in a column, beside a value cell.
  const line: BBox = [100, 100, 300, 130];
  const scrap: BBox = [100, 136, 125, 166];
  const value: BBox = [400, 100, 460, 130];

  it('pairs a one-character line with the line just above it in the same cell', () => {
    expect(wrappedScraps([line, scrap, value], [])).toEqual(new Map([[1, 0]]));
  });

  it('does not pair across a ruling line, with a line far above, or a line that is not above it', () => {
    const ruleBetween: RuleSegment = { x0: 50, y0: 133, x1: 350, y1: 133 };
    expect(wrappedScraps([line, scrap], [ruleBetween]).size).toBe(0);
    expect(wrappedScraps([line, [100, 200, 125, 230]], []).size).toBe(0);
    expect(wrappedScraps([value, scrap], []).size).toBe(0);
  });

  it('takes no long line for a scrap', () => {
    expect(wrappedScraps([line, [100, 136, 300, 166]], []).size).toBe(0);
  });
});

describe('reading a scrap after the line above', () => {
  const grey = (width: number, value: number): GreyImage => ({ data: new Uint8Array(width * 2).fill(value), width, height: 2 });

  it('joins two line images side by side', () => {
    const joined = joinLines(grey(3, 10), grey(2, 200));
    expect(joined.width).toBe(5);
    expect([...joined.data]).toEqual([10, 10, 10, 200, 200, 10, 10, 10, 200, 200]);
  });

  it('cuts a line down to its last characters, between two of them', () => {
    const line = grey(100, 0);
    const tail = lineTail(line, reading('保障海关工作完成', [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.95]), 2);
    expect(tail.reading.text).toBe('完成');
    expect(tail.image.width).toBe(40);
    expect(tail.reading.positions.map((p) => Math.round(p * 100) / 100)).toEqual([0.13, 0.88]);
  });

  it('takes what follows the line above, when the joined reading starts with it', () => {
    expect(scrapReading(reading('作完成率'), reading('作完成'), 0.7)?.text).toBe('率');
    expect(scrapReading(reading('作完成 率'), reading('作完成'), 0.7)?.text).toBe('率');
    // The joined reading disagrees about the line above: nothing to go by.
    expect(scrapReading(reading('作完戌率'), reading('作完成'), 0.7)).toBeNull();
    expect(scrapReading(reading('作完成'), reading('作完成'), 0.7)).toBeNull();
  });
});

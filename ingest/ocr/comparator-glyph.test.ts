import { describe, expect, it } from 'vitest';
import { leadingComparator } from './comparator-glyph.ts';
import type { GreyImage } from './image.ts';

/** A 48 px line image drawn from rows of text art: '#' ink, '+' light grey ink, anything else paper. */
function line(art: string[]): GreyImage {
  const width = Math.max(...art.map((row) => row.length));
  const height = 48;
  const top = Math.floor((height - art.length) / 2);
  const data = new Uint8Array(width * height).fill(255);
  art.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] === '#') data[(top + y) * width + x] = 20;
      if (row[x] === '+') data[(top + y) * width + x] = 150;
    }
  });
  return { data, width, height };
}

const GREATER_EQUAL_95 = [
  '..##.............######.....######...',
  '...###..........##....##...##........',
  '.....###........##....##...##........',
  '.......###......##....##...#####.....',
  '.........###.....#######.......##....',
  '.......###............##.......##....',
  '.....###..............##.......##....',
  '...###...............##...##...##....',
  '..##...........######......#####.....',
  '.....................................',
  '..##########.........................',
];

const LESS_EQUAL_60 = GREATER_EQUAL_95.map((row, y) => (y < 9 ? row.slice(0, 14).split('').reverse().join('') + row.slice(14) : row));

const TWO_95 = [
  '....####.........######.....######...',
  '..##....##......##....##...##........',
  '........##......##....##...##........',
  '........##......##....##...#####.....',
  '.......##........#######.......##....',
  '.....##...............##.......##....',
  '....##................##.......##....',
  '...##................##...##...##....',
  '..##...........######......#####.....',
  '..##.................................',
  '..##########.........................',
];

describe('leadingComparator', () => {
  it('sees a ≥ (a right-pointing chevron on a bar) and where it ends', () => {
    expect(leadingComparator(line(GREATER_EQUAL_95))).toEqual({ comparator: '≥', end: 12 });
  });

  it('sees a ≤', () => {
    expect(leadingComparator(line(LESS_EQUAL_60))).toMatchObject({ comparator: '≤' });
  });

  it('sees a faint, broken chevron when a looser threshold joins it', () => {
    const faint = GREATER_EQUAL_95.map((row, y) => (y < 9 ? row.slice(0, 14).replace(/#/g, '+') + row.slice(14) : row));
    expect(leadingComparator(line(faint))).toMatchObject({ comparator: '≥' });
  });

  it('sees a blurred ≥ whose chevron runs into its bar (one component), from the bar found row by row', () => {
    const touching = GREATER_EQUAL_95.map((row, y) => (y === 9 ? '..#..................................' : row));
    expect(leadingComparator(line(touching))).toMatchObject({ comparator: '≥' });
  });

  it('does not take a 2 whose foot is found row by row for a ≥: its arc does not start at the far side', () => {
    const blurredTwo = TWO_95.map((row, y) => (y === 9 ? '..##########.........................' : row));
    expect(leadingComparator(line(blurredTwo))).toBeNull();
  });

  it('does not take a 2, a plain number or an empty line for a comparator', () => {
    expect(leadingComparator(line(TWO_95))).toBeNull();
    expect(leadingComparator(line(GREATER_EQUAL_95.map((row) => row.slice(14))))).toBeNull();
    expect(leadingComparator(line(['.....']))).toBeNull();
  });
});

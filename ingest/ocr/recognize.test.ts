import { describe, expect, it } from 'vitest';
import { decodeCtc } from './recognize.ts';

const CHARACTERS = ['≥', '9', '5', '%'];

/** One time step per entry: the class that wins, with its probability. */
function steps(winners: [number, number][]): Float32Array {
  const classes = CHARACTERS.length + 1;
  const out = new Float32Array(winners.length * classes);
  winners.forEach(([winner, probability], t) => {
    for (let c = 0; c < classes; c++) out[t * classes + c] = c === winner ? probability : (1 - probability) / (classes - 1);
  });
  return out;
}

describe('decodeCtc', () => {
  it('collapses repeats, drops blanks and keeps a doubled character split by a blank', () => {
    const probabilities = steps([
      [0, 0.9],
      [1, 0.9],
      [1, 0.8],
      [2, 1],
      [0, 0.9],
      [3, 0.7],
      [0, 0.9],
      [3, 0.9],
      [4, 0.6],
    ]);
    const result = decodeCtc(probabilities, 9, CHARACTERS.length + 1, CHARACTERS);
    expect(result.text).toBe('≥955%');
    expect(result.confidence).toBeCloseTo((0.9 + 1 + 0.7 + 0.9 + 0.6) / 5, 5);
    expect(result.lowest).toBeCloseTo(0.6, 5);
    expect(result.characters).toEqual(['≥', '9', '5', '5', '%']);
    // Each character where its first step lies, as a share of the line.
    expect(result.positions).toEqual([1.5 / 9, 3.5 / 9, 5.5 / 9, 7.5 / 9, 8.5 / 9]);
  });

  it('reads nothing from blanks only', () => {
    expect(decodeCtc(steps([[0, 1]]), 1, 5, CHARACTERS)).toMatchObject({ text: '', confidence: 0, lowest: 0, positions: [] });
  });
});

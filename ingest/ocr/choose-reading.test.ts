import { describe, expect, it } from 'vitest';
import { chooseReading, recoversDropped } from './choose-reading.ts';
import { fromCharacters, type Recognised } from './recognize.ts';

/** A reading of `text`, one probability per character (all `p` unless given). */
function reading(text: string, p: number | number[] = 0.99): Recognised {
  const characters = [...text];
  const probabilities = characters.map((_, i) => (Array.isArray(p) ? p[i]! : p));
  return fromCharacters(characters, probabilities, characters.map((_, i) => (i + 0.5) / characters.length));
}

describe('recoversDropped', () => {
  it('is true when the longer reading is the shorter plus a character or two read surely', () => {
    expect(recoversDropped(reading('3957m²', [1, 1, 1, 1, 1, 0.65]), reading('3957m', 1))).toBe(true);
    expect(recoversDropped(reading('≥120人'), reading('≥120'))).toBe(true);
    // Blanks do not count either way.
    expect(recoversDropped(reading('≥500 人次'), reading('≥500人'))).toBe(true);
  });

  it('is false for a different reading, too many additions, or an unsure one', () => {
    expect(recoversDropped(reading('3957m'), reading('3957㎡'))).toBe(false);
    expect(recoversDropped(reading('≥120人次数'), reading('≥120'))).toBe(false);
    expect(recoversDropped(reading('3957m²', [1, 1, 1, 1, 1, 0.3]), reading('3957m'))).toBe(false);
    expect(recoversDropped(reading('100%'), reading('100%'))).toBe(false);
  });

  it('does not count a border remnant at either end as a recovered character', () => {
    expect(recoversDropped(reading('|3个'), reading('3个'))).toBe(false);
    expect(recoversDropped(reading('3个1'), reading('3个'))).toBe(false);
    // Inside the line a 1 is a digit the other reading dropped.
    expect(recoversDropped(reading('2100人'), reading('200人'))).toBe(true);
  });
});

describe('chooseReading', () => {
  it('keeps the surer reading', () => {
    const best = chooseReading([
      { reading: reading('串', 0.56), text: '串' },
      { reading: reading('率', 0.97), text: '率' },
    ]);
    expect(best.text).toBe('率');
  });

  it('prefers the reading that recovers a dropped character, though the shorter looks surer', () => {
    const best = chooseReading([
      { reading: reading('3957m', 1), text: '3957m' },
      { reading: reading('3957m²', [1, 1, 1, 1, 1, 0.65]), text: '3957m²' },
    ]);
    expect(best.text).toBe('3957m²');
  });
});

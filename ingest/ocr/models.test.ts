import { describe, expect, it } from 'vitest';
import { ocrThreads } from './models.ts';

describe('ocrThreads', () => {
  it('is 1 unless OCR_THREADS says otherwise', () => {
    expect(ocrThreads(undefined)).toBe(1);
    expect(ocrThreads('')).toBe(1);
    expect(ocrThreads('2')).toBe(2);
  });

  it('refuses what is not a whole number of threads', () => {
    for (const value of ['0', '-1', '1.5', 'two', '65']) expect(() => ocrThreads(value)).toThrow(/OCR_THREADS/);
  });
});

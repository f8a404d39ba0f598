import { describe, expect, it } from 'vitest';
import { binarize, estimateSkew, flattenLighting, otsuThreshold } from './preprocess.ts';

/** A page of horizontal lines (rules and text rows) turned clockwise by `degrees`. */
function skewedLines(width: number, height: number, degrees: number): Uint8Array {
  const ink = new Uint8Array(width * height);
  const slope = Math.tan((degrees * Math.PI) / 180);
  for (let row = 60; row < height - 60; row += 45) {
    for (let x = 50; x < width - 50; x++) {
      const y = Math.round(row + (x - width / 2) * slope);
      if (y >= 0 && y < height) ink[y * width + x] = 1;
    }
  }
  return ink;
}

describe('estimateSkew', () => {
  it.each([0, 1, -1.5, 2.7, -0.4])('finds a skew of %s°', (degrees) => {
    expect(estimateSkew(skewedLines(1200, 900, degrees), 1200, 900)).toBeCloseTo(degrees, 1);
  });

  it('says 0 for an empty page', () => {
    expect(estimateSkew(new Uint8Array(400 * 300), 400, 300)).toBe(0);
  });
});

describe('flattenLighting', () => {
  it('turns a shadowed page white while the ink stays dark', () => {
    const width = 600;
    const height = 400;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const paper = 250 - Math.round((x / width) * 130); // a shadow from right to left
        const ink = y % 40 < 3 && x % 50 < 30;
        data[y * width + x] = ink ? Math.round(paper * 0.25) : paper;
      }
    }
    const flat = flattenLighting({ data, width, height });
    const at = (x: number, y: number) => flat.data[y * width + x]!;
    expect(at(20, 20)).toBeGreaterThan(230);
    expect(at(580, 20)).toBeGreaterThan(230);
    expect(at(560, 1)).toBeLessThan(90);
    // One threshold now separates ink from paper on both sides of the page.
    const ink = binarize(flat);
    expect(ink[1 * width + 10]).toBe(1);
    expect(ink[1 * width + 560]).toBe(1);
    expect(ink[20 * width + 560]).toBe(0);
    expect(ink[20 * width + 10]).toBe(0);
  });
});

describe('otsuThreshold', () => {
  it('splits two grey levels between them', () => {
    const data = new Uint8Array(1000).map((_, i) => (i % 4 === 0 ? 30 : 220));
    const threshold = otsuThreshold({ data, width: 1000, height: 1 });
    expect(threshold).toBeGreaterThanOrEqual(30);
    expect(threshold).toBeLessThan(220);
  });
});

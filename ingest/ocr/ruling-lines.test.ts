import { describe, expect, it } from 'vitest';
import { eraseLines, findRulingLines } from './ruling-lines.ts';

const W = 800;
const H = 600;
function page(): Uint8Array {
  return new Uint8Array(W * H);
}
function hline(ink: Uint8Array, y: number, x0: number, x1: number, thickness = 2) {
  for (let t = 0; t < thickness; t++) for (let x = x0; x < x1; x++) ink[(y + t) * W + x] = 1;
}
function vline(ink: Uint8Array, x: number, y0: number, y1: number, thickness = 2) {
  for (let t = 0; t < thickness; t++) for (let y = y0; y < y1; y++) ink[y * W + x + t] = 1;
}

describe('findRulingLines', () => {
  it('finds the grid of a table, a broken line as one rule, and not the strokes of characters', () => {
    const ink = page();
    for (const y of [100, 200, 300]) hline(ink, y, 100, 700);
    for (const x of [100, 400, 698]) vline(ink, x, 100, 302);
    // A scan break in the bottom rule.
    for (let x = 250; x < 252; x++) for (let t = 0; t < 2; t++) ink[(300 + t) * W + x] = 0;
    // A tall character stroke (30 px) and a 50 px dash inside cells: ink, but not rules.
    vline(ink, 200, 140, 172);
    hline(ink, 250, 150, 210);
    const { rules, mask } = findRulingLines(ink, W, H);
    const horizontal = rules.filter((r) => r.y0 === r.y1).sort((a, b) => a.y0 - b.y0);
    const vertical = rules.filter((r) => r.x0 === r.x1).sort((a, b) => a.x0 - b.x0);
    expect(horizontal.map((r) => [r.y0, r.x0, r.x1])).toEqual([
      [101, 100, 700],
      [201, 100, 700],
      [301, 100, 700],
    ]);
    expect(vertical.map((r) => r.x0)).toEqual([101, 401, 699]);
    // Rules are wiped, the characters' strokes are not.
    const erased = eraseLines(new Uint8Array(W * H), mask);
    expect(erased[100 * W + 300]).toBe(255);
    expect(mask[150 * W + 200]).toBe(0);
    expect(mask[250 * W + 180]).toBe(0);
  });

  it('keeps a very long rule with no vertical rule touching it (a 三线表)', () => {
    const ink = page();
    hline(ink, 100, 50, 750);
    hline(ink, 400, 300, 380); // short and alone: an underline
    const { rules } = findRulingLines(ink, W, H);
    expect(rules).toEqual([{ x0: 50, y0: 101, x1: 750, y1: 101 }]);
  });
});

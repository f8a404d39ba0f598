import { describe, expect, it } from 'vitest';
import type { BBox, RuleSegment } from '../layout/types.ts';
import { splitAtRules } from './split-boxes.ts';

const W = 400;
const H = 100;
function inkAt(blocks: BBox[]): Uint8Array {
  const ink = new Uint8Array(W * H);
  for (const [x0, y0, x1, y1] of blocks) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * W + x] = 1;
  return ink;
}
const column: RuleSegment = { x0: 200, y0: 0, x1: 200, y1: 100 };

describe('splitAtRules', () => {
  it('cuts a box that a cell border runs through, each part shrunk to its ink', () => {
    const ink = inkAt([
      [150, 40, 190, 60],
      [210, 40, 260, 60],
    ]);
    const parts = splitAtRules([[145, 35, 265, 65]], [column], ink, W, H);
    expect(parts).toEqual([
      [147, 37, 193, 63],
      [207, 37, 263, 63],
    ]);
  });

  it('leaves boxes alone when the rule only touches their edge or stops inside them', () => {
    const ink = inkAt([[150, 40, 198, 60]]);
    expect(splitAtRules([[145, 35, 202, 65]], [column], ink, W, H)).toEqual([[145, 35, 202, 65]]);
    const short: RuleSegment = { x0: 170, y0: 45, x1: 170, y1: 100 };
    expect(splitAtRules([[145, 35, 198, 65]], [short], ink, W, H)).toEqual([[145, 35, 198, 65]]);
  });

  it('drops a part that holds no ink', () => {
    const ink = inkAt([[150, 40, 190, 60]]);
    expect(splitAtRules([[145, 35, 265, 65]], [column], ink, W, H)).toEqual([[147, 37, 193, 63]]);
  });
});

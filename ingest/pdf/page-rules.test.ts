import { OPS } from './pdfjs.ts';
import { describe, expect, it } from 'vitest';
import { pageRuleSegments } from './page-rules.ts';

// pdf.js path buffer codes: moveTo 0, lineTo 1, curveTo 2, closePath 3.
const rect = (x: number, y: number, w: number, h: number) => new Float32Array([0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 3]);
const path = (paint: number, buffer: Float32Array) => ({ fn: OPS.constructPath, args: [paint, [buffer], null] });
const run = (ops: { fn: number; args: unknown }[], viewport = [1, 0, 0, -1, 0, 800]) =>
  pageRuleSegments({ fnArray: ops.map((op) => op.fn), argsArray: ops.map((op) => op.args) }, viewport).map((s) => [s.x0, s.y0, s.x1, s.y1].map((v) => Math.round(v * 10) / 10));

describe('pageRuleSegments', () => {
  it('turns a stroked rectangle into its four sides, y-down', () => {
    expect(run([path(OPS.stroke, rect(10, 20, 100, 50))])).toEqual([
      [10, 780, 110, 780],
      [110, 780, 110, 730],
      [110, 730, 10, 730],
      [10, 730, 10, 780],
    ]);
  });

  it('reads thin filled rectangles as lines and ignores wide fills (shading) and curves', () => {
    const curve = new Float32Array([0, 0, 0, 2, 10, 10, 20, 10, 30, 0]);
    expect(run([path(OPS.fill, rect(10, 100, 200, 0.75)), path(OPS.fill, rect(50, 50, 1, 80)), path(OPS.fill, rect(10, 10, 100, 40)), path(OPS.stroke, curve)])).toEqual([
      [10, 699.6, 210, 699.6],
      [50.5, 670, 50.5, 750],
    ]);
  });

  it('applies the transforms in force, restores them, and skips white ink and clipping paths', () => {
    const line = new Float32Array([0, 0, 0, 1, 100, 0]);
    expect(
      run([
        { fn: OPS.save, args: null },
        { fn: OPS.transform, args: [2, 0, 0, 2, 10, 10] },
        path(OPS.stroke, line),
        { fn: OPS.restore, args: null },
        path(OPS.stroke, line),
        { fn: OPS.setStrokeRGBColor, args: ['#ffffff'] },
        path(OPS.stroke, new Float32Array([0, 0, 50, 1, 100, 50])),
        path(OPS.endPath, rect(0, 0, 500, 500)),
      ]),
    ).toEqual([
      [10, 790, 210, 790],
      [0, 800, 100, 800],
    ]);
  });
});

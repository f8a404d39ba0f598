import { describe, expect, it } from 'vitest';
import { labelComponents, type Component } from './components.ts';

/** Regions found the slow, obvious way: a flood fill from each unvisited ink pixel in raster order. */
function floodFill(mask: Uint8Array, width: number, height: number): { labels: Int32Array; components: Component[] } {
  const labels = new Int32Array(width * height);
  const components: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const id = components.length + 1;
    const c: Component = { x0: Infinity, y0: Infinity, x1: -1, y1: -1, area: 0, sumX: 0, sumY: 0 };
    const stack = [start];
    labels[start] = id;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      Object.assign(c, { x0: Math.min(c.x0, x), y0: Math.min(c.y0, y), x1: Math.max(c.x1, x), y1: Math.max(c.y1, y) });
      c.area++;
      c.sumX += x;
      c.sumY += y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          const n = ny * width + nx;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && mask[n] && !labels[n]) {
            labels[n] = id;
            stack.push(n);
          }
        }
      }
    }
    components.push(c);
  }
  return { labels, components };
}

describe('labelComponents', () => {
  it('finds the regions a flood fill finds, numbered in the same order', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const [width, height, density] of [
      [1, 1, 1],
      [7, 1, 0.5],
      [1, 9, 0.5],
      [40, 30, 0.3],
      [64, 48, 0.45],
      [33, 57, 0.6],
    ] as const) {
      const mask = Uint8Array.from({ length: width * height }, () => (random() < density ? 1 : 0));
      const ours = labelComponents(mask, width, height);
      const reference = floodFill(mask, width, height);
      expect(ours.components).toEqual(reference.components);
      expect(ours.labels).toEqual(reference.labels);
    }
  });
});

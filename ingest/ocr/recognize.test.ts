import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeGrey, greySharp, toGreyRaw, type GreyImage } from './image.ts';
import { cropLine, decodeCtc } from './recognize.ts';

const CHARACTERS = ['≥', '9', '5', '%'];

/** One time step per entry: the class that wins, with its probability, as the model hands them back. */
function steps(winners: [number, number][]): [BigInt64Array, Float32Array] {
  return [BigInt64Array.from(winners, ([winner]) => BigInt(winner)), Float32Array.from(winners, ([, probability]) => probability)];
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
    const result = decodeCtc(...probabilities, CHARACTERS);
    expect(result.text).toBe('≥955%');
    expect(result.confidence).toBeCloseTo((0.9 + 1 + 0.7 + 0.9 + 0.6) / 5, 5);
    expect(result.lowest).toBeCloseTo(0.6, 5);
    expect(result.characters).toEqual(['≥', '9', '5', '5', '%']);
    // Each character where its first step lies, as a share of the line.
    expect(result.positions).toEqual([1.5 / 9, 3.5 / 9, 5.5 / 9, 7.5 / 9, 8.5 / 9]);
  });

  it('reads nothing from blanks only', () => {
    expect(decodeCtc(...steps([[0, 1]]), CHARACTERS)).toMatchObject({ text: '', confidence: 0, lowest: 0, positions: [] });
  });
});

describe('cropLine', () => {
  /** The crop as sharp made it before the margin was added in JavaScript: extract, extend with white, then scale. */
  async function throughSharp(image: GreyImage, box: [number, number, number, number], verticalPad: number): Promise<GreyImage> {
    const left = Math.floor(box[0]);
    const top = Math.floor(box[1]);
    const width = Math.ceil(box[2]) - left;
    const height = Math.ceil(box[3]) - top;
    const pad = Math.round(height * 0.25);
    const padY = Math.round(height * verticalPad);
    const padded = await toGreyRaw(
      greySharp(image).extract({ left, top, width, height }).extend({ left: pad, right: pad, top: padY, bottom: padY, background: '#ffffff' }),
    );
    const scaled = Math.max(16, Math.ceil((48 * (width + 2 * pad)) / (height + 2 * padY)));
    return toGreyRaw(greySharp(padded).resize({ width: scaled, height: 48, fit: 'fill' }));
  }

  it('makes the same pixels as cutting and padding with sharp', async () => {
    const page = await decodeGrey(new Uint8Array(await readFile(new URL('./testdata/table.png', import.meta.url))));
    for (const box of [
      [10.4, 20.7, 300.2, 61.9],
      [0, 0, 45, 30],
      [page.width - 80, page.height - 40, page.width, page.height],
    ] as [number, number, number, number][]) {
      for (const verticalPad of [0, 0.15]) {
        const ours = await cropLine(page, box, verticalPad);
        const reference = await throughSharp(page, box, verticalPad);
        expect(ours && { width: ours.width, height: ours.height }).toEqual({ width: reference.width, height: reference.height });
        expect(Buffer.compare(Buffer.from(ours!.data), Buffer.from(reference.data))).toBe(0);
      }
    }
  });
});

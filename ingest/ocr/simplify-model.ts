// The PP-OCRv4 models as exported from Paddle spell every activation out in small steps: a
// convolution, then a learnable scale and shift (Mul, Add), then hard-swish as Add 3 → Clip 0..6 →
// Mul → Div 6, then another scale and shift. onnxruntime fuses none of these, and profiled on two
// cores they took more than a third of recognition's time: each is one more pass over a large
// tensor, and each breaks the blocked memory layout the convolutions run in. The same arithmetic
// is written here with fewer operators before the sessions are made:
//   conv → ×s → +b                 the scale and shift go into the convolution's weights and bias
//   a·clip(a+3, 0, 6)/6            a·HardSigmoid(a; 1/6, 0.5), the same function in two operators
//   hard-swish → ×s → +b → conv    the scale goes into the next convolution's weights; the shift
//                                  into its bias when it is 1×1 and unpadded, else it stays as +b/s
// Each is exact in arithmetic; outputs differ from the original model's by float rounding (about
// 1e-6 in a recogniser probability), which changes no reading.
import {
  constantNode,
  constantTensor,
  floatAttribute,
  floatAttributeBytes,
  intsAttribute,
  readGraph,
  stringAttribute,
  writeGraph,
  type FloatTensor,
  type OnnxGraph,
  type OnnxNode,
} from './onnx-graph.ts';

export interface Simplified {
  model: Uint8Array;
  /** how many of each rewrite were made */
  rewrites: { convAffine: number; hardSwish: number; affineIntoNextConv: number };
}

/** Who makes and who reads each value, rebuilt after each rewrite pass. */
interface Index {
  producer: Map<string, OnnxNode>;
  readers: Map<string, OnnxNode[]>;
}

function index(graph: OnnxGraph): Index {
  const producer = new Map<string, OnnxNode>();
  const readers = new Map<string, OnnxNode[]>();
  for (const node of graph.nodes) {
    for (const output of node.outputs) producer.set(output, node);
    for (const input of node.inputs) {
      const list = readers.get(input);
      if (list) list.push(node);
      else readers.set(input, [node]);
    }
  }
  return { producer, readers };
}

export function simplifyModel(model: Uint8Array): Simplified {
  const graph = readGraph(model);
  const rewrites = { convAffine: foldConvAffine(graph), hardSwish: 0, affineIntoNextConv: 0 };
  rewrites.hardSwish = fuseHardSwish(graph);
  rewrites.affineIntoNextConv = foldAffineIntoNextConv(graph);
  dropUnusedConstants(graph);
  return { model: writeGraph(graph), rewrites };
}

/** The only reader of `value`, when it has exactly one and is not a graph output. */
function onlyReader(graph: OnnxGraph, { readers }: Index, value: string): OnnxNode | null {
  const list = readers.get(value) ?? [];
  return list.length === 1 && !graph.outputs.has(value) ? list[0]! : null;
}

function scalar({ producer }: Index, value: string): number | null {
  const tensor = constantTensor(producer.get(value), 1);
  return tensor ? tensor.data[0]! : null;
}

/** For a two-input Mul or Add of `value` and a scalar constant, the scalar. */
function scalarOperand(at: Index, node: OnnxNode, opType: string, value: string): number | null {
  if (node.opType !== opType || node.domain !== '' || node.inputs.length !== 2) return null;
  const other = node.inputs[0] === value ? node.inputs[1]! : node.inputs[1] === value ? node.inputs[0]! : null;
  return other === null ? null : scalar(at, other);
}

/** `value` → ×s → +b: the scale, the shift and the Add whose output is the result; null when the chain is not there. */
function affineAfter(graph: OnnxGraph, at: Index, value: string): { scale: number; shift: number; mul: OnnxNode; add: OnnxNode } | null {
  const mul = onlyReader(graph, at, value);
  const scale = mul && scalarOperand(at, mul, 'Mul', value);
  if (!mul || scale === null) return null;
  const add = onlyReader(graph, at, mul.outputs[0]!);
  const shift = add && scalarOperand(at, add, 'Add', mul.outputs[0]!);
  if (!add || shift === null) return null;
  return { scale, shift, mul, add };
}

/** A plain Conv's weights and bias (zeros when it has none), when both are constants. */
function convParameters(at: Index, conv: OnnxNode): { weights: FloatTensor; bias: FloatTensor } | null {
  if (conv.opType !== 'Conv' || conv.domain !== '') return null;
  const weights = constantTensor(at.producer.get(conv.inputs[1] ?? ''));
  if (!weights || weights.dims.length < 3) return null;
  const channels = weights.dims[0]!;
  const bias = conv.inputs[2] ? constantTensor(at.producer.get(conv.inputs[2])) : { dims: [channels], data: new Float32Array(channels) };
  return bias && bias.data.length === channels ? { weights, bias } : null;
}

function remove(graph: OnnxGraph, gone: Set<OnnxNode>, added: OnnxNode[] = []): void {
  graph.nodes = [...added, ...graph.nodes.filter((node) => !gone.has(node))];
}

let serial = 0;
const freshName = (base: string) => `${base}.simplified${++serial}`;

/** conv → ×s → +b becomes one conv with weights s·W and bias s·B + b. */
function foldConvAffine(graph: OnnxGraph): number {
  const at = index(graph);
  const gone = new Set<OnnxNode>();
  const added: OnnxNode[] = [];
  for (const conv of graph.nodes) {
    const parameters = convParameters(at, conv);
    const affine = parameters && affineAfter(graph, at, conv.outputs[0]!);
    if (!parameters || !affine) continue;
    const { weights, bias } = parameters;
    const newWeights = constantNode(freshName(conv.inputs[1]!), { dims: weights.dims, data: weights.data.map((w) => w * affine.scale) });
    const newBias = constantNode(freshName(`${conv.outputs[0]}.bias`), { dims: [bias.data.length], data: bias.data.map((b) => b * affine.scale + affine.shift) });
    added.push(newWeights, newBias);
    conv.inputs = [conv.inputs[0]!, newWeights.outputs[0]!, newBias.outputs[0]!];
    conv.outputs = [affine.add.outputs[0]!];
    conv.encoded = null;
    gone.add(affine.mul).add(affine.add);
  }
  remove(graph, gone, added);
  return gone.size / 2;
}

/** The Clip's bounds, from its attributes (opset < 11) or its constant inputs. */
function clipBounds(at: Index, clip: OnnxNode): [number | null, number | null] {
  if (clip.inputs.length > 1) return [scalar(at, clip.inputs[1] ?? ''), scalar(at, clip.inputs[2] ?? '')];
  return [floatAttribute(clip, 'min'), floatAttribute(clip, 'max')];
}

/** a → +3 → Clip(0, 6) → ×a → ÷6 becomes HardSigmoid(a; alpha 1/6, beta 0.5) → ×a. */
function fuseHardSwish(graph: OnnxGraph): number {
  const at = index(graph);
  const gone = new Set<OnnxNode>();
  const replaced = new Map<OnnxNode, OnnxNode[]>();
  let count = 0;
  for (const clip of graph.nodes) {
    if (clip.opType !== 'Clip' || clip.domain !== '') continue;
    const [low, high] = clipBounds(at, clip);
    if (low !== 0 || high !== 6) continue;
    const plus3 = at.producer.get(clip.inputs[0]!);
    if (!plus3 || onlyReader(graph, at, plus3.outputs[0]!) !== clip) continue;
    const a = plus3.inputs.find((input) => scalarOperand(at, plus3, 'Add', input) === 3);
    if (a === undefined) continue;
    const times = onlyReader(graph, at, clip.outputs[0]!);
    if (!times || times.opType !== 'Mul' || !times.inputs.includes(a) || !times.inputs.includes(clip.outputs[0]!)) continue;
    const divide = onlyReader(graph, at, times.outputs[0]!);
    if (!divide || divide.opType !== 'Div' || divide.inputs[0] !== times.outputs[0] || scalar(at, divide.inputs[1] ?? '') !== 6) continue;
    const gate = freshName(`${divide.outputs[0]}.gate`);
    replaced.set(divide, [
      { opType: 'HardSigmoid', name: gate, domain: '', inputs: [a], outputs: [gate], attributes: [floatAttributeBytes('alpha', 1 / 6), floatAttributeBytes('beta', 0.5)], encoded: null },
      { opType: 'Mul', name: freshName(divide.name), domain: '', inputs: [a, gate], outputs: [divide.outputs[0]!], attributes: [], encoded: null },
    ]);
    gone.add(plus3).add(clip).add(times);
    count++;
  }
  graph.nodes = graph.nodes.flatMap((node) => (gone.has(node) ? [] : (replaced.get(node) ?? [node])));
  return count;
}

function isHardSwishOutput(at: Index, value: string): boolean {
  const mul = at.producer.get(value);
  const gate = mul?.opType === 'Mul' ? at.producer.get(mul.inputs[1] ?? '') : undefined;
  return gate?.opType === 'HardSigmoid' && gate.inputs[0] === mul!.inputs[0];
}

/** Whether the conv reads each input pixel alone: a 1×1 kernel, no padding. */
function isPointwise(conv: OnnxNode): boolean {
  const kernel = intsAttribute(conv, 'kernel_shape');
  const pads = intsAttribute(conv, 'pads') ?? [];
  const autoPad = stringAttribute(conv, 'auto_pad') ?? 'NOTSET';
  return kernel !== null && kernel.every((k) => k === 1) && pads.every((p) => p === 0) && (autoPad === 'NOTSET' || autoPad === 'VALID');
}

/**
 * h → ×s → +b → conv, h a hard-swish: conv(s·h + b) = conv with weights s·W over (h + b/s), since
 * the zeros the conv pads with stay zeros. A 1×1 unpadded conv takes the shift into its bias too
 * (B + b·ΣW), and the Add goes.
 */
function foldAffineIntoNextConv(graph: OnnxGraph): number {
  const at = index(graph);
  const gone = new Set<OnnxNode>();
  const added: OnnxNode[] = [];
  let count = 0;
  for (const node of graph.nodes) {
    const h = node.outputs[0];
    if (h === undefined || !isHardSwishOutput(at, h)) continue;
    const affine = affineAfter(graph, at, h);
    if (!affine || affine.scale === 0) continue;
    const conv = onlyReader(graph, at, affine.add.outputs[0]!);
    const parameters = conv && conv.inputs[0] === affine.add.outputs[0] ? convParameters(at, conv) : null;
    if (!conv || !parameters) continue;
    const { weights, bias } = parameters;
    const newWeights = constantNode(freshName(conv.inputs[1]!), { dims: weights.dims, data: weights.data.map((w) => w * affine.scale) });
    added.push(newWeights);
    gone.add(affine.mul);
    if (isPointwise(conv)) {
      const perChannel = weights.data.length / bias.data.length;
      const newBias = bias.data.map((b, channel) => {
        let sum = 0;
        for (let i = 0; i < perChannel; i++) sum += weights.data[channel * perChannel + i]!;
        return b + affine.shift * sum;
      });
      const biasNode = constantNode(freshName(`${conv.outputs[0]}.bias`), { dims: [newBias.length], data: newBias });
      added.push(biasNode);
      conv.inputs = [h, newWeights.outputs[0]!, biasNode.outputs[0]!];
      gone.add(affine.add);
    } else {
      const shift = constantNode(freshName(`${affine.add.outputs[0]}.shift`), { dims: [], data: Float32Array.of(affine.shift / affine.scale) });
      added.push(shift);
      affine.add.inputs = [h, shift.outputs[0]!];
      affine.add.encoded = null;
      conv.inputs = [affine.add.outputs[0]!, newWeights.outputs[0]!, ...conv.inputs.slice(2)];
    }
    conv.encoded = null;
    count++;
  }
  remove(graph, gone, added);
  return count;
}

/** Constants no node reads any more (the replaced weights and the 3s and 6s), which onnxruntime would warn about. */
function dropUnusedConstants(graph: OnnxGraph): void {
  const read = new Set(graph.nodes.flatMap((node) => node.inputs));
  graph.nodes = graph.nodes.filter((node) => node.opType !== 'Constant' || node.outputs.some((output) => read.has(output) || graph.outputs.has(output)));
}

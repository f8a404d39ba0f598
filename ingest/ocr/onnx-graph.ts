// The few parts of an ONNX model's protobuf encoding that simplify-model.ts needs: the graph's nodes
// read into plain objects, float constants read and made, and the model written back. Everything
// else (weights of untouched nodes, metadata, opsets) is carried over byte for byte, so no schema
// library is needed for the one rewrite this project makes.
import { endianness } from 'node:os';

/** One field of a protobuf message: its number, wire type, value (a number or the bytes it holds) and its own encoding. */
interface Field {
  no: number;
  wire: number;
  value: bigint | Uint8Array;
  encoded: Uint8Array;
}

export interface OnnxNode {
  opType: string;
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** each AttributeProto as encoded */
  attributes: Uint8Array[];
  /** the NodeProto as read; null once the node is changed or made here, so it is encoded anew */
  encoded: Uint8Array | null;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  /** names of the graph's outputs: values that must keep their producer */
  outputs: Set<string>;
  /** the model's and the graph's other fields, as read */
  modelFields: Field[];
  graphFields: Field[];
}

/** A float tensor held by a Constant node. */
export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

// Field numbers from onnx.proto.
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const VALUE_INFO_NAME = 1;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
const ATTRIBUTE_NAME = 1;
const ATTRIBUTE_FLOAT = 2;
const ATTRIBUTE_STRING = 4;
const ATTRIBUTE_TENSOR = 5;
const ATTRIBUTE_INTS = 8;
const ATTRIBUTE_TYPE = 20;
const ATTRIBUTE_TYPE_FLOAT = 1;
const ATTRIBUTE_INT = 3;
const ATTRIBUTE_TYPE_INT = 2;
const ATTRIBUTE_TYPE_INTS = 7;
const ATTRIBUTE_TYPE_TENSOR = 4;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_FLOAT_DATA = 4;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const DATA_TYPE_FLOAT = 1;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** ONNX stores tensors little-endian; on such a machine (every one Node runs on today) they are copied, not converted. */
const LITTLE_ENDIAN = endianness() === 'LE';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function readVarint(bytes: Uint8Array, at: { p: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.p >= bytes.length) throw new Error('ONNX model: a number runs past the end of its message');
    const byte = bytes[at.p++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return result;
    shift += 7n;
  }
}

function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  const at = { p: 0 };
  while (at.p < bytes.length) {
    const start = at.p;
    const key = Number(readVarint(bytes, at));
    const no = key >>> 3;
    const wire = key & 7;
    let value: bigint | Uint8Array;
    if (wire === WIRE_VARINT) value = readVarint(bytes, at);
    else {
      const length = wire === WIRE_BYTES ? Number(readVarint(bytes, at)) : wire === WIRE_FIXED32 ? 4 : wire === WIRE_FIXED64 ? 8 : -1;
      if (length < 0) throw new Error(`ONNX model: unsupported wire type ${wire}`);
      if (at.p + length > bytes.length) throw new Error('ONNX model: a field runs past the end of its message');
      value = bytes.subarray(at.p, at.p + length);
      at.p += length;
    }
    fields.push({ no, wire, value, encoded: bytes.subarray(start, at.p) });
  }
  return fields;
}

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The key and length that open a length-delimited field. */
function header(no: number, length: number): Uint8Array {
  return new Uint8Array([...varint((no << 3) | WIRE_BYTES), ...varint(length)]);
}

function bytesField(no: number, bytes: Uint8Array): Uint8Array {
  return concat([header(no, bytes.length), bytes]);
}

function varintField(no: number, value: number): Uint8Array {
  return new Uint8Array([...varint((no << 3) | WIRE_VARINT), ...varint(value)]);
}

function floatField(no: number, value: number): Uint8Array {
  const out = new Uint8Array([...varint((no << 3) | WIRE_FIXED32), 0, 0, 0, 0]);
  new DataView(out.buffer).setFloat32(out.length - 4, value, true);
  return out;
}

const text = (field: Field) => fromUtf8.decode(field.value as Uint8Array);
const bytesOf = (fields: Field[], no: number) => fields.filter((field) => field.no === no && field.wire === WIRE_BYTES);

export function readGraph(model: Uint8Array): OnnxGraph {
  const modelFields = readFields(model);
  const graphField = modelFields.find((field) => field.no === MODEL_GRAPH && field.wire === WIRE_BYTES);
  if (!graphField) throw new Error('ONNX model: no graph');
  const graphFields = readFields(graphField.value as Uint8Array);
  const nodes = bytesOf(graphFields, GRAPH_NODE).map((field): OnnxNode => {
    const encoded = field.value as Uint8Array;
    const fields = readFields(encoded);
    const strings = (no: number) => bytesOf(fields, no).map(text);
    return {
      opType: strings(NODE_OP_TYPE)[0] ?? '',
      name: strings(NODE_NAME)[0] ?? '',
      domain: strings(NODE_DOMAIN)[0] ?? '',
      inputs: strings(NODE_INPUT),
      outputs: strings(NODE_OUTPUT),
      attributes: bytesOf(fields, NODE_ATTRIBUTE).map((attribute) => attribute.value as Uint8Array),
      encoded,
    };
  });
  const outputs = new Set(
    bytesOf(graphFields, GRAPH_OUTPUT).flatMap((output) => bytesOf(readFields(output.value as Uint8Array), VALUE_INFO_NAME).map(text)),
  );
  return { nodes, outputs, modelFields, graphFields };
}

function encodeNode(node: OnnxNode): Uint8Array {
  return concat([
    ...node.inputs.map((input) => bytesField(NODE_INPUT, utf8.encode(input))),
    ...node.outputs.map((output) => bytesField(NODE_OUTPUT, utf8.encode(output))),
    bytesField(NODE_NAME, utf8.encode(node.name)),
    bytesField(NODE_OP_TYPE, utf8.encode(node.opType)),
    ...node.attributes.map((attribute) => bytesField(NODE_ATTRIBUTE, attribute)),
    ...(node.domain ? [bytesField(NODE_DOMAIN, utf8.encode(node.domain))] : []),
  ]);
}

/** The model with the graph's nodes replaced by `graph.nodes`, in their order (which must stay topological). */
export function writeGraph(graph: OnnxGraph): Uint8Array {
  // Gathered as parts and copied once: the weights are most of the model's megabytes.
  const graphParts = graph.nodes.flatMap((node) => {
    const encoded = node.encoded ?? encodeNode(node);
    return [header(GRAPH_NODE, encoded.length), encoded];
  });
  graphParts.push(...graph.graphFields.filter((field) => field.no !== GRAPH_NODE).map((field) => field.encoded));
  const graphLength = graphParts.reduce((sum, part) => sum + part.length, 0);
  return concat(graph.modelFields.flatMap((field) => (field.no === MODEL_GRAPH ? [header(MODEL_GRAPH, graphLength), ...graphParts] : [field.encoded])));
}

function attribute(node: OnnxNode, name: string): Field[] | null {
  for (const encoded of node.attributes) {
    const fields = readFields(encoded);
    const own = fields.find((field) => field.no === ATTRIBUTE_NAME);
    if (own && text(own) === name) return fields;
  }
  return null;
}

export function floatAttribute(node: OnnxNode, name: string): number | null {
  const value = attribute(node, name)?.find((field) => field.no === ATTRIBUTE_FLOAT && field.wire === WIRE_FIXED32);
  return value ? littleEndianFloat(value.value as Uint8Array) : null;
}

export function stringAttribute(node: OnnxNode, name: string): string | null {
  const value = attribute(node, name)?.find((field) => field.no === ATTRIBUTE_STRING && field.wire === WIRE_BYTES);
  return value ? text(value) : null;
}

export function intsAttribute(node: OnnxNode, name: string): number[] | null {
  const fields = attribute(node, name);
  if (!fields) return null;
  const ints: number[] = [];
  for (const field of fields.filter((f) => f.no === ATTRIBUTE_INTS)) {
    if (field.wire === WIRE_VARINT) ints.push(Number(BigInt.asIntN(64, field.value as bigint)));
    else {
      // packed
      const packed = field.value as Uint8Array;
      const at = { p: 0 };
      while (at.p < packed.length) ints.push(Number(BigInt.asIntN(64, readVarint(packed, at))));
    }
  }
  return ints;
}

export function floatAttributeBytes(name: string, value: number): Uint8Array {
  return concat([bytesField(ATTRIBUTE_NAME, utf8.encode(name)), floatField(ATTRIBUTE_FLOAT, value), varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT)]);
}

function littleEndianFloat(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat32(offset, true);
}

/**
 * The float tensor a Constant node holds (raw or listed data); null for anything else, or when it
 * has more than `maxSize` values (a scalar is looked for far more often than weights are read).
 */
export function constantTensor(node: OnnxNode | undefined, maxSize = Infinity): FloatTensor | null {
  if (!node || node.opType !== 'Constant' || node.domain !== '') return null;
  const tensor = attribute(node, 'value')?.find((field) => field.no === ATTRIBUTE_TENSOR && field.wire === WIRE_BYTES);
  if (!tensor) return null;
  const fields = readFields(tensor.value as Uint8Array);
  if (fields.find((field) => field.no === TENSOR_DATA_TYPE)?.value !== BigInt(DATA_TYPE_FLOAT)) return null;
  const dims = fields.filter((field) => field.no === TENSOR_DIMS && field.wire === WIRE_VARINT).map((field) => Number(field.value));
  const size = dims.reduce((product, dim) => product * dim, 1);
  if (size > maxSize) return null;
  const raw = fields.find((field) => field.no === TENSOR_RAW_DATA && field.wire === WIRE_BYTES);
  const parts = raw ? [raw] : fields.filter((field) => field.no === TENSOR_FLOAT_DATA && field.wire !== WIRE_VARINT);
  const bytes = concat(parts.map((part) => part.value as Uint8Array));
  if (bytes.length !== size * 4) return null;
  if (LITTLE_ENDIAN) return { dims, data: new Float32Array(bytes.buffer, bytes.byteOffset, size) };
  const data = new Float32Array(size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < size; i++) data[i] = view.getFloat32(i * 4, true);
  return { dims, data };
}

// TensorProto.DataType values, for graph outputs added here.
export const ELEMENT_FLOAT = 1;
export const ELEMENT_INT64 = 7;
const VALUE_INFO_TYPE = 2;
const TYPE_TENSOR = 1;
const TENSOR_TYPE_ELEMENT = 1;

/** Makes `name` (a value some node outputs) one of the graph's outputs, a tensor of `element` of any shape. */
export function addGraphOutput(graph: OnnxGraph, name: string, element: number): void {
  const type = bytesField(TYPE_TENSOR, varintField(TENSOR_TYPE_ELEMENT, element));
  const info = concat([bytesField(VALUE_INFO_NAME, utf8.encode(name)), bytesField(VALUE_INFO_TYPE, type)]);
  graph.graphFields.push({ no: GRAPH_OUTPUT, wire: WIRE_BYTES, value: info, encoded: bytesField(GRAPH_OUTPUT, info) });
  graph.outputs.add(name);
}

/** An attribute holding one integer. */
export function intAttributeBytes(name: string, value: number): Uint8Array {
  return concat([bytesField(ATTRIBUTE_NAME, utf8.encode(name)), varintField(ATTRIBUTE_INT, value), varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT)]);
}

/** An attribute holding a list of integers. */
export function intsAttributeBytes(name: string, values: number[]): Uint8Array {
  return concat([bytesField(ATTRIBUTE_NAME, utf8.encode(name)), ...values.map((value) => varintField(ATTRIBUTE_INTS, value)), varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS)]);
}

/** A Constant node holding `tensor` under `name`. */
export function constantNode(name: string, tensor: FloatTensor): OnnxNode {
  let data: Uint8Array;
  if (LITTLE_ENDIAN) data = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  else {
    data = new Uint8Array(tensor.data.length * 4);
    const view = new DataView(data.buffer);
    tensor.data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  }
  const encodedTensor = concat([
    ...tensor.dims.map((dim) => varintField(TENSOR_DIMS, dim)),
    varintField(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT),
    bytesField(TENSOR_NAME, utf8.encode(name)),
    bytesField(TENSOR_RAW_DATA, data),
  ]);
  const value = concat([bytesField(ATTRIBUTE_NAME, utf8.encode('value')), bytesField(ATTRIBUTE_TENSOR, encodedTensor), varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_TENSOR)]);
  return { opType: 'Constant', name: `${name}.constant`, domain: '', inputs: [], outputs: [name], attributes: [value], encoded: null };
}

// ONNX models built in the tests, encoded with the same protobuf classes tconv decodes with (onnx-proto on
// protobufjs): a graph of nodes with attributes, float initializers (raw_data or float_data) and typed inputs.
import { onnx } from 'onnx-proto';

/** An attribute value: integer → INT, other number → FLOAT, number[] → INTS, string → STRING, { floats } → FLOATS. */
export type AttributeValue = number | readonly number[] | string | { readonly floats: readonly number[] };

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface InitializerSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: ArrayLike<number>;
  /** float (default), double or int64. */
  readonly type?: 'float' | 'double' | 'int64';
  /** raw_data (default, little-endian as ONNX stores it) or the typed repeated field (float_data…). */
  readonly encoding?: 'raw' | 'field';
}

export interface ValueSpec {
  readonly name: string;
  /** Dimensions; a string is a symbolic dimension (dim_param). Omitted: no shape. */
  readonly shape?: readonly (number | string)[];
}

export interface ModelSpec {
  readonly inputs: readonly ValueSpec[];
  readonly outputs: readonly ValueSpec[];
  readonly nodes: readonly NodeSpec[];
  readonly initializers?: readonly InitializerSpec[];
  readonly graphName?: string;
  readonly opset?: number;
}

const AttributeType = onnx.AttributeProto.AttributeType;
const DataType = onnx.TensorProto.DataType;

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: [...value.floats] };
  return { name, type: AttributeType.INTS, ints: [...(value as readonly number[])] };
}

export function tensor(spec: InitializerSpec): onnx.ITensorProto {
  const type = spec.type ?? 'float';
  const count = spec.dims.reduce((a, b) => a * b, 1);
  if (count !== spec.values.length)
    throw new Error(`${spec.name}: dims hold ${count} values, got ${spec.values.length}`);
  const dataType = type === 'float' ? DataType.FLOAT : type === 'double' ? DataType.DOUBLE : DataType.INT64;
  const base = { name: spec.name, dims: [...spec.dims], dataType };
  const values = Array.from(spec.values);
  if (spec.encoding === 'field') {
    if (type === 'float') return { ...base, floatData: values };
    if (type === 'double') return { ...base, doubleData: values };
    return { ...base, int64Data: values };
  }
  const width = type === 'float' ? 4 : 8;
  const raw = new Uint8Array(width * count);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => {
    if (type === 'float') view.setFloat32(4 * i, v, true);
    else if (type === 'double') view.setFloat64(8 * i, v, true);
    else view.setBigInt64(8 * i, BigInt(v), true);
  });
  return { ...base, rawData: raw };
}

function valueInfo(spec: ValueSpec): onnx.IValueInfoProto {
  const tensorType: onnx.TypeProto.ITensor = { elemType: DataType.FLOAT };
  if (spec.shape)
    tensorType.shape = { dim: spec.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) };
  return { name: spec.name, type: { tensorType } };
}

/** ModelProto bytes (IR 8, opset 17 unless given). */
export function buildModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'tconv-tests',
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: spec.graphName ?? 'test_graph',
      node: spec.nodes.map((n, i) => ({
        opType: n.op,
        name: n.name ?? `${n.op.toLowerCase()}${i}`,
        input: [...n.inputs],
        output: [...n.outputs],
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: (spec.initializers ?? []).map(tensor),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Deterministic values in [-1, 1) (a linear congruential generator), rounded to float32. */
export function seeded(count: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  return Float32Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

export interface ConvLayerSpec {
  readonly op: 'Conv' | 'ConvTranspose';
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: readonly number[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly group?: number;
  readonly bias?: boolean;
  readonly name?: string;
}

/**
 * A chain of Conv / ConvTranspose nodes X → t1 → … → Y with seeded weights (and biases), in ONNX's layouts:
 * ConvTranspose (C_in, C_out/group, …k), Conv (C_out, C_in/group, …k). `between` inserts element-wise nodes after
 * layer i (by index) as extra nodes.
 */
export function convChain(
  inputShape: readonly (number | string)[],
  layers: readonly ConvLayerSpec[],
  options: { readonly between?: Readonly<Record<number, string>> } = {},
): { bytes: Uint8Array; nodes: NodeSpec[]; initializers: InitializerSpec[] } {
  const nodes: NodeSpec[] = [];
  const initializers: InitializerSpec[] = [];
  let current = 'X';
  layers.forEach((l, i) => {
    const group = l.group ?? 1;
    const dims =
      l.op === 'ConvTranspose'
        ? [l.inChannels, l.outChannels / group, ...l.kernel]
        : [l.outChannels, l.inChannels / group, ...l.kernel];
    const w = `W${i}`;
    // PyTorch's default init scale, uniform in ±1/√fan_in (fan_in = weight.size(1)·k), so values stay O(1).
    const bound = 1 / Math.sqrt(dims.slice(1).reduce((a, b) => a * b, 1));
    const count = dims.reduce((a, b) => a * b, 1);
    initializers.push({ name: w, dims, values: seeded(count, 17 + i).map((v) => Math.fround(v * bound)) });
    const inputs = [current, w];
    if (l.bias) {
      initializers.push({ name: `B${i}`, dims: [l.outChannels], values: seeded(l.outChannels, 101 + i) });
      inputs.push(`B${i}`);
    }
    const output = i === layers.length - 1 && !options.between?.[i] ? 'Y' : `t${i}`;
    nodes.push({
      op: l.op,
      name: l.name ?? `${l.op === 'Conv' ? 'conv' : 'up'}${i}`,
      inputs,
      outputs: [output],
      attributes: { kernel_shape: l.kernel, ...(group !== 1 ? { group } : {}), ...l.attributes },
    });
    current = output;
    const extra = options.between?.[i];
    if (extra) {
      const out = i === layers.length - 1 ? 'Y' : `a${i}`;
      nodes.push({ op: extra, name: `${extra.toLowerCase()}${i}`, inputs: [current], outputs: [out] });
      current = out;
    }
  });
  const bytes = buildModel({
    inputs: [{ name: 'X', shape: inputShape }],
    outputs: [{ name: 'Y' }],
    nodes,
    initializers,
  });
  return { bytes, nodes, initializers };
}

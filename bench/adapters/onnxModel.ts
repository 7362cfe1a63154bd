// A one-node ONNX model — Y = ConvTranspose(X, W[, B]) — built in memory as ModelProto bytes, for the
// onnxruntime-web peer. No .onnx file, no onnx package: a protobuf encoder for exactly the fields below.
//
// Field numbers are those of onnx/onnx.proto (proto2; repeated scalars are written unpacked, which every
// protobuf parser accepts):
//   ModelProto          ir_version 1 (int64), graph 7, opset_import 8
//   OperatorSetIdProto  domain 1, version 2 (int64)
//   GraphProto          node 1, name 2, initializer 5, input 11, output 12
//   NodeProto           input 1, output 2, name 3, op_type 4, attribute 5
//   AttributeProto      name 1, i 3 (int64), ints 8 (repeated int64), type 20 (INT = 2, INTS = 7)
//   TensorProto         dims 1 (repeated int64), data_type 2 (FLOAT = 1), name 8, raw_data 9 (little-endian)
//   ValueInfoProto      name 1, type 2
//   TypeProto           tensor_type 1 → TypeProto.Tensor: elem_type 1, shape 2
//   TensorShapeProto    dim 1 → Dimension: dim_value 1 (int64)

/** Protobuf wire types used here. */
const VARINT = 0;
const LENGTH_DELIMITED = 2;

/** One protobuf message being written: fields are appended in call order. */
export class ProtoWriter {
  /** Finished pieces (tags, lengths and small values collected in `pending`, large payloads as they are). */
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];

  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`protobuf: only non-negative safe integers are encoded here (got ${value})`);
    let v = value;
    while (v >= 0x80) {
      this.pending.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.pending.push(v);
  }

  private flush(): void {
    if (this.pending.length) this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  /** int32 / int64 / enum field (non-negative values only: all this model needs). */
  int(field: number, value: number): this {
    this.tag(field, VARINT);
    this.rawVarint(value);
    return this;
  }

  /** A repeated int64 field, unpacked (one tagged varint per element, proto2's default). */
  ints(field: number, values: readonly number[]): this {
    for (const v of values) this.int(field, v);
    return this;
  }

  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, LENGTH_DELIMITED);
    this.rawVarint(data.length);
    this.flush();
    this.chunks.push(data);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  message(field: number, sub: ProtoWriter): this {
    return this.bytesField(field, sub.finish());
  }

  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const msg = () => new ProtoWriter();

const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;
const TENSOR_FLOAT = 1;

/** ONNX's IR version 8 goes with opset 17 (ONNX 1.12), where ConvTranspose is version 11. */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

function intAttribute(name: string, value: number): ProtoWriter {
  return msg().string(1, name).int(3, value).int(20, ATTRIBUTE_INT);
}

function intsAttribute(name: string, values: readonly number[]): ProtoWriter {
  return msg().string(1, name).ints(8, values).int(20, ATTRIBUTE_INTS);
}

/** A float32 initializer; raw_data holds the values little-endian, as ONNX requires. */
function floatTensor(name: string, dims: readonly number[], data: Float32Array): ProtoWriter {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`onnx tensor ${name}: dims ${dims.join('×')} hold ${count} values, got ${data.length}`);
  const raw = new Uint8Array(4 * data.length);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return msg().ints(1, dims).int(2, TENSOR_FLOAT).string(8, name).bytesField(9, raw);
}

/** A float32 graph input/output; dims omitted = shape left to inference (used for Y). */
function floatValueInfo(name: string, dims?: readonly number[]): ProtoWriter {
  const tensorType = msg().int(1, TENSOR_FLOAT);
  if (dims) {
    const shape = msg();
    for (const d of dims) shape.message(1, msg().int(1, d));
    tensorType.message(2, shape);
  }
  return msg().string(1, name).message(2, msg().message(1, tensorType));
}

export interface ConvTransposeModelSpec {
  /** NCHW input shape; the graph input is named X. */
  readonly inputShape: readonly [number, number, number, number];
  /** Weight in ONNX's (and PyTorch's) ConvTranspose layout (C_in, C_out / group, kH, kW); an initializer named W. */
  readonly weight: { readonly shape: readonly [number, number, number, number]; readonly data: Float32Array };
  /** Optional bias (C_out), an initializer named B. */
  readonly bias?: Float32Array;
  readonly strides: readonly [number, number];
  /** PyTorch's symmetric padding (pH, pW), written as ONNX pads [pH, pW, pH, pW] (begins, then ends). */
  readonly padding: readonly [number, number];
  readonly outputPadding: readonly [number, number];
  readonly dilations: readonly [number, number];
  readonly group: number;
}

/**
 * ModelProto bytes of Y = ConvTranspose(X, W[, B]), float32. Y's shape is left to onnxruntime's inference,
 * which follows the same formula as PyTorch: (H − 1)·s − 2p + d·(k − 1) + output_padding + 1.
 */
export function convTransposeModel(spec: ConvTransposeModelSpec): Uint8Array {
  const [, cOutPerGroup, kH, kW] = spec.weight.shape;
  const [pH, pW] = spec.padding;
  const inputs = spec.bias ? ['X', 'W', 'B'] : ['X', 'W'];
  const node = msg();
  for (const name of inputs) node.string(1, name);
  node
    .string(2, 'Y')
    .string(3, 'convTranspose')
    .string(4, 'ConvTranspose')
    .message(5, intsAttribute('kernel_shape', [kH, kW]))
    .message(5, intsAttribute('strides', spec.strides))
    .message(5, intsAttribute('pads', [pH, pW, pH, pW]))
    .message(5, intsAttribute('dilations', spec.dilations))
    .message(5, intsAttribute('output_padding', spec.outputPadding))
    .message(5, intAttribute('group', spec.group));

  const graph = msg()
    .message(1, node)
    .string(2, 'tconv_bench_conv_transpose')
    .message(5, floatTensor('W', spec.weight.shape, spec.weight.data));
  if (spec.bias) {
    const cOut = cOutPerGroup * spec.group;
    if (spec.bias.length !== cOut) throw new Error(`onnx bias: expected ${cOut} values, got ${spec.bias.length}`);
    graph.message(5, floatTensor('B', [cOut], spec.bias));
  }
  graph.message(11, floatValueInfo('X', spec.inputShape)).message(12, floatValueInfo('Y'));

  return msg().int(1, ONNX_IR_VERSION).message(7, graph).message(8, msg().string(1, '').int(2, ONNX_OPSET)).finish();
}

// One-node ONNX models (ConvTranspose or Conv) with every padding attribute, built in memory for onnxruntime-web:
// pads, auto_pad (a STRING attribute), output_shape, output_padding. The protobuf writer is the bench's
// (bench/adapters/onnxModel.ts); the field numbers are listed there.
import { ProtoWriter, ONNX_IR_VERSION, ONNX_OPSET } from '../../../bench/adapters/onnxModel';

const msg = () => new ProtoWriter();
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_STRING = 3;
const ATTRIBUTE_INTS = 7;
const TENSOR_FLOAT = 1;

export interface OnnxPadNode {
  readonly op: 'ConvTranspose' | 'Conv';
  readonly inputShape: readonly number[];
  readonly weightShape: readonly number[];
  readonly weight: Float32Array;
  readonly bias?: Float32Array;
  readonly strides?: readonly number[];
  readonly dilations?: readonly number[];
  readonly group?: number;
  readonly pads?: readonly number[];
  readonly autoPad?: 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
  readonly outputShape?: readonly number[];
  readonly outputPadding?: readonly number[];
}

function ints(name: string, values: readonly number[]): ProtoWriter {
  return msg().string(1, name).ints(8, values).int(20, ATTRIBUTE_INTS);
}

function floatTensor(name: string, dims: readonly number[], data: Float32Array): ProtoWriter {
  const raw = new Uint8Array(4 * data.length);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return msg().ints(1, dims).int(2, TENSOR_FLOAT).string(8, name).bytesField(9, raw);
}

function valueInfo(name: string, dims?: readonly number[]): ProtoWriter {
  const tensorType = msg().int(1, TENSOR_FLOAT);
  if (dims) {
    const shape = msg();
    for (const d of dims) shape.message(1, msg().int(1, d));
    tensorType.message(2, shape);
  }
  return msg().string(1, name).message(2, msg().message(1, tensorType));
}

/** ModelProto bytes of Y = op(X, W[, B]) with the given attributes (only those written are set). */
export function onnxPadModel(n: OnnxPadNode): Uint8Array {
  const node = msg();
  for (const name of n.bias ? ['X', 'W', 'B'] : ['X', 'W']) node.string(1, name);
  node.string(2, 'Y').string(3, 'node').string(4, n.op);
  node.message(5, ints('kernel_shape', n.weightShape.slice(2)));
  if (n.strides) node.message(5, ints('strides', n.strides));
  if (n.dilations) node.message(5, ints('dilations', n.dilations));
  if (n.group !== undefined) node.message(5, msg().string(1, 'group').int(3, n.group).int(20, ATTRIBUTE_INT));
  if (n.pads) node.message(5, ints('pads', n.pads));
  if (n.autoPad) node.message(5, msg().string(1, 'auto_pad').string(4, n.autoPad).int(20, ATTRIBUTE_STRING));
  if (n.outputShape) node.message(5, ints('output_shape', n.outputShape));
  if (n.outputPadding) node.message(5, ints('output_padding', n.outputPadding));
  const graph = msg()
    .message(1, node)
    .string(2, 'tconv_padding')
    .message(5, floatTensor('W', n.weightShape, n.weight));
  if (n.bias) graph.message(5, floatTensor('B', [n.bias.length], n.bias));
  graph.message(11, valueInfo('X', n.inputShape)).message(12, valueInfo('Y'));
  return msg().int(1, ONNX_IR_VERSION).message(7, graph).message(8, msg().string(1, '').int(2, ONNX_OPSET)).finish();
}

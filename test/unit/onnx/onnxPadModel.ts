// One-node ONNX models (ConvTranspose or Conv) with every padding attribute, for onnxruntime-web: pads, auto_pad
// (a STRING attribute), output_shape, output_padding. Encoded by onnxModels.ts's builder (onnx-proto).
import { buildModel, type AttributeValue } from './onnxModels';

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

/** ModelProto bytes of Y = op(X, W[, B]) with the given attributes (only those written are set). */
export function onnxPadModel(n: OnnxPadNode): Uint8Array {
  const written: [string, AttributeValue | undefined][] = [
    ['kernel_shape', n.weightShape.slice(2)],
    ['strides', n.strides],
    ['dilations', n.dilations],
    ['group', n.group],
    ['pads', n.pads],
    ['auto_pad', n.autoPad],
    ['output_shape', n.outputShape],
    ['output_padding', n.outputPadding],
  ];
  const attributes = Object.fromEntries(written.filter(([, v]) => v !== undefined)) as Record<string, AttributeValue>;
  return buildModel({
    graphName: 'tconv_padding',
    inputs: [{ name: 'X', shape: n.inputShape }],
    outputs: [{ name: 'Y' }],
    nodes: [{ op: n.op, name: 'node', inputs: n.bias ? ['X', 'W', 'B'] : ['X', 'W'], outputs: ['Y'], attributes }],
    initializers: [
      { name: 'W', dims: n.weightShape, values: n.weight },
      ...(n.bias ? [{ name: 'B', dims: [n.bias.length], values: n.bias }] : []),
    ],
  });
}

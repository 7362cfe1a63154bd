/** The constants a graph holds (initializers and Constant nodes), looked up by tensor name. */
import { onnx } from 'onnx-proto';
import { Attributes, tensorValues } from './protoValues';

export interface GraphIndex {
  readonly initializers: ReadonlyMap<string, onnx.ITensorProto>;
  /** Outputs of Constant nodes. */
  readonly constants: ReadonlyMap<string, onnx.ITensorProto>;
}

export function constantTensor(index: GraphIndex, name: string | undefined): onnx.ITensorProto | undefined {
  if (!name) return undefined;
  return index.initializers.get(name) ?? index.constants.get(name);
}

export function isConstant(index: GraphIndex, name: string): boolean {
  return constantTensor(index, name) !== undefined;
}

/** A Constant node's value as a TensorProto (value, or value_float(s) / value_int(s)). */
function constantNodeTensor(node: onnx.INodeProto): onnx.ITensorProto | undefined {
  const a = new Attributes(node);
  const t = a.tensor('value');
  if (t) return t;
  const floats = a.floats('value_floats') ?? (a.has('value_float') ? [a.float('value_float', 0)] : undefined);
  if (floats) return { dims: a.has('value_float') ? [] : [floats.length], dataType: 1, floatData: floats };
  const ints = a.ints('value_ints') ?? (a.has('value_int') ? [a.int('value_int', 0)] : undefined);
  if (ints) return { dims: a.has('value_int') ? [] : [ints.length], dataType: 7, int64Data: ints };
  return undefined;
}

/** The numbers in a constant input, or undefined when it is not a constant the file holds. */
export function constantNumbers(index: GraphIndex, name: string | undefined): number[] | undefined {
  const t = constantTensor(index, name);
  if (!t) return undefined;
  const v = tensorValues(t);
  return v.ok ? Array.from(v.values) : undefined;
}

/** The graph's initializers and the values of its Constant nodes, by tensor name. */
export function indexGraph(graph: onnx.IGraphProto): GraphIndex {
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const constants = new Map<string, onnx.ITensorProto>();
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Constant' || !node.output?.[0]) continue;
    const t = constantNodeTensor(node);
    if (t) constants.set(node.output[0], t);
  }
  return { initializers, constants };
}

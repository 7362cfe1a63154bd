/**
 * ONNX nodes as data: what the ONNX snippets print (onnx.helper.make_node) and what the tests build into a model
 * and run with onnxruntime-web. Constants (Slice's starts, Pad's pads, Resize's scales) are initializers.
 */
import { pyList, pyNumber } from './pythonText';

export type OnnxAttribute = number | string | readonly number[] | { readonly floats: readonly number[] };

export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** In the order printed; the comment follows the attribute on its line. */
  readonly attributes: readonly { readonly name: string; readonly value: OnnxAttribute; readonly comment?: string }[];
  /** A comment line printed above the node. */
  readonly comment?: string;
}

export interface OnnxConstant {
  readonly name: string;
  /** 'float32' for Resize's scales; 'data' for the model's own float type (Pad's constant_value). */
  readonly type: 'int64' | 'float32' | 'data';
  readonly dims: readonly number[];
  readonly values: readonly number[];
}

function attributeText(value: OnnxAttribute): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyNumber(value);
  if ('floats' in value) return `[${value.floats.map(pyNumber).join(', ')}]`;
  return pyList(value as readonly number[]);
}

/** `helper.make_node(...)` over several lines; `prefix` starts the first line ("node = ", "nodes.append("). */
export function nodeText(node: OnnxNode, prefix: string, suffix: string): string[] {
  return [
    ...(node.comment ? [`# ${node.comment}`] : []),
    `${prefix}helper.make_node(`,
    `    "${node.op}",`,
    `    inputs=[${node.inputs.map((i) => JSON.stringify(i)).join(', ')}],`,
    `    outputs=[${node.outputs.map((o) => JSON.stringify(o)).join(', ')}],`,
    ...node.attributes.map((a) => `    ${a.name}=${attributeText(a.value)},${a.comment ? `  # ${a.comment}` : ''}`),
    `)${suffix}`,
  ];
}

/** `numpy_helper.from_array(np.array([...], dtype=np.int64), name="…")`; `dataType` is the model's ("np.float64"). */
export function constantText(c: OnnxConstant, dataType: string): string {
  const values = c.type === 'int64' ? pyList(c.values) : `[${c.values.map(pyNumber).join(', ')}]`;
  const dtype = c.type === 'int64' ? 'np.int64' : c.type === 'float32' ? 'np.float32' : dataType;
  return `numpy_helper.from_array(np.array(${values}, dtype=${dtype}), name=${JSON.stringify(c.name)})`;
}

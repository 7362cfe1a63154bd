/**
 * The whole chain as an ONNX graph (as data: the ONNX snippet prints it, the tests run it with onnxruntime-web).
 * Input "x", output "y"; each layer's output is named after it, so a concat/add names the earlier output it joins.
 * Weights are the initializers "<layer>.weight" / "<layer>.bias" (PyTorch's layout is ONNX's); the forward
 * convolution of a round trip Reshapes the transposed layer's. Every node uses ONNX's own attributes:
 *   maxPool / avgPool   MaxPool / AveragePool (pads, dilations, ceil_mode, count_include_pad)
 *   upsample            Resize: nearest = "asymmetric" + "floor" (PyTorch's legacy nearest), linear =
 *                       "pytorch_half_pixel" or "align_corners"; scales from scale_factor, sizes from size
 *   pad                 Pad (constant; negative pads crop)        crop    Slice
 *   concat              Concat(axis=1)                            add     Add
 */
import type { ChainOpPlan } from '../../../specFile/planOp';
import { onnxConvNodes, sliceNodes } from '../onnxConv';
import type { OnnxConstant, OnnxNode } from '../onnxNodes';
import type { ChainModel, ChainStep } from './chainModel';

export interface OnnxParam {
  readonly name: string;
  readonly shape: readonly number[];
}

export interface OnnxGraph {
  readonly nodes: readonly OnnxNode[];
  readonly constants: readonly OnnxConstant[];
  /** The layers' weights and biases, fed as initializers (their values: params[name]). */
  readonly params: readonly OnnxParam[];
}

export const ONNX_INPUT = 'x';
export const ONNX_OUTPUT = 'y';

const ints = (values: readonly number[]) => [...values];

function opNodes(
  op: ChainOpPlan,
  step: ChainStep,
  input: string,
  output: string,
  skip: string,
): { nodes: OnnxNode[]; constants: OnnxConstant[] } {
  const plan = step.plan;
  const prefix = `${step.id}.`;
  const comment = `${step.label}: ${plan.outputShape.join('×')}`;
  const dims = plan.inputShape.length - 2;
  switch (op.kind) {
    case 'maxPool':
    case 'avgPool': {
      const attributes: OnnxNode['attributes'][number][] = [
        { name: 'kernel_shape', value: ints(op.kernel) },
        { name: 'strides', value: ints(op.stride) },
        { name: 'pads', value: [...op.padding, ...op.padding], comment: 'every begin, then every end' },
      ];
      if (op.kind === 'maxPool' && op.dilation.some((d) => d !== 1))
        attributes.push({ name: 'dilations', value: ints(op.dilation) });
      if (op.ceilMode) attributes.push({ name: 'ceil_mode', value: 1 });
      if (op.kind === 'avgPool') attributes.push({ name: 'count_include_pad', value: op.countIncludePad ? 1 : 0 });
      return {
        nodes: [
          {
            op: op.kind === 'maxPool' ? 'MaxPool' : 'AveragePool',
            inputs: [input],
            outputs: [output],
            attributes,
            comment,
          },
        ],
        constants: [],
      };
    }
    case 'upsample': {
      const nearest = op.mode === 'nearest';
      const attributes: OnnxNode['attributes'][number][] = [
        { name: 'mode', value: nearest ? 'nearest' : 'linear' },
        {
          name: 'coordinate_transformation_mode',
          value: nearest ? 'asymmetric' : op.alignCorners ? 'align_corners' : 'pytorch_half_pixel',
        },
        ...(nearest ? [{ name: 'nearest_mode', value: 'floor', comment: "PyTorch's legacy nearest" }] : []),
      ];
      const constants: OnnxConstant[] = op.size
        ? [{ name: `${prefix}sizes`, type: 'int64', dims: [dims + 2], values: ints(plan.outputShape) }]
        : [{ name: `${prefix}scales`, type: 'float32', dims: [dims + 2], values: [1, 1, ...(op.scaleFactor ?? [])] }];
      const inputs = op.size ? [input, '', '', `${prefix}sizes`] : [input, '', `${prefix}scales`];
      return { nodes: [{ op: 'Resize', inputs, outputs: [output], attributes, comment }], constants };
    }
    case 'pad': {
      const half = op.pads.length / 2;
      const pads = [0, 0, ...op.pads.slice(0, half), 0, 0, ...op.pads.slice(half)];
      return {
        nodes: [
          {
            op: 'Pad',
            inputs: [input, `${prefix}pads`, `${prefix}value`],
            outputs: [output],
            attributes: [{ name: 'mode', value: 'constant' }],
            comment: `${comment} (pads: every begin, then every end, N and C included; negative ones crop)`,
          },
        ],
        constants: [
          { name: `${prefix}pads`, type: 'int64', dims: [pads.length], values: pads },
          { name: `${prefix}value`, type: 'data', dims: [], values: [op.value] },
        ],
      };
    }
    case 'crop':
      return sliceNodes(input, output, prefix, op.begin, op.end, plan.inputShape.slice(2), comment);
    case 'concat':
      return {
        nodes: [
          { op: 'Concat', inputs: [input, skip], outputs: [output], attributes: [{ name: 'axis', value: 1 }], comment },
        ],
        constants: [],
      };
    case 'add':
      return {
        nodes: [{ op: 'Add', inputs: [input, skip], outputs: [output], attributes: [], comment }],
        constants: [],
      };
  }
}

export function onnxGraph(m: ChainModel): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const constants: OnnxConstant[] = [];
  const params: OnnxParam[] = [];
  let current = ONNX_INPUT;
  m.steps.forEach((step, i) => {
    const output = i === m.steps.length - 1 ? ONNX_OUTPUT : step.id;
    const skip = step.skip ? (m.steps.find((s) => s.id === step.skip?.id) ? step.skip.id : ONNX_INPUT) : '';
    if (step.plan.op) {
      const converted = opNodes(step.plan.op, step, current, output, skip);
      nodes.push(...converted.nodes);
      constants.push(...converted.constants);
    } else {
      const w = `${step.id}.weight`;
      const b = step.plan.biasShape ? `${step.id}.bias` : null;
      if (step.sharesWeightOf) {
        nodes.push({
          op: 'Reshape',
          inputs: [`${step.sharesWeightOf}.weight`, `${step.id}.shape`],
          outputs: [w],
          attributes: [],
          comment: `${step.label}: the round trip shares ${step.sharesWeightOf}'s kernel`,
        });
        constants.push({
          name: `${step.id}.shape`,
          type: 'int64',
          dims: [step.plan.weightShape.length],
          values: ints(step.plan.weightShape),
        });
      } else params.push({ name: w, shape: step.plan.weightShape });
      if (b && step.plan.biasShape) params.push({ name: b, shape: step.plan.biasShape });
      const converted = onnxConvNodes(step.plan, { x: current, w, b, y: output, prefix: `${step.id}.` });
      const [first, ...rest] = converted.nodes;
      nodes.push({ ...first, comment: `${step.label}: ${step.plan.outputShape.join('×')}` }, ...rest);
      constants.push(...converted.constants);
    }
    current = output;
  });
  return { nodes, constants, params };
}

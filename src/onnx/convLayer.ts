/** Conv and ConvTranspose → a conv / convTranspose layer: hyperparameters, padding as written, weights and bias. */
import * as l10n from '@vscode/l10n';
import type { onnx } from 'onnx-proto';
import { constantTensor } from './graphIndex';
import { MAX_KERNEL_VALUES } from './importTypes';
import { stopAt, type MappedOp, type OpStep } from './opStep';
import { Attributes, int64, tensorSize, tensorValues } from './protoValues';
import { nest, perDim } from './specValues';

export function convLayer(step: OpStep): MappedOp {
  const { node, op, name, dims } = step;
  const transposed = op === 'ConvTranspose';
  const inputs = node.input ?? [];
  const weight = constantTensor(step.index, inputs[1]);
  if (!weight) return stopAt(l10n.t('its weights are computed in the graph, not stored in it'));
  const shape = (weight.dims ?? []).map(int64);
  if (shape.length !== dims + 2)
    return stopAt(l10n.t('its weight has {0} dimensions, the chain is {1}-D', shape.length, dims));
  const a = new Attributes(node);
  const ones = Array<number>(dims).fill(1);
  const zeros = Array<number>(dims).fill(0);
  const group = a.int('group', 1);
  const outChannels = transposed ? shape[1] * group : shape[0];
  const layer: Record<string, unknown> = {};
  if (!transposed) layer.type = 'conv';
  layer.outChannels = outChannels;
  const strides = a.ints('strides') ?? ones;
  if (strides.some((s) => s !== 1)) layer.stride = perDim(strides);
  const autoPad = a.string('auto_pad', 'NOTSET');
  const outputShape = transposed ? a.ints('output_shape') : undefined;
  if (outputShape) layer.outputShape = outputShape.slice(-dims);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') layer.autoPad = autoPad;
  else if (autoPad !== 'VALID' && !outputShape) {
    const pads = a.ints('pads') ?? [...zeros, ...zeros];
    const begin = pads.slice(0, dims);
    const end = pads.slice(dims, 2 * dims);
    if (begin.some((b, i) => b !== end[i])) layer.pads = pads;
    else if (begin.some((b) => b !== 0)) layer.padding = perDim(begin);
  }
  const outputPadding = transposed ? a.ints('output_padding') : undefined;
  if (outputPadding?.some((p) => p !== 0)) layer.outputPadding = perDim(outputPadding);
  const dilations = a.ints('dilations') ?? ones;
  if (dilations.some((d) => d !== 1)) layer.dilation = perDim(dilations);
  if (group !== 1) layer.groups = group;
  const kernelShape = a.ints('kernel_shape');
  if (kernelShape && kernelShape.some((k, i) => k !== shape[2 + i]))
    step.note(
      'caveat',
      l10n.t(
        "{0} '{1}': kernel_shape {2} disagrees with its weight's {3}; the weight's is written",
        op,
        name,
        kernelShape.join('×'),
        shape.slice(2).join('×'),
      ),
    );
  layer.kernel = kernel(step, weight, shape);
  if (inputs[2]) layer.bias = bias(step, inputs[2], outChannels);
  return { layer };
}

/** The kernel's values when they are written (weights mode, size), else its shape alone (noted). */
function kernel(step: OpStep, weight: onnx.ITensorProto, shape: number[]): unknown {
  const { op, name, options } = step;
  const count = tensorSize(weight);
  const mode = options.weights ?? 'auto';
  const max = options.maxKernelValues ?? MAX_KERNEL_VALUES;
  const values = mode === 'none' || (mode === 'auto' && count > max) ? undefined : tensorValues(weight);
  if (values?.ok) return { shape, data: nest(values.values, shape, values.float32) };
  step.note(
    'weightsOmitted',
    values
      ? l10n.t("{0} '{1}': its weights are not written ({2}); tconv uses random values", op, name, values.reason)
      : l10n.t(
          "{0} '{1}': its {2} weights are not written (kernel.shape only; tconv uses random values); --weights all writes them",
          op,
          name,
          count,
        ),
    values ? undefined : l10n.t("{0} '{1}' ({2} values)", op, name, count),
  );
  return { shape };
}

/** The bias's values when the file holds them (one per output channel), else `true` (noted). */
function bias(step: OpStep, input: string, outChannels: number): unknown {
  const { options } = step;
  const tensor = constantTensor(step.index, input);
  const values = tensor && options.weights !== 'none' ? tensorValues(tensor) : undefined;
  if (values?.ok && values.values.length === outChannels)
    return { data: nest(values.values, [outChannels], values.float32) };
  if (options.weights !== 'none')
    step.note(
      'weightsOmitted',
      l10n.t("{0} '{1}': its bias is not written; tconv uses random values", step.op, step.name),
    );
  return true;
}

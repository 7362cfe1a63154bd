/** Materialises a planned spec's tensors (data or seeded init) and runs the chain through the engine. */
import * as l10n from '@vscode/l10n';
import {
  conv,
  convPadded,
  convTranspose,
  convTransposeCropped,
  spatialWindow,
  EngineError,
  reshape,
  tensor as tensorOf,
  type ComputePath,
  type DType,
  type Tensor,
} from '../engine';
import { generateCached, generatorOptions } from './generatedTensors';
import { biasSeed, FORWARD_BIAS_SEED, FORWARD_KERNEL_SEED, INPUT_SEED, kernelSeed } from './defaults';
import type { ConvFieldsModel, SpecModel, TensorSpecModel } from './model';
import { flatNumbers } from './nesting';
import type { ChainPlan, LayerPadding, LayerPlan } from './plan';
import { firstTransposed } from './planForward';
import { evaluateOp, isOpPlan, noWeight } from './evaluateOps';
import { FORWARD_INDEX } from './labels';
import { takesFastPath } from './memoryBudget';
import { INPUT_INDEX } from './planSkip';

export interface LayerEvaluation {
  readonly plan: LayerPlan;
  readonly input: Tensor;
  /** The layers without a weight (pool, upsample, pad, crop, concat, add; plan.op set): an empty tensor, shape [0]. */
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly output: Tensor;
}

export interface SpecEvaluation {
  /** Some transposed layer took the float32 fast path (its values are within 1e-4 of max |output|, not exact). */
  readonly usedFastPath: boolean;
  readonly input: Tensor;
  readonly forward?: LayerEvaluation;
  /** The layers with values: all of plan.layers, or the prefix within the memory budget (see `values`). */
  readonly layers: readonly LayerEvaluation[];
  /** The last computed output (the final output when `values` is 'all'). */
  readonly output: Tensor;
  /**
   * 'all': every step has values. 'prefix': the steps within the memory budget (plan.values, memoryBudget.ts) have
   * them, the rest not. 'none': not even the first step fits, so nothing was allocated (input and output are empty).
   */
  readonly values: 'all' | 'prefix' | 'none';
}

export type SpecEvaluator = (spec: SpecModel, plan: ChainPlan) => SpecEvaluation;

/** `weightShape`: the layer's weight shape, for a kernel or bias (their default init scales with it). */
function materialize(
  tensor: TensorSpecModel | undefined,
  shape: readonly number[],
  defaultSeed: number,
  dtype: DType,
  weightShape: readonly number[] | null = null,
): Tensor {
  if (tensor?.data) return tensorOf(shape, flatNumbers(tensor.data), dtype);
  return generateCached(shape, generatorOptions(tensor, defaultSeed, weightShape), dtype);
}

/** Refuses, before allocating anything, a plan that is incomplete. */
function assertEvaluable(plan: ChainPlan): void {
  if (!plan.complete)
    throw new EngineError(
      'invalid-parameter',
      l10n.t('the spec has errors that stop its chain; fix them before evaluating'),
    );
}

/** Nothing fits the memory budget: no tensor is allocated. */
function noValues(dtype: DType): SpecEvaluation {
  const empty = tensorOf([0], undefined, dtype);
  return { usedFastPath: false, input: empty, layers: [], output: empty, values: 'none' };
}

/**
 * A layer with ONNX / Keras padding or a trim: the transposed convolution keeps rows [begin, C − end) of its
 * canvas; the convolution pads its input with begin / end zeros, then the trim slices its output.
 */
function paddedOutput(
  layerPlan: LayerPlan,
  p: LayerPadding,
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  path: ComputePath,
): Tensor {
  const { stride, dilation, groups } = layerPlan.params;
  if (layerPlan.kind === 'convTranspose')
    return convTransposeCropped(input, weight, bias, { stride, dilation, groups, begin: p.begin, end: p.end, path });
  const y = convPadded(input, weight, bias, {
    stride,
    dilation,
    groups,
    begin: p.axes.map((a) => a.begin),
    end: p.axes.map((a) => a.end),
  });
  const spatial = layerPlan.outputShape.slice(2);
  return p.torch.slice ? spatialWindow(y, p.trimBegin, spatial) : y;
}

/**
 * The chain's values, as far as the memory budget allows (plan.values: the same rule `check`, `show`, `verify` and
 * the preview follow): the steps within it in order, and nothing from the first one that is not.
 */
export function evaluateSpec(spec: SpecModel, plan: ChainPlan): SpecEvaluation {
  assertEvaluable(plan);
  const dtype = spec.dtype;
  // plan.layers may be a prefix of the planned chain (the preview's evaluatePrefix); plan.values covers the whole.
  const layerCount = Math.min(plan.layers.length, plan.values.layerCount);
  const forwardComputed = !plan.forward || plan.values.forward;
  if (!forwardComputed || (layerCount === 0 && !plan.forward)) return noValues(dtype);
  const weights = new Map<number, Tensor>();
  const layerWeight = (layerPlan: LayerPlan): Tensor => {
    const cached = weights.get(layerPlan.index);
    if (cached) return cached;
    const weight = materialize(
      spec.layers[layerPlan.index].kernel,
      layerPlan.weightShape,
      kernelSeed(layerPlan.index),
      dtype,
      layerPlan.weightShape,
    );
    weights.set(layerPlan.index, weight);
    return weight;
  };
  const biasOf = (fields: ConvFieldsModel, layerPlan: LayerPlan, seed: number): Tensor | null =>
    layerPlan.biasShape
      ? materialize(fields.bias?.tensor, layerPlan.biasShape, seed, dtype, layerPlan.weightShape)
      : null;
  let usedFastPath = false;
  const run = (layerPlan: LayerPlan, input: Tensor, weight: Tensor, bias: Tensor | null): LayerEvaluation => {
    const { stride, padding, dilation, groups, outputPadding } = layerPlan.params;
    usedFastPath ||= takesFastPath(spec.compute, layerPlan);
    const output = layerPlan.padding
      ? paddedOutput(layerPlan, layerPlan.padding, input, weight, bias, spec.compute)
      : layerPlan.kind === 'convTranspose'
        ? convTranspose(input, weight, bias, { stride, padding, dilation, groups, outputPadding, path: spec.compute })
        : conv(input, weight, bias, { stride, padding, dilation, groups });
    return { plan: layerPlan, input, weight, bias, output };
  };

  const input = materialize(spec.input, plan.inputShape, INPUT_SEED, dtype);
  let current = input;
  let forward: LayerEvaluation | undefined;
  if (plan.forward && spec.forward) {
    const t = firstTransposed(spec);
    const tPlan = plan.layers.find((l) => l.index === t?.index);
    const weight =
      plan.forward.weightSource === 'shared' && tPlan
        ? reshape(layerWeight(tPlan), plan.forward.weightShape)
        : materialize(
            spec.forward.kernel,
            plan.forward.weightShape,
            FORWARD_KERNEL_SEED,
            dtype,
            plan.forward.weightShape,
          );
    forward = run(plan.forward, current, weight, biasOf(spec.forward, plan.forward, FORWARD_BIAS_SEED));
    current = forward.output;
  }
  const layers: LayerEvaluation[] = [];
  const skipOutput = (index: number): Tensor =>
    index === INPUT_INDEX ? input : index === FORWARD_INDEX && forward ? forward.output : layers[index].output;
  for (const layerPlan of plan.layers.slice(0, layerCount)) {
    if (isOpPlan(layerPlan)) {
      const output = evaluateOp(layerPlan.op, current, skipOutput);
      layers.push({ plan: layerPlan, input: current, weight: noWeight(dtype), bias: null, output });
      current = output;
      continue;
    }
    const evaluation = run(
      layerPlan,
      current,
      layerWeight(layerPlan),
      biasOf(spec.layers[layerPlan.index], layerPlan, biasSeed(layerPlan.index)),
    );
    layers.push(evaluation);
    current = evaluation.output;
  }
  const values = layerCount === plan.values.steps.filter((s) => s.index >= 0).length ? 'all' : 'prefix';
  return { usedFastPath, input, forward, layers, output: current, values };
}

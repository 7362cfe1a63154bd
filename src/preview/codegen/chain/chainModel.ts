/**
 * The whole chain as the code generators need it: every step (the forward convolution first, then the layers) with a
 * Python identifier, whether a later concat/add needs its output kept, which output a concat/add joins, and where the
 * input's and each layer's tensors come from.
 */
import type { DType, Tensor } from '../../../engine';
import type { ChainPlan, LayerEvaluation, LayerPlan, SpecModel } from '../../../specFile';
import { biasSeed, FORWARD_BIAS_SEED, FORWARD_KERNEL_SEED, INPUT_SEED, kernelSeed } from '../../../specFile/defaults';
import { FORWARD_INDEX } from '../../../specFile/labels';
import { takesFastPath } from '../../../specFile/memoryBudget';
import { INPUT_INDEX } from '../../../specFile/planSkip';
import { product } from '../../numbers';
import { MAX_INLINE_ELEMENTS } from '../codeLayer';
import { commentText } from '../pythonText';
import { pythonIdentifiers } from './names';
import { isExact, tensorSource, type TensorSource } from './tensorSource';

/** The variable that keeps the chain's input when a concat/add joins it. */
export const INPUT_ID = 'x_in';

export interface ChainStep {
  readonly plan: LayerPlan;
  /** A Python identifier: the module attribute, the variable that keeps the output, the parameters' key. */
  readonly id: string;
  /** The step's name, safe inside a # comment. */
  readonly label: string;
  /** A later concat/add joins this step's output: the code keeps it in a variable named `id`. */
  readonly kept: boolean;
  /** concat/add: the identifier of the output it joins (INPUT_ID for the input) and its name. */
  readonly skip: { readonly id: string; readonly label: string } | null;
  /** Convolutions: where the weight and bias come from (null: no bias, or no weight). */
  readonly weight: TensorSource | null;
  readonly bias: TensorSource | null;
  /** The forward convolution reuses this step's weight (the round trip), reshaped to its own layout. */
  readonly sharesWeightOf: string | null;
}

export interface ChainModel {
  /** The spec's name, safe inside a # comment. */
  readonly title: string;
  readonly dims: 1 | 2 | 3;
  readonly dtype: DType;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly input: TensorSource;
  readonly inputKept: boolean;
  readonly steps: readonly ChainStep[];
  /** The engine's final output, to assert against: only when every tensor is exact and the output small. */
  readonly expected: Tensor | null;
  /** Some layer ran on the engine's float32 fast path: its values are within 1e-4 of max |output|. */
  readonly approximate: boolean;
}

export interface ChainValuesInput {
  readonly input: Tensor | null;
  readonly layers: ReadonlyMap<number, LayerEvaluation>;
}

interface Inline {
  readonly all: boolean;
  readonly limit: number;
}

/** Every tensor of the chain was computed and fits the limit: the code writes them all out. */
function fitsInline(plan: ChainPlan, values: ChainValuesInput, limit: number): boolean {
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  const small = (shape: readonly number[] | null) => shape === null || product(shape) <= limit;
  return (
    values.input !== null &&
    small(plan.inputShape) &&
    steps.every((s) => s.op || (values.layers.has(s.index) && small(s.weightShape) && small(s.biasShape)))
  );
}

function convSources(
  spec: SpecModel,
  plan: LayerPlan,
  evaluation: LayerEvaluation | undefined,
  inline: Inline,
): { weight: TensorSource; bias: TensorSource | null } {
  const forward = plan.index === FORWARD_INDEX;
  const fields = forward ? spec.forward : spec.layers[plan.index];
  const weight = tensorSource({
    model: fields?.kernel,
    shape: plan.weightShape,
    seed: forward ? FORWARD_KERNEL_SEED : kernelSeed(plan.index),
    weightShape: plan.weightShape,
    values: evaluation?.weight ?? null,
    inlineAll: inline.all,
    inlineLimit: inline.limit,
  });
  const bias = plan.biasShape
    ? tensorSource({
        model: fields?.bias?.tensor,
        shape: plan.biasShape,
        seed: forward ? FORWARD_BIAS_SEED : biasSeed(plan.index),
        weightShape: plan.weightShape,
        values: evaluation?.bias ?? null,
        inlineAll: inline.all,
        inlineLimit: inline.limit,
      })
    : null;
  return { weight, bias };
}

export function chainModel(
  spec: SpecModel,
  plan: ChainPlan,
  values: ChainValuesInput,
  inlineLimit = MAX_INLINE_ELEMENTS,
): ChainModel {
  const plans = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  const ids = pythonIdentifiers(plans.map((p) => p.name));
  const idOf = new Map<number, string>(plans.map((p, i) => [p.index, ids[i]]));
  const joined = new Set<number>();
  for (const p of plans) if (p.op && (p.op.kind === 'concat' || p.op.kind === 'add')) joined.add(p.op.source.index);
  const firstTransposed = plan.layers.find((l) => l.kind === 'convTranspose');
  const inline: Inline = { all: fitsInline(plan, values, inlineLimit), limit: inlineLimit };
  const steps: ChainStep[] = plans.map((p, i) => {
    const source = p.op && (p.op.kind === 'concat' || p.op.kind === 'add') ? p.op.source : null;
    const sources = p.op ? null : convSources(spec, p, values.layers.get(p.index), inline);
    const shares = p.index === FORWARD_INDEX && p.weightSource === 'shared' && firstTransposed;
    return {
      plan: p,
      id: ids[i],
      label: commentText(p.name),
      kept: joined.has(p.index),
      skip: source
        ? {
            id: source.index === INPUT_INDEX ? INPUT_ID : (idOf.get(source.index) ?? INPUT_ID),
            label: commentText(source.name),
          }
        : null,
      weight: shares ? null : (sources?.weight ?? null),
      bias: sources?.bias ?? null,
      sharesWeightOf: shares ? (idOf.get(firstTransposed.index) ?? null) : null,
    };
  });
  const input = tensorSource({
    model: spec.input,
    shape: plan.inputShape,
    seed: INPUT_SEED,
    weightShape: null,
    values: values.input,
    inlineAll: inline.all,
    inlineLimit,
  });
  const outputShape = plan.outputShape ?? plans[plans.length - 1].outputShape;
  const last = values.layers.get(plans[plans.length - 1].index)?.output ?? null;
  const exact =
    isExact(input) &&
    steps.every((s) => (s.weight === null || isExact(s.weight)) && (s.bias === null || isExact(s.bias)));
  return {
    title: commentText(spec.name?.value ?? ''),
    dims: spec.dims,
    dtype: spec.dtype,
    inputShape: plan.inputShape,
    outputShape,
    input,
    inputKept: joined.has(INPUT_INDEX),
    steps,
    expected: exact && last && product(outputShape) <= inlineLimit ? last : null,
    approximate: plans.some((p) => takesFastPath(spec.compute, p)),
  };
}

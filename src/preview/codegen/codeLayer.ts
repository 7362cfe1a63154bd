/** What every code generator needs to know about a layer, with its values when they are small enough to inline. */
import type { ComputePath, DType, Tensor } from '../../engine';
import type { LayerEvaluation, LayerPlan } from '../../specFile';
import { channelsOf } from '../../specFile/layerSignature';
import { takesFastPath } from '../../specFile/memoryBudget';
import { product } from '../numbers';
import { commentText } from './pythonText';

/** Tensors up to this many elements are written out as literals; larger ones are drawn at random with their shape. */
export const MAX_INLINE_ELEMENTS = 64;

export interface CodeLayer {
  readonly plan: LayerPlan;
  readonly transposed: boolean;
  readonly rank: 1 | 2 | 3;
  /** Safe inside a # comment. */
  readonly label: string;
  readonly dtype: DType;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: readonly number[];
  /** Literal values, or null to draw them at random. */
  readonly input: Tensor | null;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  /** The engine's output, to assert against; only when the inputs are inlined too. */
  readonly expected: Tensor | null;
  /** The engine computed it on the float32 fast path: within 1e-4 of max |output|, so the assertion allows that. */
  readonly approximate: boolean;
}

/** `inlineLimit`: tensors up to this many elements are written out (scripts/check_codegen.py writes out more). */
export function codeLayer(
  plan: LayerPlan,
  dtype: DType,
  evaluation: LayerEvaluation | null,
  inlineLimit = MAX_INLINE_ELEMENTS,
  compute: ComputePath = 'auto',
): CodeLayer {
  const small = (t: Tensor | null | undefined): Tensor | null => (t && product(t.shape) <= inlineLimit ? t : null);
  const input = small(evaluation?.input);
  const weight = small(evaluation?.weight);
  const bias = plan.biasShape ? small(evaluation?.bias) : null;
  const inlined = input !== null && weight !== null && (plan.biasShape === null || bias !== null);
  return {
    plan,
    transposed: plan.kind === 'convTranspose',
    rank: plan.params.stride.length === 1 ? 1 : plan.params.stride.length === 3 ? 3 : 2,
    label: commentText(plan.name),
    dtype,
    ...channelsOf(plan),
    kernel: plan.weightShape.slice(2),
    input,
    weight,
    bias,
    expected: inlined ? small(evaluation?.output) : null,
    approximate: takesFastPath(compute, plan),
  };
}

/** "1×512×4×4 → 1×256×8×8" */
export function shapeLine(layer: CodeLayer): string {
  return `${layer.plan.inputShape.join('×')} → ${layer.plan.outputShape.join('×')}`;
}

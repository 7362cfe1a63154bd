/**
 * What a spec's verification run needs, as plain data: the `verify` list and, per transposed layer, its tensors
 * and parameters. Built once from an evaluation; the verification threads receive it (threadVerifier.ts, its
 * tensors in shared memory) instead of validating and evaluating the spec again.
 */
import type { Tensor, TransposedConvLayer, VerificationName } from '../engine';
import type { SpecEvaluation } from './evaluate';
import { notComputedReason, type StepValues } from './memoryBudget';
import type { SpecModel } from './model';
import type { ChainPlan, LayerPlan } from './plan';

/** Why a layer has no values (memoryBudget.ts): the reason, and the step's memory when known. */
export interface NotComputed {
  readonly reason: string;
  readonly step?: StepValues;
}

export interface VerificationLayerInput {
  /** The layer's index in the chain (LayerVerification.layerIndex). */
  readonly layerIndex: number;
  readonly layerName: string;
  /** The layer as the checks take it; without values (`notComputed`), tensors of the right shapes holding nothing. */
  readonly layer: TransposedConvLayer;
  /** Set when the memory budget left the layer's values out: only the checks in SHAPE_CHECKS run. */
  readonly notComputed?: NotComputed;
  /** roundTrip: the forward convolution's input shape, when the layer is the transpose of the spec's `forward`. */
  readonly forwardInputShape?: readonly number[];
  /** reconstruction: the spec's input, when the layer is the transpose of the spec's `forward`. */
  readonly reconstructionInput?: Tensor;
}

export interface VerificationInput {
  /** The spec's `verify` list: the checks of every layer, in this order. */
  readonly names: readonly VerificationName[];
  /** The transposed layers, in chain order. */
  readonly layers: readonly VerificationLayerInput[];
}

/** The checks that read a layer's shapes and parameters only (engine/verify/roundTrip.ts, cost.ts): they run on any layer. */
export const SHAPE_CHECKS: ReadonlySet<VerificationName> = new Set<VerificationName>(['roundTrip', 'cost']);

/** A tensor of `shape` that holds no values: what a shape check of a layer beyond the memory budget reads. */
function shapeOnly(shape: readonly number[]): Tensor {
  return { shape, data: new Float64Array(0) };
}

/**
 * The layer right after `forward` is the transpose of that convolution: the round trip starts at the spec's input.
 * With ONNX / Keras padding or a trim on either side, the checks take this layer's PyTorch part on its own (the
 * spec's round-trip check compares the real shapes).
 */
function pairedWithForward(plan: ChainPlan, layer: LayerPlan, position: number): boolean {
  return plan.forward !== undefined && position === 0 && !plan.forward.padding && !layer.padding;
}

/** The run's input: the transposed layers with values from `evaluation`, then those the memory budget left out. */
export function verificationInput(spec: SpecModel, plan: ChainPlan, evaluation: SpecEvaluation): VerificationInput {
  const layers: VerificationLayerInput[] = [];
  evaluation.layers.forEach((layer, i) => {
    if (layer.plan.kind !== 'convTranspose') return;
    const paired = pairedWithForward(plan, layer.plan, i);
    layers.push({
      layerIndex: i,
      layerName: layer.plan.name,
      layer: { input: layer.input, weight: layer.weight, bias: layer.bias, options: layer.plan.params },
      ...(paired ? { forwardInputShape: plan.inputShape, reconstructionInput: evaluation.input } : {}),
    });
  });
  for (const layerPlan of plan.layers) {
    if (layerPlan.index < evaluation.layers.length || layerPlan.kind !== 'convTranspose') continue;
    const reason = notComputedReason(plan.values, layerPlan.index);
    if (reason === null) continue;
    const step = plan.values.steps.find((s) => s.index === layerPlan.index);
    layers.push({
      layerIndex: layerPlan.index,
      layerName: layerPlan.name,
      // The bias only adds to the values: its shape is the output channels', which the plan has checked.
      layer: {
        input: shapeOnly(layerPlan.inputShape),
        weight: shapeOnly(layerPlan.weightShape),
        bias: null,
        options: layerPlan.params,
      },
      notComputed: { reason, ...(step ? { step } : {}) },
      ...(pairedWithForward(plan, layerPlan, layerPlan.index) ? { forwardInputShape: plan.inputShape } : {}),
    });
  }
  return { names: spec.verify, layers };
}

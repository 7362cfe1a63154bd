/** The engine's matrix for a layer: transposed layers give their paired convolution's W, forward ones their own. */
import {
  convMatrix,
  convMatrixSize,
  transposedConvMatrix,
  transposedConvMatrixSize,
  type ConvMatrix,
  type MatrixSize,
  type Tensor,
} from '../engine';
import type { LayerPlan } from '../specFile';

function forwardOptions(plan: LayerPlan) {
  const { stride, padding, dilation, groups } = plan.params;
  return { stride, padding, dilation, groups };
}

export function layerMatrixSize(plan: LayerPlan): MatrixSize {
  return plan.kind === 'convTranspose'
    ? transposedConvMatrixSize(plan.inputShape, plan.weightShape, plan.params)
    : convMatrixSize(plan.inputShape, plan.weightShape, forwardOptions(plan));
}

export function layerMatrix(plan: LayerPlan, weight: Tensor, maxNnz: number): ConvMatrix {
  return plan.kind === 'convTranspose'
    ? transposedConvMatrix(plan.inputShape, weight, plan.params, { maxNnz })
    : convMatrix(plan.inputShape, weight, forwardOptions(plan), { maxNnz });
}

/** The same layer for one input and one output channel: the spatial pattern every channel block of W shares. */
export function singleChannelPlan(plan: LayerPlan): LayerPlan {
  const spatial = (shape: readonly number[]) => shape.slice(2);
  return {
    ...plan,
    inputShape: [1, 1, ...spatial(plan.inputShape)],
    weightShape: [1, 1, ...spatial(plan.weightShape)],
    outputShape: [1, 1, ...spatial(plan.outputShape)],
    biasShape: null,
    params: { ...plan.params, groups: 1 },
  };
}

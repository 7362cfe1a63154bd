/** Runs the non-convolution layers of a chain (planOp.ts) through the engine. */
import {
  addTensors,
  avgPool,
  concatChannels,
  constantPad,
  crop,
  maxPool,
  tensor,
  upsample,
  type DType,
  type Tensor,
} from '../engine';
import type { LayerPlan } from './plan';
import type { ChainOpPlan } from './planOp';

/** The weight a layer without one reports: an empty tensor, shape [0]. */
export function noWeight(dtype: DType): Tensor {
  return tensor([0], undefined, dtype);
}

/** The layer's output from its input; `skipOutput` is the output its `with` names (concat/add). */
export function evaluateOp(op: ChainOpPlan, input: Tensor, skipOutput: (index: number) => Tensor): Tensor {
  switch (op.kind) {
    case 'maxPool':
      return maxPool(input, op);
    case 'avgPool':
      return avgPool(input, op);
    case 'upsample':
      return upsample(input, op);
    case 'pad':
      return constantPad(input, op.pads, op.value);
    case 'crop':
      return crop(input, op.begin, op.end);
    case 'concat':
      return concatChannels(input, skipOutput(op.source.index));
    case 'add':
      return addTensors(input, skipOutput(op.source.index));
  }
}

/** Whether a plan step is one of these layers. */
export function isOpPlan(plan: LayerPlan): plan is LayerPlan & { readonly op: ChainOpPlan } {
  return plan.op !== undefined;
}

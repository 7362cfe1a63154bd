/** Per spatial dimension: the formula with numbers, the reachable output sizes and the round trip. */
import { convDimCalc, convOutputSize, transposedDimCalc } from '../engine';
import type { DimPayload } from '../webviewProtocol';
import { formulaTex } from './formulaTex';
import type { LayerPlan } from '../specFile';

export function dimsPayload(plan: LayerPlan): DimPayload[] {
  const p = plan.params;
  const transposed = plan.kind === 'convTranspose';
  return plan.dims.map((dim, d) => {
    const args = {
      inSize: plan.inputShape[2 + d],
      kernel: plan.weightShape[2 + d],
      stride: p.stride[d],
      padding: p.padding[d],
      dilation: p.dilation[d],
    };
    // ONNX / Keras padding or a trim: the plan's formula is that rule's (the PyTorch part is sliced after it).
    const calc = plan.padding
      ? dim
      : transposed
        ? transposedDimCalc(dim.axis, { ...args, outputPadding: p.outputPadding[d] })
        : convDimCalc(dim.axis, args);
    const range = plan.outputSizeRange?.[d];
    return {
      axis: dim.axis,
      ...args,
      outputPadding: transposed ? p.outputPadding[d] : 0,
      out: calc.out,
      formula: calc.formula,
      substituted: calc.substituted,
      tex: formulaTex(calc.formula, calc.substituted),
      range: range ? { min: range.min, max: range.max } : null,
      forwardOfOutput: transposed ? convOutputSize({ ...args, inSize: calc.out }) : null,
      roundTripOutputPadding: plan.roundTripOutputPadding?.[d] ?? null,
    };
  });
}

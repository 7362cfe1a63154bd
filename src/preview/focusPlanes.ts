/** Which planes of a layer's tensors a focus (batch, input channel, output channel, depth slice) selects. */
import type { PreviewFocus } from '../webviewProtocol';
import type { LayerPlan } from '../specFile';
import { channelsOf } from '../specFile/layerSignature';
import { depthSlices } from './depthSlices';

export interface FocusPlanes {
  readonly input: number;
  readonly weight: number;
  readonly output: number;
  /** The step-by-step picture: batch·C_out + output channel. */
  readonly picture: number;
}

export function focusPlanes(plan: LayerPlan, focus: PreviewFocus | null): FocusPlanes | null {
  if (!focus) return null;
  const { inChannels, outChannels } = channelsOf(plan);
  const perGroupSecond = plan.weightShape[1];
  const weight =
    plan.kind === 'convTranspose'
      ? focus.inChannel * perGroupSecond + (focus.outChannel % perGroupSecond)
      : focus.outChannel * perGroupSecond + (focus.inChannel % perGroupSecond);
  const input = focus.batch * inChannels + focus.inChannel;
  const output = focus.batch * outChannels + focus.outChannel;
  const picture = focus.batch * outChannels + focus.outChannel;
  if (plan.inputShape.length !== 5) return { input, weight, output, picture };
  // A 3-D tensor is sent as one plane per depth slice: the plane of (n, c) at slice d is (n·C + c)·D + d.
  const d = depthSlices(
    {
      transposed: plan.kind === 'convTranspose',
      input: plan.inputShape[2],
      kernel: plan.weightShape[2],
      output: plan.outputShape[2],
      stride: plan.params.stride[0],
      padding: plan.params.padding[0],
      dilation: plan.params.dilation[0],
    },
    focus.depth ?? 0,
  );
  return {
    input: input * plan.inputShape[2] + d.input,
    weight: weight * plan.weightShape[2] + d.kernel,
    output: output * plan.outputShape[2] + d.output,
    picture,
  };
}

/** Which planes of a layer's tensors a focus (batch, input channel, output channel) selects. */
import type { PreviewFocus } from '../webviewProtocol';
import type { LayerPlan } from '../specFile';
import { channelsOf } from '../specFile/layerSignature';

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
  return {
    input: focus.batch * inChannels + focus.inChannel,
    weight,
    output: focus.batch * outChannels + focus.outChannel,
    picture: focus.batch * outChannels + focus.outChannel,
  };
}

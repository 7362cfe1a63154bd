/**
 * The step picture of a 1-D transposed layer as a strip (StepStripPayload): one (batch, input channel, output
 * channel), the input row and the kernel row. A HiFi-GAN layer (256 channels × 256 positions, kernel 16) has
 * 65,536 steps per output channel, far past what the 2-D picture sends; one channel's 256 steps are 272 numbers.
 */
import * as l10n from '@vscode/l10n';
import { MAX_BROADCAST_STEPS } from '../engine';
import type { PreviewFocus, StepStripPayload } from '../webviewProtocol';
import type { LayerEvaluation } from '../specFile';
import { formatCount } from '../specFile/format';
import { finiteArray, finiteOr0 } from './numbers';

/** Steps sent at most (the input positions of one channel); the 2-D picture's cap. */
export const MAX_STRIP_STEPS = MAX_BROADCAST_STEPS;
/** Cells of the longest strip canvas (a huge stride or dilation spreads a few steps over millions of cells). */
export const MAX_STRIP_CANVAS = 65_536;

export interface StepStripResult {
  readonly strip: StepStripPayload | null;
  readonly note: string | null;
}

const clampIndex = (value: number | undefined, count: number) => Math.max(0, Math.min(value ?? 0, count - 1));

export function stepStripPayload(
  layer: LayerEvaluation,
  maxStepValues: number,
  focus: PreviewFocus | null,
): StepStripResult {
  const { plan } = layer;
  const [batches, cIn, length] = layer.input.shape;
  const [, cOutPerGroup, kernel] = layer.weight.shape;
  const cOut = layer.output.shape[1];
  const outputSize = layer.output.shape[2];
  const {
    stride: [stride],
    dilation: [dilation],
    groups,
  } = plan.params;
  const cInPerGroup = cIn / groups;

  const batch = clampIndex(focus?.batch, batches);
  const outChannel = clampIndex(focus?.outChannel, cOut);
  const group = Math.floor(outChannel / cOutPerGroup);
  // An input channel of another group does not reach this output channel: its group's first channel does.
  const asked = clampIndex(focus?.inChannel, cIn);
  const inChannel = Math.floor(asked / cInPerGroup) === group ? asked : group * cInPerGroup;

  const reach = dilation * (kernel - 1) + 1;
  const canvasFull = (length - 1) * stride + reach;
  // The kept stretch: PyTorch's padding, or a padding rule's begin/end (trims included) on the uncropped canvas.
  const cropStart = plan.padding ? plan.padding.begin[0] : plan.params.padding[0];
  const outputPadding = plan.padding ? Math.max(0, -plan.padding.end[0]) : plan.params.outputPadding[0];
  const canvasStart = Math.min(0, cropStart);
  const room = MAX_STRIP_CANVAS + canvasStart;
  if (kernel > maxStepValues || reach > room) {
    return {
      strip: null,
      note: l10n.t(
        'the kernel spans {0} cells, above the {1} cells of the step strip',
        formatCount(reach),
        formatCount(Math.min(room, maxStepValues)),
      ),
    };
  }
  const steps = Math.min(length, MAX_STRIP_STEPS, maxStepValues - kernel, Math.floor((room - reach) / stride) + 1);
  const canvasEnd =
    steps === length
      ? Math.min(Math.max(canvasFull, cropStart + outputSize), canvasStart + MAX_STRIP_CANVAS)
      : (steps - 1) * stride + reach;

  const inputBase = (batch * cIn + inChannel) * length;
  const weightBase = (inChannel * cOutPerGroup + (outChannel % cOutPerGroup)) * kernel;
  const strip: StepStripPayload = {
    batch,
    inChannel,
    outChannel,
    kernel,
    stride,
    dilation,
    canvasStart,
    canvas: canvasEnd - canvasStart,
    cropStart,
    outputSize,
    outputPadding,
    inputLength: length,
    firstStep: 0,
    input: finiteArray(layer.input.data, inputBase, inputBase + steps),
    weights: finiteArray(layer.weight.data, weightBase, weightBase + kernel),
    channelsPerOutput: cInPerGroup,
    bias: layer.bias ? finiteOr0(layer.bias.data[outChannel]) : 0,
  };
  const note =
    steps < length
      ? l10n.t('the first {0} of {1} input elements are drawn step by step', formatCount(steps), formatCount(length))
      : null;
  return { strip, note };
}

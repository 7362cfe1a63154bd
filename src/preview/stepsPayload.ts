/**
 * d2l's step-by-step scatter (engine broadcastSteps) for the (batch, output channel) pictures of a 2-D layer that fit
 * the cap; a 1-D layer's is a strip (stepStripPayload.ts).
 */
import * as l10n from '@vscode/l10n';
import { broadcastCanvas, broadcastSteps, MAX_BROADCAST_STEPS, type BroadcastPicture } from '../engine';
import type { PreviewFocus, StepPicture, StepsPayload, StepStripPayload } from '../webviewProtocol';
import type { LayerEvaluation } from '../specFile';
import { formatCount } from '../specFile/format';
import { finiteArray, finiteOr0 } from './numbers';
import { stepStripPayload } from './stepStripPayload';

/** Canvases above this many cells are not drawn step by step (the webview draws them as tables). */
export const MAX_STEP_CANVAS_CELLS = 4096;

export interface StepsResult {
  readonly steps: StepsPayload | null;
  /** 1-D layers: the picture as a strip (steps is then null). */
  readonly strip: StepStripPayload | null;
  readonly note: string | null;
}

function pictureOf(p: BroadcastPicture): StepPicture {
  return {
    batch: p.batch,
    outChannel: p.outChannel,
    bias: finiteOr0(p.bias),
    steps: p.steps.map((s) => ({
      channel: s.channel,
      row: s.row,
      col: s.col,
      value: finiteOr0(s.value),
      top: s.top,
      left: s.left,
      patch: finiteArray(s.patch),
    })),
    canvasSum: finiteArray(p.canvasSum),
    output: finiteArray(p.output),
  };
}

/** The focused (batch, output channel) picture's index, batch·C_out + output channel. */
function pictureIndex(layer: LayerEvaluation, focus: PreviewFocus | null): number | null {
  return focus ? focus.batch * layer.output.shape[1] + focus.outChannel : null;
}

export function stepsPayload(layer: LayerEvaluation, maxStepValues: number, focus: PreviewFocus | null): StepsResult {
  if (layer.plan.kind !== 'convTranspose') return { steps: null, strip: null, note: null };
  if (layer.input.shape.length === 3) {
    const { strip, note } = stepStripPayload(layer, maxStepValues, focus);
    return { steps: null, strip, note };
  }
  if (layer.input.shape.length === 5)
    return {
      steps: null,
      strip: null,
      note: l10n.t(
        'the step-by-step picture is drawn for 1-D and 2-D layers: a 3-D layer is a stack of 2-D ones over depth (see Grids, slice by slice)',
      ),
    };
  const { input, weight } = layer;
  const params = layer.plan.params;
  const [batches, cIn, hIn, wIn] = input.shape;
  const [, cOutPerGroup, kH, kW] = weight.shape;
  const stepCount = (cIn / params.groups) * hIn * wIn;
  if (stepCount > MAX_BROADCAST_STEPS) {
    return {
      steps: null,
      strip: null,
      note: l10n.t(
        '{0} input elements reach each output channel; the step-by-step picture stops at {1}',
        formatCount(stepCount),
        formatCount(MAX_BROADCAST_STEPS),
      ),
    };
  }
  // The canvas follows from the sizes alone: check it before building any picture (huge dilation or padding).
  const [canvasH, canvasW] = broadcastCanvas([hIn, wIn], [kH, kW], params, layer.output.shape.slice(-2));
  if (canvasH * canvasW > MAX_STEP_CANVAS_CELLS) {
    return {
      steps: null,
      strip: null,
      note: l10n.t(
        'the {0}×{1} canvas is above the {2} cells drawn step by step',
        canvasH,
        canvasW,
        formatCount(MAX_STEP_CANVAS_CELLS),
      ),
    };
  }
  const first = broadcastSteps(input, weight, layer.bias, params, { batch: 0, outChannel: 0 });
  const cOut = cOutPerGroup * params.groups;
  const pictureCount = batches * cOut;
  const perPicture = stepCount * (kH * kW + 6) + 2 * canvasH * canvasW;
  const fitting = Math.min(pictureCount, Math.floor(maxStepValues / perPicture));
  if (fitting === 0) {
    return {
      steps: null,
      strip: null,
      note: l10n.t(
        "one picture holds {0} values, above the preview's cap of {1}",
        formatCount(perPicture),
        formatCount(maxStepValues),
      ),
    };
  }
  const focusPicture = pictureIndex(layer, focus);
  const wanted = focusPicture !== null && focusPicture >= 0 && focusPicture < pictureCount ? focusPicture : 0;
  const firstPicture = Math.max(0, Math.min(wanted, pictureCount - fitting));
  const pictures: StepPicture[] = [];
  for (let i = firstPicture; i < firstPicture + fitting; i++) {
    const select = { batch: Math.floor(i / cOut), outChannel: i % cOut };
    pictures.push(pictureOf(i === 0 ? first : broadcastSteps(input, weight, layer.bias, params, select)));
  }
  const note =
    fitting < pictureCount
      ? l10n.t(
          'pictures {0}–{1} of {2} (batch × output channel) sent (cap: {3} values)',
          firstPicture + 1,
          firstPicture + fitting,
          formatCount(pictureCount),
          formatCount(maxStepValues),
        )
      : null;
  return {
    steps: {
      kernel: [kH, kW],
      stride: [first.stride[0], first.stride[1]],
      dilation: [first.dilation[0], first.dilation[1]],
      canvas: [canvasH, canvasW],
      cropStart: [first.cropStart[0], first.cropStart[1]],
      outputSize: [first.outputSize[0], first.outputSize[1]],
      outputPadding: [first.outputPadding[0], first.outputPadding[1]],
      pictureCount,
      firstPicture,
      pictures,
      note,
    },
    strip: null,
    note,
  };
}

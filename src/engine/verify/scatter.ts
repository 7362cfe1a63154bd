import * as l10n from '@vscode/l10n';
import { broadcastCanvas, MAX_BROADCAST_CANVAS, MAX_BROADCAST_STEPS } from '../steps';
import { compareValues, comparisonDetails, comparisonSummary, notRunResult } from './compare';
import { lift, liftedParams, prepareLayer } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

export const DEFAULT_MAX_SCATTER_STEPS = 65_536;
/** Canvas cells summed over all planes: each plane's canvas is cleared and cropped once. */
export const DEFAULT_MAX_SCATTER_CANVAS_CELLS = 16_777_216;

function scatterSummary(compared: string, planes: number, steps: number): string {
  if (planes === 1) {
    return steps === 1
      ? l10n.t('{0} in 1 plane from 1 broadcast step', compared)
      : l10n.t('{0} in 1 plane from {1} broadcast steps', compared, steps);
  }
  return l10n.t('{0} in {1} planes from {2} broadcast steps', compared, planes, steps);
}

/**
 * (a) Every (batch, output channel) plane: the broadcast steps of steps.ts, each value·K placed at
 * (i·stride, j·stride) on the canvas, summed, cropped by padding and offset by the bias, must equal
 * the engine's convTranspose plane. 1-D layers are drawn with H = 1. Bias is included on both sides.
 */
export function verifyScatter(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  if (ctx.rank === 3) {
    const reason = l10n.t('the broadcast steps are drawn for 1-D and 2-D layers only; this layer is 3-D');
    return notRunResult('scatter', verificationTitle('scatter'), reason, { rank: ctx.rank });
  }
  const input = lift(ctx.input, ctx.rank);
  const weight = lift(ctx.weight, ctx.rank);
  const params = liftedParams(ctx);
  const [batch, cIn, hIn, wIn] = input.shape;
  const cOut = ctx.outputShape[1];
  const perPlane = (cIn / params.groups) * hIn * wIn;
  const steps = batch * cOut * perPlane;
  const cap = options.maxScatterSteps ?? DEFAULT_MAX_SCATTER_STEPS;
  if (perPlane > MAX_BROADCAST_STEPS || steps > cap) {
    const reason = l10n.t(
      '{0} broadcast steps ({1} per plane), above the cap of {2} ({3} per plane)',
      steps,
      perPlane,
      cap,
      MAX_BROADCAST_STEPS,
    );
    return notRunResult('scatter', verificationTitle('scatter'), reason, {
      steps,
      stepsPerPlane: perPlane,
      cap,
      capPerPlane: MAX_BROADCAST_STEPS,
    });
  }
  // A huge padding or dilation can keep the output small while the uncropped canvas grows without bound.
  const outSpatial = ctx.rank === 1 ? [1, ctx.outputShape[2]] : ctx.outputShape.slice(2);
  const [canvasH, canvasW] = broadcastCanvas([hIn, wIn], weight.shape.slice(2), params, outSpatial);
  const canvasCells = canvasH * canvasW;
  if (canvasCells > MAX_BROADCAST_CANVAS || batch * cOut * canvasCells > DEFAULT_MAX_SCATTER_CANVAS_CELLS) {
    const planes = batch * cOut;
    const reason =
      planes === 1
        ? l10n.t(
            'a {0}×{1} canvas in 1 plane ({2} cells), above the cap of {3} per plane and {4} in all',
            canvasH,
            canvasW,
            canvasCells,
            MAX_BROADCAST_CANVAS,
            DEFAULT_MAX_SCATTER_CANVAS_CELLS,
          )
        : l10n.t(
            'a {0}×{1} canvas in each of {2} planes ({3} cells), above the cap of {4} per plane and {5} in all',
            canvasH,
            canvasW,
            planes,
            planes * canvasCells,
            MAX_BROADCAST_CANVAS,
            DEFAULT_MAX_SCATTER_CANVAS_CELLS,
          );
    return notRunResult('scatter', verificationTitle('scatter'), reason, {
      canvas: [canvasH, canvasW],
      planes: batch * cOut,
      capPerPlane: MAX_BROADCAST_CANVAS,
      cap: DEFAULT_MAX_SCATTER_CANVAS_CELLS,
    });
  }

  const engine = ctx.ops.convTranspose(ctx.input, ctx.weight, ctx.bias, ctx.params);
  const [kH, kW] = [weight.shape[2], weight.shape[3]];
  const [dH, dW] = params.dilation;
  const picture = new Float64Array(engine.data.length);
  let canvas = new Float64Array(0);
  let written = 0;
  let canvasSize: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < cOut; co++) {
      const pic = ctx.ops.broadcastSteps(input, weight, ctx.bias, params, { batch: n, outChannel: co });
      const [canvasH, canvasW] = pic.canvas;
      canvasSize = [canvasH, canvasW];
      if (canvas.length !== canvasH * canvasW) canvas = new Float64Array(canvasH * canvasW);
      else canvas.fill(0);
      for (const step of pic.steps) {
        for (let a = 0; a < kH; a++) {
          const row = (step.top + a * dH) * canvasW + step.left;
          for (let b = 0; b < kW; b++) canvas[row + b * dW] += step.patch[a * kW + b];
        }
      }
      const [outH, outW] = pic.outputSize;
      const [cropH, cropW] = pic.cropStart;
      for (let r = 0; r < outH; r++) {
        for (let c = 0; c < outW; c++) picture[written++] = canvas[(r + cropH) * canvasW + c + cropW] + pic.bias;
      }
    }
  }
  // A picture of the wrong size shows up as a length mismatch.
  const cmp = compareValues(written === picture.length ? picture : new Float64Array(written), engine.data, ctx.rtol);
  return {
    name: 'scatter',
    title: verificationTitle('scatter'),
    passed: cmp.passed,
    summary: scatterSummary(comparisonSummary(cmp, 'entries'), batch * cOut, steps),
    details: {
      ...comparisonDetails(cmp, ctx.rtol),
      planes: batch * cOut,
      steps,
      canvas: canvasSize,
      biasIncluded: true,
      liftedTo2d: ctx.rank === 1,
    },
  };
}

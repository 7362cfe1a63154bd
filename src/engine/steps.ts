import { convTransposeOutputShape } from './checks';
import { EngineError } from './errors';
import { normalizeParams, type ConvOptions } from './params';
import { effectiveKernel } from './shape';
import type { Tensor } from './tensor';

/** One input element broadcast through the kernel: value·K placed at (i·stride, j·stride) on the canvas. */
export interface BroadcastStep {
  /** Input channel and spatial position of the element. */
  readonly channel: number;
  readonly row: number;
  readonly col: number;
  readonly value: number;
  /** Canvas position of kernel tap (0, 0); tap (a, b) lands at (top + a·dilation, left + b·dilation). */
  readonly top: number;
  readonly left: number;
  /** value·K[channel, outChannel] row-major, kH × kW. */
  readonly patch: readonly number[];
}

/**
 * d2l's basic operation generalised (Fig. 14.10.1/14.10.2): the uncropped canvas every input element is
 * broadcast onto, the padding crop, and the output_padding rows/columns added at the bottom/right.
 */
export interface BroadcastPicture {
  readonly batch: number;
  readonly outChannel: number;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  /** Canvas size: every contribution fits, plus output_padding rows beyond it when padding < output_padding. */
  readonly canvas: readonly [number, number];
  /** Rows/columns cut by padding at the top/left; the output starts here on the canvas. */
  readonly cropStart: readonly [number, number];
  readonly outputSize: readonly [number, number];
  /** The last outputPadding rows/columns of the output exist only because of output_padding. */
  readonly outputPadding: readonly [number, number];
  readonly bias: number;
  readonly steps: readonly BroadcastStep[];
  /** Sum of all steps on the canvas, row-major, before cropping and bias. */
  readonly canvasSum: readonly number[];
  /** canvasSum cropped to the output plus bias: equals convTranspose2d(...)[batch, outChannel]. */
  readonly output: readonly number[];
}

export const MAX_BROADCAST_STEPS = 4096;
/**
 * Cells of the largest canvas drawn. The canvas spans everything the dilated kernel reaches before the padding
 * crop, so a huge dilation or padding (dilation 10⁴ with padding 5·10³ still gives a 2×2 output) asks for a
 * canvas far larger than the output.
 */
export const MAX_BROADCAST_CANVAS = 1 << 20;

/** The uncropped canvas [H, W] of a 2-D transposed convolution's step-by-step picture; computed from sizes only. */
export function broadcastCanvas(
  inputSpatial: readonly number[],
  kernel: readonly number[],
  p: { stride: readonly number[]; dilation: readonly number[]; padding: readonly number[] },
  outputSpatial: readonly number[],
): [number, number] {
  const reach = (d: number) => (inputSpatial[d] - 1) * p.stride[d] + effectiveKernel(kernel[d], p.dilation[d]);
  return [Math.max(reach(0), p.padding[0] + outputSpatial[0]), Math.max(reach(1), p.padding[1] + outputSpatial[1])];
}

/** The step-by-step scatter for one (batch, output channel) plane of a 2-D transposed convolution. */
export function broadcastSteps(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  options: ConvOptions,
  select: { batch?: number; outChannel?: number } = {},
): BroadcastPicture {
  if (input.shape.length === 5) {
    throw new EngineError(
      'bad-shape',
      `the step-by-step picture is drawn for 1-D and 2-D layers only, got a 3-D input [${input.shape.join(', ')}]`,
      { shape: input.shape },
    );
  }
  const p = normalizeParams(2, options);
  const outShape = convTransposeOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, p);
  const [batches, cIn, hIn, wIn] = input.shape;
  const [, cOutPerGroup, kH, kW] = weight.shape;
  const batch = select.batch ?? 0;
  const outChannel = select.outChannel ?? 0;
  if (batch < 0 || batch >= batches || outChannel < 0 || outChannel >= outShape[1]) {
    throw new EngineError(
      'invalid-parameter',
      `no plane (batch ${batch}, channel ${outChannel}) in output [${outShape.join(', ')}]`,
    );
  }
  const group = Math.floor(outChannel / cOutPerGroup);
  const coLocal = outChannel % cOutPerGroup;
  const cInPerGroup = cIn / p.groups;
  if (cInPerGroup * hIn * wIn > MAX_BROADCAST_STEPS) {
    throw new EngineError(
      'size-cap',
      `the step-by-step picture is limited to ${MAX_BROADCAST_STEPS} input elements per output channel, this layer has ${cInPerGroup * hIn * wIn}`,
    );
  }
  const [sH, sW] = p.stride;
  const [dH, dW] = p.dilation;
  const [pH, pW] = p.padding;
  const [hOut, wOut] = [outShape[2], outShape[3]];
  const [canvasH, canvasW] = broadcastCanvas([hIn, wIn], [kH, kW], p, [hOut, wOut]);
  if (canvasH * canvasW > MAX_BROADCAST_CANVAS) {
    throw new EngineError(
      'size-cap',
      `the step-by-step picture would need a ${canvasH}×${canvasW} canvas, above the cap of ${MAX_BROADCAST_CANVAS} cells`,
      {
        canvas: [canvasH, canvasW],
        cap: MAX_BROADCAST_CANVAS,
      },
    );
  }
  const canvasSum = new Array<number>(canvasH * canvasW).fill(0);
  const steps: BroadcastStep[] = [];

  for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
    const ci = group * cInPerGroup + ciLocal;
    const wBase = (ci * cOutPerGroup + coLocal) * kH * kW;
    for (let i = 0; i < hIn; i++) {
      for (let j = 0; j < wIn; j++) {
        const value = input.data[((batch * cIn + ci) * hIn + i) * wIn + j];
        const patch: number[] = [];
        for (let a = 0; a < kH; a++) {
          for (let b = 0; b < kW; b++) {
            const v = value * weight.data[wBase + a * kW + b];
            patch.push(v);
            canvasSum[(i * sH + a * dH) * canvasW + j * sW + b * dW] += v;
          }
        }
        steps.push({ channel: ci, row: i, col: j, value, top: i * sH, left: j * sW, patch });
      }
    }
  }

  const biasValue = bias ? bias.data[outChannel] : 0;
  const output: number[] = [];
  for (let r = 0; r < hOut; r++) {
    for (let c = 0; c < wOut; c++) output.push(canvasSum[(r + pH) * canvasW + c + pW] + biasValue);
  }
  return {
    batch,
    outChannel,
    kernel: [kH, kW],
    stride: [sH, sW],
    dilation: [dH, dW],
    canvas: [canvasH, canvasW],
    cropStart: [pH, pW],
    outputSize: [hOut, wOut],
    outputPadding: [p.outputPadding[0], p.outputPadding[1]],
    bias: biasValue,
    steps,
    canvasSum,
    output,
  };
}

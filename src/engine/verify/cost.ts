import * as l10n from '@vscode/l10n';
import { matrixStats } from '../matrix';
import type { ConvParams } from '../params';
import { numel } from '../tensor';
import { fmt, formatBytes } from './compare';
import { prepareLayer } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

/**
 * In-bounds taps counted from W's columns (the layer's output positions), independently of
 * transposedConvMatrixSize, which counts them from W's rows: output position o along one axis receives
 * tap k from input i = (o + padding − k·dilation) / stride when that is an integer in [0, in).
 */
function tapsByOutput(
  outSize: number,
  inSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): number {
  let taps = 0;
  for (let o = 0; o < outSize; o++) {
    for (let k = 0; k < kernel; k++) {
      const reach = o + padding - k * dilation;
      if (reach >= 0 && reach % stride === 0 && reach / stride < inSize) taps++;
    }
  }
  return taps;
}

/**
 * In-bounds taps counted from W's rows (the layer's input positions): input position i along one axis sends
 * tap k to output i·stride − padding + k·dilation when that is inside [0, out).
 */
function tapsByInput(
  inSize: number,
  outSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): number {
  let taps = 0;
  for (let i = 0; i < inSize; i++) {
    for (let k = 0; k < kernel; k++) {
      const o = i * stride - padding + k * dilation;
      if (o >= 0 && o < outSize) taps++;
    }
  }
  return taps;
}

/** rows × cols and non-zeros of one sample's W (C_in·D·H·W × C_out·D_out·H_out·W_out), counted by rows. */
function matrixSizeByRows(
  inputShape: readonly number[],
  weightShape: readonly number[],
  outputShape: readonly number[],
  p: ConvParams,
): { rows: number; cols: number; nnz: number } {
  let nnz = inputShape[1] * weightShape[1];
  for (let d = 0; d < inputShape.length - 2; d++) {
    nnz *= tapsByInput(
      inputShape[d + 2],
      outputShape[d + 2],
      weightShape[d + 2],
      p.stride[d],
      p.padding[d],
      p.dilation[d],
    );
  }
  return { rows: numel(inputShape.slice(1)), cols: numel(outputShape.slice(1)), nnz };
}

/**
 * (h) d2l §14.10 exercise 2: what computing the layer as a matrix product costs, from counts only, so it
 * runs on any layer (a DCGAN layer's W would not fit in memory). FLOPs count a multiply and an add.
 * Passed iff nnz from W's rows equals the in-bounds taps counted from its columns.
 */
export function verifyCost(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  // matrix.ts builds W for 1-D and 2-D only; a 3-D W's size is counted here, from its rows (the input positions).
  const size =
    ctx.rank === 3
      ? matrixSizeByRows(ctx.input.shape, ctx.weight.shape, ctx.outputShape, ctx.params)
      : ctx.ops.transposedConvMatrixSize(ctx.input.shape, ctx.weight.shape, ctx.params);
  const stats = matrixStats(size);
  const p = ctx.params;
  const [batch, cIn] = ctx.input.shape;
  const outPerGroup = ctx.weight.shape[1];
  const inSpatial = ctx.input.shape.slice(2);
  const outSpatial = ctx.outputShape.slice(2);
  const kernel = ctx.weight.shape.slice(2);
  let taps = cIn * outPerGroup;
  for (let d = 0; d < ctx.rank; d++)
    taps *= tapsByOutput(outSpatial[d], inSpatial[d], kernel[d], p.stride[d], p.padding[d], p.dilation[d]);
  const allTaps = cIn * numel(inSpatial) * outPerGroup * numel(kernel);
  const passed =
    size.nnz === taps && size.rows === cIn * numel(inSpatial) && size.cols === numel(ctx.outputShape.slice(1));
  const details: VerificationResult['details'] = {
    batch,
    rows: size.rows,
    cols: size.cols,
    nnz: size.nnz,
    inBoundsTaps: taps,
    allTaps,
    density: stats.density,
    sparseFlopsPerSample: 2 * size.nnz,
    denseFlopsPerSample: 2 * size.rows * size.cols,
    directFlopsPerSample: 2 * taps,
    sparseFlops: 2 * batch * size.nnz,
    denseFlops: 2 * batch * size.rows * size.cols,
    directFlops: 2 * batch * taps,
    directFlopsAllTaps: 2 * batch * allTaps,
    bytesDense: stats.bytesDense,
    bytesDenseFloat32: stats.bytesDense / 2,
    bytesCsr: stats.bytesCsr,
    bytesKernel: numel(ctx.weight.shape) * 8,
  };
  const numbers = [
    size.rows,
    size.cols,
    size.nnz,
    fmt(stats.density),
    formatBytes(stats.bytesDense),
    formatBytes(stats.bytesCsr),
    formatBytes(numel(ctx.weight.shape) * 8),
    fmt(2 * size.nnz),
    fmt(2 * size.rows * size.cols),
    fmt(2 * taps),
  ];
  return {
    name: 'cost',
    title: verificationTitle('cost'),
    passed,
    summary: passed
      ? l10n.t(
          'W {0}×{1}, nnz {2} (density {3}); bytes dense {4}, CSR {5}, kernel {6}; FLOPs per sample sparse {7}, dense {8}, direct {9}',
          ...numbers,
        )
      : l10n.t(
          'W {0}×{1}, nnz {2} (density {3}); bytes dense {4}, CSR {5}, kernel {6}; FLOPs per sample sparse {7}, dense {8}, direct {9} — MISMATCH: {0}×{1} with {2} non-zeros by rows, {10} in-bounds taps by columns',
          ...numbers,
          taps,
        ),
    details,
  };
}

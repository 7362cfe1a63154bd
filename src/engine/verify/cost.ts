import * as l10n from '@vscode/l10n';
import { matrixStats } from '../matrix';
import { tapsPerOutput, type TapAxis } from '../axisTaps';
import type { ConvParams } from '../params';
import { numel } from '../tensor';
import { fmt, formatBytes } from './compare';
import { prepareLayer } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

function axesOf(
  inputShape: readonly number[],
  weightShape: readonly number[],
  outputShape: readonly number[],
  p: ConvParams,
): TapAxis[] {
  return inputShape.slice(2).map((inSize, d) => ({
    inSize,
    outSize: outputShape[d + 2],
    kernel: weightShape[d + 2],
    stride: p.stride[d],
    padding: p.padding[d],
    dilation: p.dilation[d],
  }));
}

/**
 * In-bounds taps counted from W's columns (the layer's output positions), independently of
 * transposedConvMatrixSize, which counts them from W's rows.
 */
function tapsByOutput(a: TapAxis): number {
  return tapsPerOutput(a).reduce((sum, n) => sum + n, 0);
}

/**
 * In-bounds taps counted from W's rows (the layer's input positions): input position i along one axis sends
 * tap k to output i·stride − padding + k·dilation when that is inside [0, out).
 */
function tapsByInput(a: TapAxis): number {
  let taps = 0;
  for (let i = 0; i < a.inSize; i++) {
    for (let k = 0; k < a.kernel; k++) {
      const o = i * a.stride - a.padding + k * a.dilation;
      if (o >= 0 && o < a.outSize) taps++;
    }
  }
  return taps;
}

/** C_in · (C_out/groups) · Π over the axes of the taps `count` finds along each. */
function channelTaps(
  cIn: number,
  outPerGroup: number,
  axes: readonly TapAxis[],
  count: (a: TapAxis) => number,
): number {
  return axes.reduce((taps, a) => taps * count(a), cIn * outPerGroup);
}

/**
 * (h) d2l §14.10 exercise 2: what computing the layer as a matrix product costs, from counts only, so it
 * runs on any layer (a DCGAN layer's W would not fit in memory). FLOPs count a multiply and an add.
 * Passed iff nnz from W's rows equals the in-bounds taps counted from its columns.
 */
export function verifyCost(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const [batch, cIn] = ctx.input.shape;
  const outPerGroup = ctx.weight.shape[1];
  const inSpatial = ctx.input.shape.slice(2);
  const kernel = ctx.weight.shape.slice(2);
  const axes = axesOf(ctx.input.shape, ctx.weight.shape, ctx.outputShape, ctx.params);
  // matrix.ts builds W for 1-D and 2-D only; a 3-D W's size is counted here, from its rows (the input positions).
  const size =
    ctx.rank === 3
      ? {
          rows: numel(ctx.input.shape.slice(1)),
          cols: numel(ctx.outputShape.slice(1)),
          nnz: channelTaps(cIn, outPerGroup, axes, tapsByInput),
        }
      : ctx.ops.transposedConvMatrixSize(ctx.input.shape, ctx.weight.shape, ctx.params);
  const stats = matrixStats(size);
  const taps = channelTaps(cIn, outPerGroup, axes, tapsByOutput);
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

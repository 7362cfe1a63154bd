import * as l10n from '@vscode/l10n';
import { matrixStats } from '../matrix';
import { totalTapsByOutput, type TapAxis } from '../axisTaps';
import type { ConvParams } from '../params';
import { numel } from '../tensor';
import { fmt, formatBytes, notRunResult } from './compare';
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
 * The most positions × taps the check counts along one axis (both counts walk every position of the axis with every
 * tap). Far beyond any real layer (a 1-D layer of a million samples with a kernel of 64 is 2^26); a spec that
 * declares a larger axis gets "not run" rather than minutes of counting.
 */
export const COST_MAX_AXIS_WORK = 2 ** 26;

/** Rows along an axis up to which W's size comes from matrix.ts's own count (two Int32Array of that length). */
const MATRIX_COUNT_MAX_ROWS = 2 ** 16;

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
  const work = Math.max(...axes.map((a) => Math.max(a.inSize, a.outSize) * a.kernel));
  if (work > COST_MAX_AXIS_WORK)
    return notRunResult(
      'cost',
      verificationTitle('cost'),
      l10n.t(
        '{0} position × tap pairs along one axis: too many to count W position by position (at most {1})',
        fmt(work),
        fmt(COST_MAX_AXIS_WORK),
      ),
      { axisWork: work, maxAxisWork: COST_MAX_AXIS_WORK },
    );
  // matrix.ts builds W for 1-D and 2-D only, with a table per output row: a 3-D W's size, and that of a W with more
  // rows along an axis than MATRIX_COUNT_MAX_ROWS, is counted here from its rows (the input positions), allocating nothing.
  const size =
    ctx.rank === 3 || axes.some((a) => a.outSize > MATRIX_COUNT_MAX_ROWS)
      ? {
          rows: numel(ctx.input.shape.slice(1)),
          cols: numel(ctx.outputShape.slice(1)),
          nnz: channelTaps(cIn, outPerGroup, axes, tapsByInput),
        }
      : ctx.ops.transposedConvMatrixSize(ctx.input.shape, ctx.weight.shape, ctx.params);
  const stats = matrixStats(size);
  const taps = channelTaps(cIn, outPerGroup, axes, totalTapsByOutput);
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

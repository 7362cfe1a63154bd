import * as l10n from '@vscode/l10n';
import { matTVec, matrixStats, matVec, type ConvMatrix } from '../matrix';
import { formatShape, type TensorData } from '../tensor';
import { compareValues, comparisonDetails, comparisonSummary, formatBytes, notRunResult } from './compare';
import { cropSpatial, perSample, prepareLayer, randomTensor, type LayerContext } from './layer';
import {
  verificationTitle,
  type TransposedConvLayer,
  type VerificationName,
  type VerificationResult,
  type VerifyOptions,
} from './types';

/** W of the layer, or the reason it is not built (estimated from counts, nothing allocated). */
function layerMatrix(ctx: LayerContext, name: VerificationName): ConvMatrix | VerificationResult {
  if (ctx.rank === 3) {
    const reason = l10n.t('W is built for 1-D and 2-D layers only; this layer is 3-D');
    return notRunResult(name, verificationTitle(name), reason, { rank: ctx.rank });
  }
  const size = ctx.ops.transposedConvMatrixSize(ctx.input.shape, ctx.weight.shape, ctx.params);
  const stats = matrixStats(size);
  if (size.nnz > ctx.maxNnz || size.rows > ctx.maxNnz) {
    const reason = l10n.t(
      'W would be {0}×{1} with {2} entries ({3} as CSR, {4} dense), above the cap of {5} entries',
      size.rows,
      size.cols,
      size.nnz,
      formatBytes(stats.bytesCsr),
      formatBytes(stats.bytesDense),
      ctx.maxNnz,
    );
    return notRunResult(name, verificationTitle(name), reason, {
      rows: size.rows,
      cols: size.cols,
      nnz: size.nnz,
      bytesCsr: stats.bytesCsr,
      bytesDense: stats.bytesDense,
      maxNnz: ctx.maxNnz,
    });
  }
  return ctx.ops.transposedConvMatrix(ctx.input.shape, ctx.weight, ctx.params, { maxNnz: ctx.maxNnz });
}

function isResult(m: ConvMatrix | VerificationResult): m is VerificationResult {
  return 'name' in m;
}

/** Applies f to every sample of `batched` (sampleIn elements each), concatenating the results. */
function perBatch(
  batched: TensorData,
  samples: number,
  sampleIn: number,
  sampleOut: number,
  f: (x: ArrayLike<number>) => Float64Array,
): Float64Array {
  const out = new Float64Array(samples * sampleOut);
  for (let n = 0; n < samples; n++) {
    const y = f(batched.subarray(n * sampleIn, (n + 1) * sampleIn));
    if (y.length !== sampleOut) return new Float64Array(0);
    out.set(y, n * sampleOut);
  }
  return out;
}

/**
 * (b) W·vec(X) equals the paired forward convolution of a seeded random X of the layer's output size,
 * sample by sample. When output_padding ≥ stride the convolution has rows W leaves out (they match no
 * input element of the layer); those are not compared and their count is reported.
 */
export function verifyMatrix(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const W = layerMatrix(ctx, 'matrix');
  if (isResult(W)) return W;
  const X = randomTensor(ctx.outputShape, ctx.seed);
  const convX = ctx.ops.conv(X, ctx.weight, null, ctx.forward);
  const expected = cropSpatial(convX, ctx.input.shape.slice(2));
  const batch = X.shape[0];
  const actual = perBatch(X.data, batch, W.cols, W.rows, (x) => matVec(W, x));
  const cmp = compareValues(actual, expected ? expected.data : [], ctx.rtol);
  const rowsLeftOut = expected ? perSample(convX.shape) - W.rows : 0;
  const compared = comparisonSummary(cmp, 'entries');
  const nnz = W.rowPtr[W.rows];
  return {
    name: 'matrix',
    title: verificationTitle('matrix'),
    passed: cmp.passed,
    summary:
      rowsLeftOut <= 0
        ? l10n.t('{0} (W {1}×{2}, {3} non-zeros)', compared, W.rows, W.cols, nnz)
        : rowsLeftOut === 1
          ? l10n.t('{0} (W {1}×{2}, {3} non-zeros, 1 conv row beyond Y left out)', compared, W.rows, W.cols, nnz)
          : l10n.t(
              '{0} (W {1}×{2}, {3} non-zeros, {4} conv rows beyond Y left out)',
              compared,
              W.rows,
              W.cols,
              nnz,
              rowsLeftOut,
            ),
    details: {
      ...comparisonDetails(cmp, ctx.rtol),
      rows: W.rows,
      cols: W.cols,
      nnz: W.rowPtr[W.rows],
      convOutputShape: [...convX.shape],
      rowsLeftOut,
      seed: ctx.seed,
      biasIncluded: false,
    },
  };
}

/** (c) Wᵀ·vec(Y) equals convTranspose(Y) for Y = the layer's input; bias is excluded on both sides (Wᵀ is linear). */
export function verifyTranspose(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const W = layerMatrix(ctx, 'transpose');
  if (isResult(W)) return W;
  const expected = ctx.ops.convTranspose(ctx.input, ctx.weight, null, ctx.params);
  const batch = ctx.input.shape[0];
  const actual = perBatch(ctx.input.data, batch, W.rows, W.cols, (y) => matTVec(W, y));
  const cmp = compareValues(actual, expected.data, ctx.rtol);
  return {
    name: 'transpose',
    title: verificationTitle('transpose'),
    passed: cmp.passed,
    summary: l10n.t(
      '{0} (Wᵀ {1}×{2} applied to Y {3}, bias excluded)',
      comparisonSummary(cmp, 'entries'),
      W.cols,
      W.rows,
      formatShape(ctx.input.shape),
    ),
    details: {
      ...comparisonDetails(cmp, ctx.rtol),
      rows: W.rows,
      cols: W.cols,
      nnz: W.rowPtr[W.rows],
      outputShape: [...expected.shape],
      biasIncluded: false,
    },
  };
}

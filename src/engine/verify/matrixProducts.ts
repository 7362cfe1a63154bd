import * as l10n from '@vscode/l10n';
import { formatShape, type Tensor } from '../tensor';
import { compareValues, comparisonDetails, comparisonSummary, notRunResult, type Comparison } from './compare';
import {
  cropSpatial,
  perSample,
  prepareLayer,
  randomTensor,
  SAMPLED_ENTRIES,
  sampleIndices,
  shared,
  type LayerContext,
} from './layer';
import {
  columnTimes,
  geometryOf,
  rowTimes,
  timesW,
  timesWt,
  type Entry,
  type Geometry3d,
  type Product,
} from './matrixFree';
import { compareWithinBound, float32Floor, float32Gamma, maxAbs, overflowReason, weightMaxAbs } from './precision';
import {
  verificationTitle,
  type DetailValue,
  type TransposedConvLayer,
  type VerificationResult,
  type VerifyOptions,
} from './types';

/**
 * The matrix-free side of a check and the engine's side, compared. Exact mode (below FAST_PATH_MIN_MACS): every
 * sample through W on its own, every entry, compared at rtol. Fast mode (the engine ran the float32 path): a seeded
 * sample of SAMPLED_ENTRIES entries over the whole batch (every entry when there are no more), each computed on its
 * own from the rows or columns of W it needs and allowed its float32 bound γ·Σ|terms| (precision.ts).
 */
export interface MatrixFreeComparison {
  readonly cmp: Comparison;
  /** Σ|terms| of the largest entry compared, for the overflow rule. */
  readonly magnitude: number;
  readonly details: Record<string, DetailValue>;
  /** In fast mode: how many entries were compared, of how many (equal when every entry was). */
  readonly sample?: { readonly compared: number; readonly total: number };
}

export function compareMatrixFree(
  ctx: LayerContext,
  input: Tensor,
  expected: ArrayLike<number>,
  product: (x: ArrayLike<number>) => Product,
): MatrixFreeComparison {
  const batch = input.shape[0];
  const sampleIn = batch === 0 ? 0 : input.data.length / batch;
  const actual = new Float64Array(expected.length);
  let magnitude = 0;
  const sampleOut = batch === 0 ? 0 : expected.length / batch;
  let lengthsAgree = Number.isInteger(sampleOut);
  for (let n = 0; n < batch && lengthsAgree; n++) {
    const p = product(input.data.subarray(n * sampleIn, (n + 1) * sampleIn));
    if (p.value.length !== sampleOut) lengthsAgree = false;
    else actual.set(p.value, n * sampleOut);
    magnitude = Math.max(magnitude, maxAbs(p.absolute));
  }
  const cmp = compareValues(lengthsAgree ? actual : new Float64Array(0), expected, ctx.rtol);
  return { cmp, magnitude, details: { ...comparisonDetails(cmp, ctx.rtol), samples: batch } };
}

/**
 * Fast mode: entries i = n·perSample + e of the batch, a seeded sample of SAMPLED_ENTRIES (all when there are no
 * more), `entry` computing the check's side of one and `expectedAt` reading the engine's (NaN when the engine's
 * output has the wrong size). `terms` is the most terms an engine output sums, for γ.
 */
export function compareSampled(
  ctx: LayerContext,
  batch: number,
  perSample: number,
  entry: (n: number, e: number) => Entry,
  expectedAt: (n: number, e: number) => number,
  terms: number,
): MatrixFreeComparison {
  const total = batch * perSample;
  const indices = sampleIndices(total, SAMPLED_ENTRIES, ctx.seed + 7);
  const actual = new Float64Array(indices.length);
  const expected = new Float64Array(indices.length);
  const absolute = new Float64Array(indices.length);
  for (const [k, i] of indices.entries()) {
    const n = Math.floor(i / perSample);
    const e = i - n * perSample;
    const got = entry(n, e);
    actual[k] = got.value;
    absolute[k] = got.absolute;
    expected[k] = expectedAt(n, e);
  }
  const gamma = float32Gamma(terms);
  const floor = float32Floor(terms, weightMaxAbs(ctx));
  const cmp = compareWithinBound(actual, expected, absolute, ctx.rtol, gamma, floor);
  return {
    cmp,
    magnitude: maxAbs(absolute),
    sample: { compared: indices.length, total },
    details: {
      ...comparisonDetails(cmp, ctx.rtol),
      worstIndex: cmp.worstIndex < 0 ? -1 : indices[cmp.worstIndex],
      samples: batch,
      entries: total,
      sampled: indices.length < total,
      sampleSeed: ctx.seed + 7,
      float32Gamma: gamma,
      termsPerEntry: terms,
    },
  };
}

/** Integers with thousands separators, as the summaries count entries. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The summary's note on how the values were compared in fast mode, or '' in exact mode. */
export function fastNote(sample: MatrixFreeComparison['sample'], items: 'entries' | 'planes' = 'entries'): string {
  if (!sample) return '';
  if (sample.compared >= sample.total) return l10n.t('; float32 fast path: each entry within (K + 4)·2⁻²⁴·Σ|terms|');
  return items === 'planes'
    ? l10n.t(
        '; float32 fast path: a seeded sample of {0} of {1} planes, each entry within (K + 4)·2⁻²⁴·Σ|terms|',
        count(sample.compared),
        count(sample.total),
      )
    : l10n.t(
        '; float32 fast path: a seeded sample of {0} of {1} entries, each within (K + 4)·2⁻²⁴·Σ|terms|',
        count(sample.compared),
        count(sample.total),
      );
}

/** The layer's seeded X (its output shape) and conv(X), shared by the matrix and adjoint checks. */
export function seededX(ctx: LayerContext): Tensor {
  return shared(ctx, 'x', () => randomTensor(ctx.outputShape, ctx.seed));
}

export function convOfX(ctx: LayerContext): Tensor {
  return shared(ctx, 'conv(x)', () => ctx.ops.conv(seededX(ctx), ctx.weight, null, ctx.forward));
}

/** convTranspose(Y) of the layer's input without bias, shared by the transpose and gradient checks. */
export function convTransposeOfY(ctx: LayerContext): Tensor {
  return shared(ctx, 'convTranspose(y)', () => ctx.ops.convTranspose(ctx.input, ctx.weight, null, ctx.params));
}

/** Pads a 1-D or 2-D spatial shape to (D, H, W) with leading 1s. */
function spatial3(shape: readonly number[]): [number, number, number] {
  const s = shape.slice(2);
  while (s.length < 3) s.unshift(1);
  return [s[0], s[1], s[2]];
}

/**
 * (b) W·vec(X) equals the paired forward convolution of a seeded random X of the layer's output size. W is never
 * built: each row is generated from the geometry when it is used (matrixFree.ts). When output_padding ≥ stride
 * the convolution has rows W leaves out (they match no input element of the layer); those are not compared and
 * their count is reported.
 */
export function verifyMatrix(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const g = geometryOf(ctx);
  const X = seededX(ctx);
  const convX = convOfX(ctx);
  const batch = X.shape[0];
  const terms = g.cOutPerGroup * g.kernel[0] * g.kernel[1] * g.kernel[2];
  let result: MatrixFreeComparison;
  let rowsLeftOut = 0;
  if (!ctx.fast) {
    const expected = cropSpatial(convX, ctx.input.shape.slice(2));
    rowsLeftOut = expected ? perSample(convX.shape) - g.rows : 0;
    result = compareMatrixFree(ctx, X, expected ? expected.data : [], (x) => timesW(g, ctx.weight, x));
  } else {
    // Row r of W is conv(X)'s entry at the same channel and position (rows beyond Y's size are left out).
    const [Dc, Hc, Wc] = spatial3(convX.shape);
    const fits =
      convX.shape.length === ctx.input.shape.length &&
      convX.shape[0] === batch &&
      convX.shape[1] === g.cIn &&
      Dc >= g.inSize[0] &&
      Hc >= g.inSize[1] &&
      Wc >= g.inSize[2] &&
      convX.data.length === batch * g.cIn * Dc * Hc * Wc;
    rowsLeftOut = fits ? perSample(convX.shape) - g.rows : 0;
    const [D, H, W] = g.inSize;
    const sampleX = g.cols;
    result = compareSampled(
      ctx,
      batch,
      g.rows,
      (n, r) => rowTimes(g, ctx.weight, r, X.data, n * sampleX),
      (n, r) => {
        if (!fits) return NaN;
        const iw = r % W;
        const ih = Math.floor(r / W) % H;
        const id = Math.floor(r / (W * H)) % D;
        const ci = Math.floor(r / (W * H * D));
        return convX.data[(((n * g.cIn + ci) * Dc + id) * Hc + ih) * Wc + iw];
      },
      terms,
    );
  }
  const overflow = overflowReason(ctx, result.magnitude);
  if (overflow) return notRunResult('matrix', verificationTitle('matrix'), overflow, { overflow: true });
  const { cmp } = result;
  const compared = comparisonSummary(cmp, 'entries') + fastNote(result.sample);
  return {
    name: 'matrix',
    title: verificationTitle('matrix'),
    passed: cmp.passed,
    summary:
      rowsLeftOut <= 0
        ? l10n.t('{0} (W {1}×{2}, {3} non-zeros, rows generated as used)', compared, g.rows, g.cols, g.nnz)
        : rowsLeftOut === 1
          ? l10n.t(
              '{0} (W {1}×{2}, {3} non-zeros, rows generated as used, 1 conv row beyond Y left out)',
              compared,
              g.rows,
              g.cols,
              g.nnz,
            )
          : l10n.t(
              '{0} (W {1}×{2}, {3} non-zeros, rows generated as used, {4} conv rows beyond Y left out)',
              compared,
              g.rows,
              g.cols,
              g.nnz,
              rowsLeftOut,
            ),
    details: {
      ...result.details,
      rows: g.rows,
      cols: g.cols,
      nnz: g.nnz,
      convOutputShape: [...convX.shape],
      rowsLeftOut,
      seed: ctx.seed,
      biasIncluded: false,
      matrixFree: true,
    },
  };
}

/** Terms of one convTranspose output at most: C_in/groups · kD·kH·kW. */
export function transposedTerms(g: Geometry3d): number {
  return g.cInPerGroup * g.kernel[0] * g.kernel[1] * g.kernel[2];
}

/**
 * (c) Wᵀ·vec(Y) equals convTranspose(Y) for Y = the layer's input; bias is excluded on both sides (Wᵀ is linear).
 * Wᵀ·y is accumulated row by row of W, each row generated when it is used.
 */
export function verifyTranspose(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const g = geometryOf(ctx);
  const expected = convTransposeOfY(ctx);
  const batch = ctx.input.shape[0];
  const result = ctx.fast
    ? compareSampled(
        ctx,
        batch,
        g.cols,
        (n, c) => columnTimes(g, ctx.weight, c, ctx.input.data, n * g.rows),
        (n, c) => (expected.data.length === batch * g.cols ? expected.data[n * g.cols + c] : NaN),
        transposedTerms(g),
      )
    : compareMatrixFree(ctx, ctx.input, expected.data, (y) => timesWt(g, ctx.weight, y));
  const overflow = overflowReason(ctx, result.magnitude);
  if (overflow) return notRunResult('transpose', verificationTitle('transpose'), overflow, { overflow: true });
  return {
    name: 'transpose',
    title: verificationTitle('transpose'),
    passed: result.cmp.passed,
    summary: l10n.t(
      '{0} (Wᵀ {1}×{2} applied to Y {3}, rows of W generated as used, bias excluded)',
      comparisonSummary(result.cmp, 'entries') + fastNote(result.sample),
      g.cols,
      g.rows,
      formatShape(ctx.input.shape),
    ),
    details: {
      ...result.details,
      rows: g.rows,
      cols: g.cols,
      nnz: g.nnz,
      outputShape: [...expected.shape],
      biasIncluded: false,
      matrixFree: true,
    },
  };
}

import * as l10n from '@vscode/l10n';
import { fmt } from './compare';
import { cropSpatial, dot, prepareLayer, randomTensor } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

/**
 * The smallest tolerance. Near underflow (values like 3e-323) float64 rounds to multiples of 4.9e-324, an
 * absolute error that no relative tolerance covers: 1e-9 × Σ|terms| itself rounds to 0 there.
 */
export const ADJOINT_UNDERFLOW_TOLERANCE = 1e-300;

/**
 * (e) The adjoint identity with conv as W and convTranspose as Wᵀ, on seeded random x (the layer's
 * output shape) and y (its input shape); no matrix, so it runs on any layer. The tolerance is relative
 * to Σ|terms| of the inner products, which bounds their rounding error even when they cancel to ~0.
 */
export function verifyAdjoint(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const x = randomTensor(ctx.outputShape, ctx.seed);
  const y = randomTensor(ctx.input.shape, ctx.seed + 1);
  // Rows of the paired convolution beyond Y (output_padding ≥ stride) are not part of W.
  const wx = cropSpatial(ctx.ops.conv(x, ctx.weight, null, ctx.forward), y.shape.slice(2));
  const wty = ctx.ops.convTranspose(y, ctx.weight, null, ctx.params);
  const shapesMatch = wx !== null && wx.data.length === y.data.length && wty.data.length === x.data.length;
  const left = shapesMatch ? dot(wx.data, y.data) : { value: NaN, absolute: NaN };
  const right = shapesMatch ? dot(x.data, wty.data) : { value: NaN, absolute: NaN };
  const scale = Math.max(left.absolute, right.absolute, Number.MIN_VALUE);
  const diff = Math.abs(left.value - right.value);
  const tolerance = Math.max(ctx.rtol * scale, ADJOINT_UNDERFLOW_TOLERANCE);
  const passed = shapesMatch && diff <= tolerance;
  return {
    name: 'adjoint',
    title: verificationTitle('adjoint'),
    passed,
    summary: !shapesMatch
      ? l10n.t('conv(x) or convTranspose(y) has the wrong size')
      : !Number.isFinite(left.value) || !Number.isFinite(right.value)
        ? l10n.t('⟨W x, y⟩ and ⟨x, Wᵀ y⟩ not comparable: the values are not finite (they overflow the number type)')
        : l10n.t(
            '⟨W x, y⟩ = {0}, ⟨x, Wᵀ y⟩ = {1}: |Δ| = {2} {3} {4} ({5} × Σ|terms| = {6})',
            fmt(left.value),
            fmt(right.value),
            fmt(diff),
            passed ? '≤' : '>',
            fmt(tolerance),
            fmt(ctx.rtol),
            fmt(scale),
          ),
    details: {
      lhs: left.value,
      rhs: right.value,
      absDiff: diff,
      relDiff: diff / scale,
      tolerance,
      rtol: ctx.rtol,
      scale,
      seedX: ctx.seed,
      seedY: ctx.seed + 1,
      method: l10n.t('conv and convTranspose on seeded random x, y (no matrix)'),
    },
  };
}

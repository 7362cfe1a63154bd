import * as l10n from '@vscode/l10n';
import { fmt, notRunResult } from './compare';
import { cropSpatial, dot, prepareLayer, randomTensor, type LayerContext } from './layer';
import { entryMagnitude, geometryOf } from './matrixFree';
import { convOfX, convTransposeOfY, seededX, transposedTerms } from './matrixProducts';
import { float32Gamma, maxAbs, overflowReason } from './precision';
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
  // x and conv(x) are the matrix check's (computed once per layer). On the fast path y is the layer's own input
  // (unless it is all zeros), so convTranspose(y) is the one the transpose and gradient checks compare: the
  // identity holds for every y, and a batch of 64 then costs no extra pass of the layer.
  const x = seededX(ctx);
  const ownY = ctx.fast && layerInputNonZero(ctx);
  const y = ownY ? ctx.input : randomTensor(ctx.input.shape, ctx.seed + 1);
  // Rows of the paired convolution beyond Y (output_padding ≥ stride) are not part of W.
  const wx = cropSpatial(convOfX(ctx), y.shape.slice(2));
  const wty = ownY ? convTransposeOfY(ctx) : ctx.ops.convTranspose(y, ctx.weight, null, ctx.params);
  const shapesMatch = wx !== null && wx.data.length === y.data.length && wty.data.length === x.data.length;
  const left = shapesMatch ? dot(wx.data, y.data) : { value: NaN, absolute: NaN };
  const right = shapesMatch ? dot(x.data, wty.data) : { value: NaN, absolute: NaN };
  const scale = Math.max(left.absolute, right.absolute, Number.MIN_VALUE);
  const diff = Math.abs(left.value - right.value);
  // On the fast path each side carries its engine call's float32 rounding: every entry of W x within γ·(|W||x|)_r,
  // so ⟨W x, y⟩ within γ·⟨|W||x|, |y|⟩ ≤ γ·max|x|·max|y|·Σ|W| (and likewise ⟨x, Wᵀ y⟩, with the same bound).
  const g = ctx.fast ? geometryOf(ctx) : null;
  const float32Part = g
    ? (float32Gamma(g.cOutPerGroup * g.kernel[0] * g.kernel[1] * g.kernel[2]) + float32Gamma(transposedTerms(g))) *
      maxAbs(x.data) *
      maxAbs(y.data) *
      entryMagnitude(g, ctx.weight) *
      y.shape[0]
    : 0;
  const tolerance = Math.max(ctx.rtol * scale, ADJOINT_UNDERFLOW_TOLERANCE) + float32Part;
  const passed = shapesMatch && diff <= tolerance;
  const overflow = overflowReason(ctx, scale, float32Part);
  if (overflow) return notRunResult('adjoint', verificationTitle('adjoint'), overflow, { overflow: true });
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
          ) +
          (g ? l10n.t('; float32 fast path: plus (γ_conv + γ_convT)·max|x|·max|y|·Σ|W| = {0}', fmt(float32Part)) : ''),
    details: {
      lhs: left.value,
      rhs: right.value,
      absDiff: diff,
      relDiff: diff / scale,
      tolerance,
      rtol: ctx.rtol,
      scale,
      seedX: ctx.seed,
      seedY: ownY ? -1 : ctx.seed + 1,
      yIsLayerInput: ownY,
      float32Bound: float32Part,
      method: ownY
        ? l10n.t("conv and convTranspose on a seeded random x and the layer's input y (no matrix)")
        : l10n.t('conv and convTranspose on seeded random x, y (no matrix)'),
    },
  };
}

function layerInputNonZero(ctx: LayerContext): boolean {
  const data = ctx.input.data;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return true;
  return false;
}

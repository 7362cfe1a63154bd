/**
 * PyTorch's padding / output_padding in Keras terms, exactly (values, not only shapes). Per axis PyTorch
 * keeps rows [p, p + out) of the uncropped canvas ((in − 1)·s + k_eff long) extended with zeros.
 *   - p = 0 and output_padding < stride: Keras padding="valid" with the same output_padding.
 *   - output_padding 0 and k_eff − s = 2p: padding="same" (Keras' output is in·s long and TensorFlow crops
 *     ⌊(k_eff − s)/2⌋ = p at the start).
 *   - otherwise: padding="valid" (output_padding when it is below the stride, else ZeroPadding after it),
 *     then Cropping p from both sides.
 */
import * as l10n from '@vscode/l10n';
import { effectiveKernel } from '../../engine';
import type { LayerPlan } from '../../specFile';

export interface KerasPadding {
  readonly padding: 'valid' | 'same';
  /** Keras' output_padding argument; null to leave it unset. */
  readonly outputPadding: readonly number[] | null;
  /** Zeros appended at the end of each axis after the layer (output_padding Keras refuses, ≥ stride). */
  readonly zeroPadEnd: readonly number[] | null;
  /** Rows/columns cropped from both ends of each axis after the layer. */
  readonly crop: readonly number[] | null;
  readonly explanation: string;
}

export function kerasPadding(plan: LayerPlan): KerasPadding {
  const { stride, padding, outputPadding, dilation } = plan.params;
  const kEff = plan.weightShape.slice(2).map((k, d) => effectiveKernel(k, dilation[d]));
  const opBelowStride = outputPadding.every((op, d) => op < stride[d]);
  if (padding.every((p) => p === 0) && opBelowStride) {
    return {
      padding: 'valid',
      outputPadding,
      zeroPadEnd: null,
      crop: null,
      explanation: l10n.t('PyTorch padding 0 is Keras padding="valid" with the same output_padding.'),
    };
  }
  if (
    outputPadding.every((op) => op === 0) &&
    padding.every((p, d) => kEff[d] >= stride[d] && kEff[d] - stride[d] === 2 * p)
  ) {
    return {
      padding: 'same',
      outputPadding: null,
      zeroPadEnd: null,
      crop: null,
      explanation: l10n.t(
        'Here dilation·(kernel − 1) + 1 − stride = 2·padding, so PyTorch\'s padding is Keras padding="same": the output is in·stride long and TensorFlow crops ⌊(k − s)/2⌋ = padding at the start.',
      ),
    };
  }
  const needsZeroPad = !opBelowStride;
  return {
    padding: 'valid',
    outputPadding: needsZeroPad ? outputPadding.map(() => 0) : outputPadding,
    zeroPadEnd: needsZeroPad ? outputPadding : null,
    crop: padding.some((p) => p > 0) ? padding : null,
    explanation: needsZeroPad
      ? l10n.t(
          'Keras has no symmetric crop for transposed layers: padding="valid" keeps the whole (in − 1)·stride + dilation·(kernel − 1) + 1 canvas, ZeroPadding adds output_padding (Keras requires output_padding < stride), and Cropping removes PyTorch\'s padding from both ends. padding="same" would crop differently.',
        )
      : l10n.t(
          'Keras has no symmetric crop for transposed layers: padding="valid" keeps the whole (in − 1)·stride + dilation·(kernel − 1) + 1 canvas plus output_padding, and Cropping removes PyTorch\'s padding from both ends. padding="same" would crop differently.',
        ),
  };
}

/**
 * Fixes for an ONNX outputShape entry no padding reaches: ONNX derives the padding from it, and rows beyond the
 * canvas plus output_padding are appended only up to stride − 1. The output_padding that reaches it (when PyTorch
 * allows that output_padding) keeps the size asked for; the nearest reachable size changes it.
 */
import * as l10n from '@vscode/l10n';
import { axisNames, transposedCanvas, type ConvParams } from '../engine';
import type { Fix } from './diagnostics';
import { replaceEdit, type Span } from './edits';
import type { LayerSpecModel } from './model';
import { setOutputPaddingFix } from './outputPaddingFix';
import type { Reporter } from './reporter';

export function outputShapeFixes(
  layer: LayerSpecModel,
  d: number,
  item: Span,
  kernel: number,
  params: ConvParams,
  inSize: number,
  reporter: Reporter,
): Fix[] {
  const size = layer.outputShape?.value[d];
  if (size === undefined) return [];
  const stride = params.stride[d];
  const canvas = transposedCanvas({ inSize, kernel, stride, dilation: params.dilation[d] });
  const largest = canvas + params.outputPadding[d] + stride - 1;
  const fixes: Fix[] = [];
  const neededPadding = size - canvas - (stride - 1);
  if (size > largest && neededPadding < Math.max(stride, params.dilation[d])) {
    const values = params.outputPadding.map((op, i) => (i === d ? neededPadding : op));
    const fix = setOutputPaddingFix(layer, values, reporter);
    if (fix) fixes.push(fix);
  }
  const nearest = Math.max(1, Math.min(size, largest));
  if (nearest !== size) {
    const axis = axisNames(params.stride.length)[d];
    fixes.push({
      title: l10n.t('Set outputShape {0} to {1}, the nearest size it reaches', axis, nearest),
      edits: [replaceEdit(item, String(nearest))],
      isPreferred: fixes.length === 0,
    });
  }
  return fixes;
}

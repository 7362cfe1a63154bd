/**
 * The other frameworks' padding on a layer: ONNX `pads` / `autoPad` / `outputShape`, Keras `"same"` / `"valid"`
 * and `trim`. Resolves them per axis (engine/paddingModes.ts and its rule files), reports what a framework would refuse on the token
 * to change, and gives the PyTorch layer (padding, output_padding) plus the slice that computes the same.
 */
import * as l10n from '@vscode/l10n';
import {
  axisNames,
  convAxisPads,
  torchEquivalentTransposed,
  transposedAxisPads,
  transposedCanvas,
  type AxisPads,
  type ConvParams,
  type DimCalc,
  type PaddingMode,
  type TorchEquivalent,
} from '../engine';
import type { Span } from './edits';
import { capitalize, layerLabel } from './labels';
import type { LayerSpecModel } from './model';
import { reportConflicts } from './paddingConflicts';
import { padsLengthFixes } from './padsLengthFix';
import { reportTrimTooLarge } from './trimFix';
import { outputShapeFixes } from './outputShapeFix';
import { expandPerDim } from './planParams';
import type { LayerPadding } from './plan';
import type { LayerRequest } from './layerRequest';
import type { Reporter } from './reporter';

export interface PaddingResolution {
  /** The PyTorch layer that runs before the slice: its padding and output_padding replace the written ones. */
  readonly params: ConvParams;
  readonly padding: LayerPadding;
  /** Per axis: the output size after the padding mode and the trim, with its formula. */
  readonly dims: readonly DimCalc[];
}

/** The layer model behind a request (undefined for the paired forward convolution). */
function layerModelOf(req: LayerRequest): LayerSpecModel | undefined {
  return req.index >= 0 ? req.spec.layers[req.index] : undefined;
}

function modeFor(req: LayerRequest, model: LayerSpecModel | undefined, d: number, params: ConvParams): PaddingMode {
  const f = req.fields;
  const dims = req.spec.dims;
  if (model?.outputShape && req.kind === 'convTranspose')
    return { kind: 'outputShape', size: model.outputShape.value[d], autoPad: f.autoPad?.value ?? 'NOTSET' };
  if (f.kerasPadding) return { kind: 'keras', padding: f.kerasPadding.value };
  if (f.autoPad && f.autoPad.value !== 'NOTSET') return { kind: 'autoPad', autoPad: f.autoPad.value };
  if (f.pads) return { kind: 'pads', begin: f.pads.value[d], end: f.pads.value[d + dims] };
  if (f.autoPad) return { kind: 'autoPad', autoPad: 'NOTSET' };
  return { kind: 'torch', padding: params.padding[d] };
}

/** "begin … end" without its "= out" tail, for a formula continued by the trim. */
const withoutResult = (text: string) => text.replace(/ = -?\d+$/, '');

/**
 * The layer's padding mode resolved, undefined when it has none (plain PyTorch padding), or null when it cannot
 * be planned (reported).
 */
export function resolvePaddingMode(
  req: LayerRequest,
  kernel: readonly number[],
  params: ConvParams,
  reporter: Reporter,
): PaddingResolution | null | undefined {
  const f = req.fields;
  const model = layerModelOf(req);
  const trim = model?.trim;
  const outputShape = req.kind === 'convTranspose' ? model?.outputShape : undefined;
  if (!f.kerasPadding && !f.pads && !f.autoPad && !outputShape && !trim) return undefined;
  if (reportConflicts(req, model, reporter)) return null;
  const dims = req.spec.dims;
  const label = layerLabel(req.spec, req.index, f);
  const axisList = axisNames(dims);
  if (f.pads && f.pads.value.length !== 2 * dims) {
    const layout = [...axisList.map((a) => `${a}_begin`), ...axisList.map((a) => `${a}_end`)].join(', ');
    reporter.report(
      'pads-length',
      f.pads.value.length === 1
        ? l10n.t('"pads" lists 1 value; in {0}-D it is [{1}].', dims, layout)
        : l10n.t('"pads" lists {0} values; in {1}-D it is [{2}].', f.pads.value.length, dims, layout),
      f.pads.ref,
      { fixes: padsLengthFixes(f.pads, dims) },
    );
    return null;
  }
  if (outputShape && outputShape.value.length !== dims) {
    reporter.report(
      'tuple-length',
      l10n.t(
        '"outputShape" lists {0} values, but this spec is {1}-D: write [{2}].',
        outputShape.value.length,
        dims,
        axisList.join(', '),
      ),
      outputShape.ref,
    );
    return null;
  }
  const trimBegin = expandPerDim(trim?.begin, dims, 0, reporter);
  const trimEnd = expandPerDim(trim?.end, dims, 0, reporter);
  if (!trimBegin || !trimEnd) return null;

  const transposed = req.kind === 'convTranspose';
  const axes = axisNames(dims);
  const keras = f.kerasPadding !== undefined;
  const writtenOp = transposed ? model?.outputPadding : undefined;
  const resolved: AxisPads[] = axes.map((axis, d) => {
    const args = {
      inSize: req.inputShape[2 + d],
      kernel: kernel[d],
      stride: params.stride[d],
      dilation: params.dilation[d],
    };
    const mode = modeFor(req, model, d, params);
    return transposed
      ? transposedAxisPads(axis, { ...args, outputPadding: keras && !writtenOp ? null : params.outputPadding[d] }, mode)
      : convAxisPads(axis, args, mode);
  });

  const modeSpan: Span = outputShape?.ref ?? f.kerasPadding?.ref ?? f.autoPad?.ref ?? f.pads?.ref ?? trim?.ref ?? f.ref;
  let fatal = false;
  resolved.forEach((a, d) => {
    if (a.rejected) {
      if (outputShape) {
        const item = outputShape.items[d] ?? outputShape.ref;
        const fixes = model ? outputShapeFixes(model, d, item, kernel[d], params, req.inputShape[2 + d], reporter) : [];
        reporter.report(
          'output-shape-unreachable',
          l10n.t('{0}: {1}_out = {2} cannot be reached: {3}.', capitalize(label), a.axis, a.out, a.rejected),
          item,
          { fixes },
        );
      } else {
        reporter.report(
          'keras-rejects',
          l10n.t('{0} ({1}): {2}.', capitalize(label), a.rule, a.rejected),
          writtenOp && params.outputPadding[d] >= params.stride[d]
            ? (writtenOp.items[d] ?? writtenOp.ref)
            : (f.kerasPadding?.ref ?? modeSpan),
        );
      }
      fatal = true;
    } else if (a.out <= 0) {
      reporter.report(
        'output-size-nonpositive',
        l10n.t('{0}: {1}_out = {2} ({3}).', capitalize(label), a.axis, a.substituted, a.rule),
        modeSpan,
      );
      fatal = true;
    }
  });
  if (fatal) return null;
  if (trim && resolved.some((a, d) => a.out - trimBegin[d] - trimEnd[d] <= 0)) {
    reportTrimTooLarge(capitalize(label), trim, resolved, trimBegin, trimEnd, reporter);
    return null;
  }

  const trimmed = trimBegin.some((t) => t > 0) || trimEnd.some((t) => t > 0);
  const final = resolved.map((a, d) => a.out - trimBegin[d] - trimEnd[d]);
  const begin = resolved.map((a, d) => a.begin + (transposed ? trimBegin[d] : 0));
  const end = resolved.map((a, d) => a.end + (transposed ? trimEnd[d] : 0));
  let torch: TorchEquivalent;
  let inputPad: LayerPadding['inputPad'] = null;
  if (transposed) {
    const canvas = resolved.map((_, d) =>
      transposedCanvas({
        inSize: req.inputShape[2 + d],
        kernel: kernel[d],
        stride: params.stride[d],
        dilation: params.dilation[d],
      }),
    );
    torch = torchEquivalentTransposed(begin, end, params.stride, params.dilation, canvas);
  } else {
    const symmetric = resolved.every((a) => a.begin === a.end);
    inputPad = symmetric ? null : { begin: resolved.map((a) => a.begin), end: resolved.map((a) => a.end) };
    torch = {
      exact: symmetric && !trimmed,
      padding: symmetric ? resolved.map((a) => a.begin) : resolved.map(() => 0),
      outputPadding: resolved.map(() => 0),
      slice: trimmed ? final.map((size, d) => ({ start: trimBegin[d], stop: trimBegin[d] + size })) : null,
      padAfter: null,
    };
  }
  const torchParams: ConvParams = { ...params, padding: [...torch.padding], outputPadding: [...torch.outputPadding] };
  const calcs: DimCalc[] = resolved.map((a, d) => ({
    axis: a.axis,
    inSize: req.inputShape[2 + d],
    kernel: kernel[d],
    stride: params.stride[d],
    padding: torchParams.padding[d],
    dilation: params.dilation[d],
    outputPadding: torchParams.outputPadding[d],
    out: final[d],
    formula: trimmed ? `${a.formula} − trim_begin − trim_end` : a.formula,
    substituted: trimmed
      ? `${withoutResult(a.substituted)} − ${trimBegin[d]} − ${trimEnd[d]} = ${final[d]}`
      : a.substituted,
  }));
  return {
    params: torchParams,
    dims: calcs,
    padding: {
      rule: resolved[0].rule,
      axes: resolved,
      trimBegin,
      trimEnd,
      begin,
      end,
      torch,
      inputPad,
    },
  };
}

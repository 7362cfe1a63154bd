/** Plans one layer: its weight, bias and output shapes, with PyTorch's rejections placed on the token to fix. */
import * as l10n from '@vscode/l10n';
import {
  axisNames,
  checkConv,
  checkConvTranspose,
  convDimCalc,
  outputSizeRange,
  transposedDimCalc,
  type DimCalc,
} from '../engine';
import { formatList, sentences } from './format';
import { capitalize, layerAnchor, layerLabel, layerName } from './labels';
import type { LayerPlan } from './plan';
import { resolvePaddingMode } from './planPadding';
import { resolveParams } from './planParams';
import { biasLength, kernelLayout, type KernelLayout } from './planTensors';
import type { Reporter } from './reporter';
import { chooseWeight, kernelSizeMismatch, layoutText, resolveKernelSize } from './layerKernel';
import {
  biasSpan,
  checkChannels,
  pytorchSays,
  reportInexactSizes,
  reportNonPositive,
  reportOutputPadding,
} from './layerProblems';
import type { ChannelOrigin, LayerRequest, PlannedLayer } from './layerRequest';
import { fitsWeight, groupsFixes } from './groupsFix';
import { biasLengthFixes } from './biasFix';

export type { ChannelOrigin, LayerRequest, PlannedLayer, SharedWeight } from './layerRequest';

function outOriginOf(
  req: LayerRequest,
  weight: readonly number[],
  layout: KernelLayout | undefined,
  wOut: number,
): ChannelOrigin {
  const label = layerLabel(req.spec, req.index, req.fields);
  const message = wOut === 1 ? l10n.t('{0} outputs 1 channel', label) : l10n.t('{0} outputs {1} channels', label, wOut);
  if (req.fields.outChannels) return { span: req.fields.outChannels.ref, message };
  const items = layout?.full ? layout.written.items : undefined;
  if (items) {
    const withKernel =
      wOut === 1
        ? l10n.t('{0} outputs 1 channel (kernel {1})', label, formatList(weight))
        : l10n.t('{0} outputs {1} channels (kernel {2})', label, wOut, formatList(weight));
    return { span: items[req.kind === 'convTranspose' ? 1 : 0], message: withKernel };
  }
  return { span: layerAnchor(req.fields), message };
}

/** "The layer's bias has 3 values, but the layer has 4 output channels: …" (label capitalised; the counts differ). */
function biasMismatch(label: string, values: number, channels: number): string {
  if (values === 1)
    return l10n.t(
      "{0}'s bias has 1 value, but the layer has {1} output channels: one bias per output channel.",
      label,
      channels,
    );
  return channels === 1
    ? l10n.t(
        "{0}'s bias has {1} values, but the layer has 1 output channel: one bias per output channel.",
        label,
        values,
      )
    : l10n.t(
        "{0}'s bias has {1} values, but the layer has {2} output channels: one bias per output channel.",
        label,
        values,
        channels,
      );
}

export function planLayer(req: LayerRequest, reporter: Reporter): PlannedLayer | null {
  const { spec, fields, kind } = req;
  const isTransposed = kind === 'convTranspose';
  const dims = spec.dims;
  const writtenParams = resolveParams(fields, isTransposed ? req.outputPadding : undefined, dims, reporter);
  const layout = req.layoutResolved ? req.layout : kernelLayout(fields.kernel, dims, layoutText(kind, dims), reporter);
  if (!writtenParams || layout === null) return null;
  const kernel = resolveKernelSize(req, layout, reporter);
  if (!kernel) return null;
  // ONNX / Keras padding or a trim: the PyTorch layer that runs before the slice (planPadding.ts).
  const mode = resolvePaddingMode(req, kernel, writtenParams, reporter);
  if (mode === null) return null;
  const params = mode?.params ?? writtenParams;
  const kernelSpan = layout?.written.ref ?? fields.kernelSize?.ref ?? req.sharedWeight?.span ?? layerAnchor(fields);
  if (reportInexactSizes(req, kernel, params, kernelSpan, reporter)) return null;
  kernelSizeMismatch({ ...req, layout }, kernel, reporter);
  const choice = chooseWeight(req, layout, kernel, params.groups, reporter);
  if (!choice) return null;
  const { weight } = choice;
  const wOut = isTransposed ? weight[1] * params.groups : weight[0];

  let bias: number | null = null;
  if (fields.bias) {
    const length = biasLength(fields.bias.tensor, reporter);
    if (length === null) return null;
    bias = length ?? wOut;
  }

  const problems = (isTransposed ? checkConvTranspose : checkConv)(req.inputShape, weight, bias, params);
  checkChannels(req, weight, layout, params.groups, problems, reporter);
  const axes = axisNames(dims);
  const calcs: DimCalc[] = mode
    ? [...mode.dims]
    : axes.map((axis, d) => {
        const args = {
          inSize: req.inputShape[2 + d],
          kernel: kernel[d],
          stride: params.stride[d],
          padding: params.padding[d],
          dilation: params.dilation[d],
        };
        return isTransposed
          ? transposedDimCalc(axis, { ...args, outputPadding: params.outputPadding[d] })
          : convDimCalc(axis, args);
      });
  let fatal = false;
  for (const problem of problems) {
    const label = layerLabel(spec, req.index, fields);
    if (problem.code === 'groups-not-divisible') {
      const message = l10n.t(
        "groups {0} does not divide {1}'s {2} {3}.",
        params.groups,
        label,
        isTransposed ? 'in_channels' : 'out_channels',
        weight[0],
      );
      const fits = fitsWeight(
        weight,
        isTransposed,
        req.inChannels?.value ?? req.inputShape[1],
        fields.outChannels?.value,
      );
      reporter.report(
        'groups-not-divisible',
        sentences(message, pytorchSays(problem.message)),
        fields.groups?.ref ?? layerAnchor(fields),
        { fixes: groupsFixes(fields.groups, fits) },
      );
    } else if (problem.code === 'bias-mismatch') {
      reporter.report(
        'bias-shape',
        sentences(biasMismatch(capitalize(label), bias ?? 0, wOut), pytorchSays(problem.message)),
        biasSpan(fields),
        { fixes: biasLengthFixes(fields.bias, bias ?? 0, wOut) },
      );
    } else if (problem.code === 'output-padding-range') {
      reportOutputPadding(req, params, problem, reporter);
    } else if (problem.code === 'output-size-nonpositive') {
      reportNonPositive(req, calcs, problem, reporter, kernel, params);
      fatal = true;
    } else if (problem.code !== 'channel-mismatch') {
      reporter.report('kernel-shape', `${capitalize(label)}: ${problem.message}.`, layerAnchor(fields));
      fatal = true;
    }
  }
  if (fatal) return null;

  const outputShape = [req.inputShape[0], wOut, ...calcs.map((c) => c.out)];

  const plan: LayerPlan = {
    index: req.index,
    name: layerName(spec, req.index, fields),
    kind,
    inputShape: [...req.inputShape],
    weightShape: weight,
    biasShape: bias === null ? null : [bias],
    outputShape,
    params,
    dims: calcs,
    ...(mode ? { padding: mode.padding } : {}),
    ...(isTransposed && !mode
      ? {
          outputSizeRange: calcs.map((_, d) =>
            outputSizeRange({
              inSize: req.inputShape[2 + d],
              kernel: kernel[d],
              stride: params.stride[d],
              padding: params.padding[d],
              dilation: params.dilation[d],
            }),
          ),
        }
      : {}),
    weightSource: choice.source,
    spec: fields,
  };
  return { plan, outOrigin: outOriginOf(req, weight, layout, wOut) };
}

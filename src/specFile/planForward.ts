/**
 * The paired forward convolution. Omitted hyperparameters come from the first transposed layer T, and an
 * omitted kernel is T's kernel itself: conv weight (C_out, C_in/g, k) and convTranspose weight
 * (C_in, C_out/g, k) have the same layout, so T is then exactly the transpose of this convolution.
 */
import * as l10n from '@vscode/l10n';
import { sentences } from './format';
import { capitalize, FORWARD_INDEX, layerAnchor, layerLabel } from './labels';
import type { ConvFieldsModel, LayerSpecModel, SpecModel } from './model';
import { expandPerDim } from './planParams';
import type { KernelLayout } from './planTensors';
import { planLayer, type ChannelOrigin, type PlannedLayer, type SharedWeight } from './planLayer';
import type { Reporter } from './reporter';
import { pytorchSays } from './layerProblems';
import { dividesBoth, groupsFixes } from './groupsFix';

export function firstTransposed(spec: SpecModel): LayerSpecModel | undefined {
  return spec.layers.find((l) => l.kind === 'convTranspose');
}

/** The forward convolution's fields: its own where written, else T's hyperparameters. */
function mergedFields(forward: ConvFieldsModel, t: LayerSpecModel | undefined): ConvFieldsModel {
  return {
    ...forward,
    // T's kernelSize describes T's kernel; a forward kernel with its own shape or data has its own size.
    kernelSize: forward.kernelSize ?? (forward.kernel?.shape || forward.kernel?.data ? undefined : t?.kernelSize),
    stride: forward.stride ?? t?.stride,
    // The padding is copied as a whole (PyTorch's, Keras' or ONNX's), and only when the forward writes none.
    ...(forward.padding || forward.kerasPadding || forward.pads || forward.autoPad
      ? {}
      : { padding: t?.padding, kerasPadding: t?.kerasPadding, pads: t?.pads, autoPad: t?.autoPad }),
    dilation: forward.dilation ?? t?.dilation,
    groups: forward.groups ?? t?.groups,
  };
}

/** T's kernel as the forward convolution's weight; null when its size is unknown (reported). */
function sharedWeight(
  spec: SpecModel,
  t: LayerSpecModel,
  tLayout: KernelLayout | undefined,
  fields: ConvFieldsModel,
  inputShape: readonly number[],
  reporter: Reporter,
): SharedWeight | null {
  const owner = l10n.t("{0}'s kernel", layerLabel(spec, t.index, t));
  if (tLayout) {
    const spatial = tLayout.written.shape.slice(-spec.dims);
    return { shape: tLayout.full ? [...tLayout.written.shape] : [1, 1, ...spatial], span: tLayout.written.ref, owner };
  }
  if (!fields.kernelSize) {
    reporter.report(
      'kernel-size-missing',
      l10n.t(
        '{0} has no kernel shape or data, so it needs "kernelSize"; the forward convolution shares that kernel.',
        capitalize(layerLabel(spec, t.index, t)),
      ),
      layerAnchor(t),
    );
    return null;
  }
  const kernel = expandPerDim(fields.kernelSize, spec.dims, 1, reporter);
  if (!kernel) return null;
  const groups = fields.groups?.value ?? 1;
  const cIn = inputShape[1];
  const cOut = fields.outChannels?.value ?? t.inChannels?.value ?? cIn;
  if (cIn % groups !== 0) {
    // PyTorch's own words stay untranslated.
    reporter.report(
      'groups-not-divisible',
      sentences(
        l10n.t("groups {0} must divide the input's {1} channels for the forward convolution.", groups, cIn),
        pytorchSays('in_channels must be divisible by groups'),
      ),
      fields.groups?.ref ?? layerAnchor(fields),
      { fixes: groupsFixes(fields.groups, dividesBoth(cIn, cOut)) },
    );
    return null;
  }
  return { shape: [cOut, cIn / groups, ...kernel], span: t.kernel ? t.kernel.ref : layerAnchor(t), owner };
}

export interface ForwardRequest {
  readonly spec: SpecModel;
  readonly forward: ConvFieldsModel;
  readonly inputShape: readonly number[];
  readonly origin: ChannelOrigin;
  /** T's kernel layout, resolved (and reported) once by the chain. */
  readonly tLayout: KernelLayout | undefined;
}

export function planForward(req: ForwardRequest, reporter: Reporter): PlannedLayer | null {
  const { spec, forward } = req;
  const t = firstTransposed(spec);
  const fields = mergedFields(forward, t);
  const shares = !forward.kernel && t !== undefined;
  let shared: SharedWeight | undefined;
  if (shares) {
    const weight = sharedWeight(spec, t, req.tLayout, fields, req.inputShape, reporter);
    if (!weight) return null;
    shared = weight;
  }
  const tInChannels = t?.inChannels?.value ?? (req.tLayout?.full ? req.tLayout.written.shape[0] : undefined);
  return planLayer(
    {
      spec,
      index: FORWARD_INDEX,
      kind: 'conv',
      fields,
      inputShape: req.inputShape,
      origin: req.origin,
      sharedWeight: shared,
      defaultOutChannels: tInChannels,
    },
    reporter,
  );
}

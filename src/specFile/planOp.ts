/**
 * Plans the non-convolution layers of a chain (maxPool, avgPool, upsample, pad, crop, concat, add): their
 * output shape with the formula per axis, PyTorch's rejections on the token to fix, and every size computed
 * exactly (terms beyond 2⁵¹ are refused as size-cap, like the convolutions' sizes).
 */
import * as l10n from '@vscode/l10n';
import {
  axisNames,
  centerCropBegin,
  checkPool,
  cropDimCalc,
  linearModeFor,
  padDimCalc,
  poolDimCalc,
  upsampleDimCalc,
  type DimCalc,
  type UpsampleMode,
} from '../engine';
import { COMMON_LAYER_FIELDS, OP_FIELDS, type ChainOpKind } from './chainOpModel';
import { replaceEdit, type Span } from './edits';
import { formatAnd, formatPath, sentences } from './format';
import { capitalize, layerAnchor, layerLabel, layerName } from './labels';
import { EXACT_TERM_LIMIT, pytorchSays } from './layerProblems';
import type { ChannelOrigin, PlannedLayer } from './layerRequest';
import type { IntOrTupleField, LayerSpecModel, SpecModel } from './model';
import type { LayerPlan } from './plan';
import { expandPerDim } from './planParams';
import { checkSkipShapes, resolveSkip, type EarlierSteps, type SkipSource } from './planSkip';
import { keySpan, type Reporter } from './reporter';
import { checkCap } from './sizeCap';

export type { SkipSource } from './planSkip';

export type ChainOpPlan =
  | {
      readonly kind: 'maxPool' | 'avgPool';
      readonly kernel: readonly number[];
      readonly stride: readonly number[];
      readonly padding: readonly number[];
      readonly dilation: readonly number[];
      readonly ceilMode: boolean;
      readonly countIncludePad: boolean;
    }
  | {
      readonly kind: 'upsample';
      readonly size?: readonly number[];
      readonly scaleFactor?: readonly number[];
      readonly mode: UpsampleMode;
      readonly alignCorners: boolean;
    }
  | { readonly kind: 'pad'; readonly pads: readonly number[]; readonly value: number }
  | {
      readonly kind: 'crop';
      readonly begin: readonly number[];
      readonly end: readonly number[];
      readonly centred: boolean;
    }
  | { readonly kind: 'concat' | 'add'; readonly source: SkipSource };

export interface OpRequest {
  readonly spec: SpecModel;
  readonly layer: LayerSpecModel & { readonly kind: ChainOpKind };
  readonly inputShape: readonly number[];
  readonly origin: ChannelOrigin;
  readonly earlier: EarlierSteps;
  readonly maxElements: number;
}

/** Every field a layer can carry that is not name/type/expect, as written. */
function writtenFields(
  layer: LayerSpecModel,
): [string, { readonly ref: { readonly keyOffset?: number } } | undefined][] {
  const { op } = layer;
  return [
    ['inChannels', layer.inChannels],
    ['outChannels', layer.outChannels],
    ['kernelSize', layer.kernelSize],
    ['stride', layer.stride],
    ['padding', layer.padding],
    ['outputPadding', layer.outputPadding],
    ['dilation', layer.dilation],
    ['groups', layer.groups],
    ['kernel', layer.kernel],
    ['bias', layer.bias],
    ['ceilMode', op.ceilMode],
    ['countIncludePad', op.countIncludePad],
    ['scaleFactor', op.scaleFactor],
    ['size', op.size],
    ['mode', op.mode],
    ['alignCorners', op.alignCorners],
    ['pads', op.pads],
    ['value', op.value],
    ['begin', op.begin],
    ['end', op.end],
    ['with', op.with],
  ];
}

/** A field another layer type reads: a warning on its key, naming the types that read it. */
function warnIgnoredFields(req: OpRequest, reporter: Reporter): void {
  const { layer } = req;
  const allowed = new Set([...COMMON_LAYER_FIELDS, ...OP_FIELDS[layer.kind]]);
  for (const [name, field] of writtenFields(layer)) {
    if (!field || allowed.has(name)) continue;
    const readers = (Object.keys(OP_FIELDS) as ChainOpKind[]).filter((k) => OP_FIELDS[k].includes(name));
    const conv = [
      'inChannels',
      'outChannels',
      'kernelSize',
      'stride',
      'padding',
      'dilation',
      'groups',
      'kernel',
      'bias',
    ];
    const names = [
      ...(conv.includes(name) || name === 'outputPadding' ? ['convTranspose'] : []),
      ...(conv.includes(name) ? ['conv'] : []),
      ...readers,
    ];
    reporter.report(
      'ignored-field',
      l10n.t(
        '"{0}" has no effect on a {1} layer; it is read by {2}.',
        name,
        layer.kind,
        formatAnd(names.map((n) => `"${n}"`)),
      ),
      keySpan(field.ref as Parameters<typeof keySpan>[0]),
    );
  }
}

/** Refuses (as size-cap, on `at`) a size term beyond the range where float64 integers stay exact. */
function inexact(req: OpRequest, terms: readonly number[], at: Span, reporter: Reporter): boolean {
  if (terms.every((t) => Math.abs(t) <= EXACT_TERM_LIMIT)) return false;
  reporter.report(
    'size-cap',
    l10n.t(
      "{0}'s output size cannot be computed exactly: a term is beyond 2⁵¹ (tconv computes sizes in float64, exact only up to 2⁵³); nothing was computed.",
      capitalize(layerLabel(req.spec, req.layer.index, req.layer)),
    ),
    at,
  );
  return true;
}

function itemSpan(field: IntOrTupleField | undefined, d: number, fallback: Span): Span {
  if (!field) return fallback;
  return field.items.length > d ? field.items[d] : field.ref;
}

interface OpShape {
  readonly op: ChainOpPlan;
  readonly dims: readonly DimCalc[];
  readonly channels: number;
  readonly params?: { stride: number[]; padding: number[]; dilation: number[] };
}

function planPool(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape } = req;
  const dims = spec.dims;
  const anchor = layerAnchor(layer);
  if (!layer.kernelSize) {
    reporter.report(
      'kernel-size-missing',
      l10n.t(
        '{0} is a {1} layer, which needs "kernelSize" (e.g. 2).',
        capitalize(layerLabel(spec, layer.index, layer)),
        layer.kind,
      ),
      anchor,
    );
    return null;
  }
  const isMax = layer.kind === 'maxPool';
  const kernel = expandPerDim(layer.kernelSize, dims, 1, reporter);
  const stride = kernel && expandPerDim(layer.stride, dims, 0, reporter)?.map((s, d) => (layer.stride ? s : kernel[d]));
  const padding = expandPerDim(layer.padding, dims, 0, reporter);
  const dilation = isMax ? expandPerDim(layer.dilation, dims, 1, reporter) : new Array<number>(dims).fill(1);
  if (!kernel || !stride || !padding || !dilation) return null;
  const terms = kernel.flatMap((k, d) => [inputShape[2 + d], 2 * padding[d], dilation[d] * (k - 1), stride[d]]);
  if (inexact(req, terms, layer.kernelSize.ref, reporter)) return null;
  const ceilMode = layer.op.ceilMode?.value ?? false;
  const problems = checkPool(inputShape, { kernel, stride, padding, dilation, ceilMode });
  const axes = axisNames(dims);
  const calcs = kernel.map((k, d) =>
    poolDimCalc(
      axes[d],
      { inSize: inputShape[2 + d], kernel: k, stride: stride[d], padding: padding[d], dilation: dilation[d], ceilMode },
      isMax,
    ),
  );
  const label = capitalize(layerLabel(spec, layer.index, layer));
  for (const problem of problems) {
    const d = problem.dims?.[0] ?? 0;
    if (problem.code === 'pool-padding') {
      const limit = Math.floor(kernel[d] / 2);
      reporter.report(
        'pool-padding',
        sentences(
          l10n.t(
            '{0}: padding {1} is more than half the kernel size {2} (at most {3}).',
            label,
            padding[d],
            kernel[d],
            limit,
          ),
          pytorchSays(problem.message),
        ),
        itemSpan(layer.padding, d, anchor),
        layer.padding && layer.padding.items.length === 0
          ? {
              fixes: [
                {
                  title: l10n.t('Set padding to {0}', limit),
                  edits: [replaceEdit(layer.padding.ref, String(limit))],
                  isPreferred: true,
                },
              ],
            }
          : {},
      );
    } else {
      const formulas = (problem.dims ?? [0]).map((i) => `${calcs[i].axis}_out = ${calcs[i].substituted}`).join('; ');
      reporter.report(
        'output-size-nonpositive',
        sentences(
          l10n.t(
            '{0} would output an empty tensor: the window is larger than the padded input ({1}).',
            label,
            formulas,
          ),
          pytorchSays(problem.message),
        ),
        itemSpan(layer.kernelSize, d, anchor),
      );
    }
  }
  if (problems.length > 0) return null;
  return {
    op: {
      kind: layer.kind as 'maxPool' | 'avgPool',
      kernel,
      stride,
      padding,
      dilation,
      ceilMode,
      countIncludePad: layer.op.countIncludePad?.value ?? true,
    },
    dims: calcs,
    channels: inputShape[1],
    params: { stride, padding, dilation },
  };
}

function planUpsample(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape } = req;
  const { scaleFactor, size, mode: modeField, alignCorners } = layer.op;
  const label = capitalize(layerLabel(spec, layer.index, layer));
  if (!scaleFactor && !size) {
    reporter.report(
      'layer-options',
      l10n.t('{0} is an upsample layer, which needs "scaleFactor" (e.g. 2) or "size".', label),
      layerAnchor(layer),
    );
    return null;
  }
  if (scaleFactor && size) {
    const second = scaleFactor.ref.offset > size.ref.offset ? scaleFactor : size;
    reporter.report(
      'layer-options',
      sentences(
        l10n.t('{0} gives both "scaleFactor" and "size": write one of them.', label),
        pytorchSays('only one of size or scale_factor should be defined'),
      ),
      keySpan(second.ref),
    );
    return null;
  }
  const mode = modeField?.value ?? 'nearest';
  const fitting = linearModeFor(spec.dims);
  let ok = true;
  if (mode !== 'nearest' && mode !== fitting && modeField) {
    reporter.report(
      'layer-options',
      sentences(
        l10n.t(
          'mode "{0}" interpolates {1}-D tensors, but this spec is {2}-D: use "{3}" (or "nearest").',
          mode,
          mode === 'linear' ? 1 : mode === 'bilinear' ? 2 : 3,
          spec.dims,
          fitting,
        ),
        pytorchSays(
          `Got ${spec.dims + 2}D input, but ${mode} mode needs ${mode === 'linear' ? 3 : mode === 'bilinear' ? 4 : 5}D input`,
        ),
      ),
      modeField.ref,
      {
        fixes: [
          {
            title: l10n.t('Set mode to "{0}"', fitting),
            edits: [replaceEdit(modeField.ref, JSON.stringify(fitting))],
            isPreferred: true,
          },
        ],
      },
    );
    ok = false;
  }
  if (alignCorners && mode === 'nearest') {
    reporter.report(
      'layer-options',
      sentences(
        l10n.t('"alignCorners" only applies to the interpolating modes; with mode "nearest" leave it out.'),
        pytorchSays(
          'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear',
        ),
      ),
      keySpan(alignCorners.ref),
    );
    ok = false;
  }
  const sizes = size ? expandPerDim(size, spec.dims, 1, reporter) : undefined;
  const factors = scaleFactor ? expandPerDim(scaleFactor, spec.dims, 1, reporter) : undefined;
  if (!ok || sizes === null || factors === null) return null;
  const spatial = inputShape.slice(2);
  const at = (size ?? scaleFactor)?.ref ?? layerAnchor(layer);
  if (inexact(req, [...(sizes ?? []), ...spatial.map((n, d) => n * (factors?.[d] ?? 1))], at, reporter)) return null;
  const axes = axisNames(spec.dims);
  return {
    op: { kind: 'upsample', size: sizes, scaleFactor: factors, mode, alignCorners: alignCorners?.value ?? false },
    dims: spatial.map((n, d) => upsampleDimCalc(axes[d], n, sizes?.[d], factors?.[d])),
    channels: inputShape[1],
  };
}

function nonPositive(req: OpRequest, calcs: readonly DimCalc[], at: (d: number) => Span, reporter: Reporter): boolean {
  const bad = calcs.flatMap((c, d) => (c.out < 1 ? [d] : []));
  for (const d of bad)
    reporter.report(
      'output-size-nonpositive',
      l10n.t(
        '{0} would output {1} = {2}: it removes more rows than its input has ({1}_out = {3}).',
        capitalize(layerLabel(req.spec, req.layer.index, req.layer)),
        calcs[d].axis,
        calcs[d].out,
        calcs[d].substituted,
      ),
      at(d),
    );
  return bad.length > 0;
}

function planPad(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape } = req;
  const field = layer.op.pads;
  const dims = spec.dims;
  const anchor = layerAnchor(layer);
  if (!field) {
    reporter.report(
      'layer-options',
      l10n.t(
        '{0} is a pad layer, which needs "pads" ({1}).',
        capitalize(layerLabel(spec, layer.index, layer)),
        dims === 1
          ? '[begin, end]'
          : dims === 3
            ? '[D_begin, H_begin, W_begin, D_end, H_end, W_end]'
            : '[top, left, bottom, right]',
      ),
      anchor,
    );
    return null;
  }
  if (field.value.length !== 2 * dims) {
    reporter.report(
      'tuple-length',
      l10n.t(
        '{0} lists {1} values; a {2}-D spec needs {3}: the begin of every axis, then the end of every axis ({4}).',
        formatPath(field.ref.path),
        field.value.length,
        dims,
        2 * dims,
        dims === 1
          ? '[begin, end]'
          : dims === 3
            ? '[D_begin, H_begin, W_begin, D_end, H_end, W_end]'
            : '[top, left, bottom, right]',
      ),
      field.ref,
    );
    return null;
  }
  const pads = field.value;
  if (inexact(req, [...pads, ...inputShape.slice(2)], field.ref, reporter)) return null;
  const axes = axisNames(dims);
  const calcs = axes.map((axis, d) => padDimCalc(axis, inputShape[2 + d], pads[d], pads[dims + d]));
  if (nonPositive(req, calcs, (d) => field.items[pads[d] < 0 ? d : dims + d] ?? field.ref, reporter)) return null;
  return { op: { kind: 'pad', pads, value: layer.op.value?.value ?? 0 }, dims: calcs, channels: inputShape[1] };
}

function planCrop(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape } = req;
  const { size, begin: beginField, end: endField } = layer.op;
  const label = capitalize(layerLabel(spec, layer.index, layer));
  const anchor = layerAnchor(layer);
  const spatial = inputShape.slice(2);
  const axes = axisNames(spec.dims);
  if (!size && !beginField && !endField) {
    reporter.report(
      'layer-options',
      l10n.t('{0} is a crop layer, which needs "size" (a centre crop) or "begin"/"end".', label),
      anchor,
    );
    return null;
  }
  if (size && (beginField || endField)) {
    const other = (beginField ?? endField) as IntOrTupleField;
    reporter.report(
      'layer-options',
      l10n.t('{0} gives both "size" and "begin"/"end": write one of them.', label),
      keySpan(other.ref),
    );
    return null;
  }
  let begin: number[];
  let end: number[];
  if (size) {
    const sizes = expandPerDim(size, spec.dims, 1, reporter);
    if (!sizes) return null;
    if (inexact(req, sizes, size.ref, reporter)) return null;
    const larger = sizes.flatMap((s, d) => (s > spatial[d] ? [d] : []));
    for (const d of larger)
      reporter.report(
        'crop-size',
        l10n.t(
          '{0} crops {1} to {2}, but its input has {1} = {3}: a crop only removes rows (a pad layer adds them).',
          label,
          axes[d],
          sizes[d],
          spatial[d],
        ),
        itemSpan(size, d, size.ref),
      );
    if (larger.length > 0) return null;
    begin = sizes.map((s, d) => centerCropBegin(spatial[d], s));
    end = sizes.map((s, d) => spatial[d] - s - begin[d]);
  } else {
    const b = expandPerDim(beginField, spec.dims, 0, reporter);
    const e = expandPerDim(endField, spec.dims, 0, reporter);
    if (!b || !e) return null;
    if (inexact(req, [...b, ...e], (beginField ?? endField)?.ref ?? anchor, reporter)) return null;
    begin = b;
    end = e;
  }
  const calcs = axes.map((axis, d) => cropDimCalc(axis, spatial[d], begin[d], end[d]));
  if (!size && nonPositive(req, calcs, (d) => itemSpan(endField ?? beginField, d, anchor), reporter)) return null;
  return { op: { kind: 'crop', begin, end, centred: size !== undefined }, dims: calcs, channels: inputShape[1] };
}

function planJoin(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape, earlier } = req;
  const source = resolveSkip(spec, layer, earlier, reporter);
  if (!source) return null;
  if (!checkSkipShapes(spec, layer, earlier, inputShape, source, reporter)) return null;
  const isConcat = layer.kind === 'concat';
  const axes = axisNames(spec.dims);
  const dims = inputShape.slice(2).map((n, d) => ({
    axis: axes[d],
    out: n,
    formula: `${axes[d]}_out = ${axes[d]}_in (= ${axes[d]} of ${source.name})`,
    substituted: `${n} (${source.name}: ${source.shape[2 + d]}) = ${n}`,
  }));
  return {
    op: { kind: layer.kind as 'concat' | 'add', source },
    dims,
    channels: isConcat ? inputShape[1] + source.shape[1] : inputShape[1],
  };
}

export function planOp(req: OpRequest, reporter: Reporter): PlannedLayer | null {
  const { spec, layer, inputShape } = req;
  warnIgnoredFields(req, reporter);
  let shape: OpShape | null;
  switch (layer.kind) {
    case 'maxPool':
    case 'avgPool':
      shape = planPool(req, reporter);
      break;
    case 'upsample':
      shape = planUpsample(req, reporter);
      break;
    case 'pad':
      shape = planPad(req, reporter);
      break;
    case 'crop':
      shape = planCrop(req, reporter);
      break;
    case 'concat':
    case 'add':
      shape = planJoin(req, reporter);
      break;
  }
  if (!shape) return null;
  const dims = spec.dims;
  const outputShape = [inputShape[0], shape.channels, ...shape.dims.map((c) => c.out)];
  const label = layerLabel(spec, layer.index, layer);
  const withinCap = checkCap(outputShape, l10n.t("{0}'s output", label), layerAnchor(layer), req.maxElements, reporter);
  const plan: LayerPlan = {
    index: layer.index,
    name: layerName(spec, layer.index, layer),
    kind: layer.kind,
    inputShape: [...inputShape],
    weightShape: [0],
    biasShape: null,
    outputShape,
    params: {
      stride: shape.params?.stride ?? new Array<number>(dims).fill(1),
      padding: shape.params?.padding ?? new Array<number>(dims).fill(0),
      dilation: shape.params?.dilation ?? new Array<number>(dims).fill(1),
      outputPadding: new Array<number>(dims).fill(0),
      groups: 1,
    },
    dims: shape.dims,
    weightSource: 'init',
    spec: layer,
    op: shape.op,
  };
  const origin: ChannelOrigin =
    shape.op.kind === 'concat'
      ? {
          span: layer.op.with?.ref ?? layerAnchor(layer),
          message: l10n.t(
            '{0} outputs {1} channels ({2} + {3} from {4})',
            label,
            shape.channels,
            inputShape[1],
            shape.op.source.shape[1],
            shape.op.source.name,
          ),
        }
      : req.origin;
  return { plan, outOrigin: origin, withinCap };
}

/** pad and crop layers: rows added or removed at each end of every axis (crop: or a centre crop to "size"). */
import * as l10n from '@vscode/l10n';
import { axisNames, centerCropBegin, cropDimCalc, padDimCalc } from '../engine';
import { formatPath } from './format';
import { capitalize, layerAnchor, layerLabel } from './labels';
import type { IntOrTupleField } from './model';
import { inexact, itemSpan, nonPositive, type OpShape } from './opShape';
import type { OpRequest } from './planOp';
import { expandPerDim } from './planParams';
import { keySpan, type Reporter } from './reporter';

export function planPad(req: OpRequest, reporter: Reporter): OpShape | null {
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

export function planCrop(req: OpRequest, reporter: Reporter): OpShape | null {
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

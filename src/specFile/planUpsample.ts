/** upsample layers: "scaleFactor" or "size", and a mode that fits the spec's dimensions. */
import * as l10n from '@vscode/l10n';
import { axisNames, linearModeFor, upsampleDimCalc } from '../engine';
import { replaceEdit } from './edits';
import { sentences } from './format';
import { capitalize, layerAnchor, layerLabel } from './labels';
import { pytorchSays } from './layerProblems';
import { inexact, type OpShape } from './opShape';
import type { OpRequest } from './planOp';
import { expandPerDim } from './planParams';
import { keySpan, type Reporter } from './reporter';

export function planUpsample(req: OpRequest, reporter: Reporter): OpShape | null {
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

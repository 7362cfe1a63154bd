/** A layer's kernel: its spatial size and full weight shape, from the kernel spec, kernelSize, channels or the shared weight. */
import * as l10n from '@vscode/l10n';
import { replaceEdit } from './edits';
import { formatList, formatPath, sentences } from './format';
import { capitalize, FORWARD_INDEX, layerAnchor, layerLabel } from './labels';
import type { Dims, LayerKind } from './model';
import { kernelAxesText } from './shorthand';
import type { WeightSource } from './plan';
import { expandPerDim } from './planParams';
import type { KernelLayout } from './planTensors';
import { keySpan, related, type Reporter } from './reporter';
import type { LayerRequest } from './layerRequest';
import { dimSpan, perDimText, pytorchSays } from './layerProblems';
import { dividesBoth, groupsFixes } from './groupsFix';

export const layoutText = (kind: LayerKind, dims: Dims): string => {
  const k = kernelAxesText(dims);
  return kind === 'convTranspose' ? `[C_in, C_out/groups, ${k}]` : `[C_out, C_in/groups, ${k}]`;
};

export function kernelSizeMismatch(req: LayerRequest, kernel: readonly number[], reporter: Reporter): void {
  const field = req.fields.kernelSize;
  if (!field) return;
  const written = typeof field.value === 'number' ? new Array<number>(kernel.length).fill(field.value) : field.value;
  if (written.length !== kernel.length || written.every((k, d) => k === kernel[d])) return;
  const differing = written.flatMap((k, d) => (k !== kernel[d] ? [d] : []));
  const at = differing.length === 1 ? dimSpan(field, differing[0], field.ref) : field.ref;
  const text = perDimText(kernel, field);
  const message = req.layout
    ? l10n.t(
        "kernelSize {0} disagrees with its kernel's shape {1}, which has kernel size {2}.",
        formatValueList(field.value),
        formatList(req.layout.written.shape),
        formatList(kernel),
      )
    : l10n.t(
        'kernelSize {0} disagrees with {1} {2}, which has kernel size {3}.',
        formatValueList(field.value),
        req.sharedWeight?.owner ?? l10n.t('the kernel'),
        formatList(req.sharedWeight?.shape ?? kernel),
        formatList(kernel),
      );
  reporter.report('kernel-shape', message, at, {
    fixes: [{ title: l10n.t('Set kernelSize to {0}', text), edits: [replaceEdit(field.ref, text)], isPreferred: true }],
  });
}

const formatValueList = (v: number | readonly number[]): string => (typeof v === 'number' ? String(v) : formatList(v));

interface WeightChoice {
  readonly weight: number[];
  readonly source: WeightSource;
}

export function chooseWeight(
  req: LayerRequest,
  layout: KernelLayout | undefined,
  kernel: readonly number[],
  groups: number,
  reporter: Reporter,
): WeightChoice | null {
  const { fields, kind } = req;
  const isTransposed = kind === 'convTranspose';
  const incoming = req.inputShape[1];
  const inC = req.inChannels?.value ?? incoming;
  const source: WeightSource = fields.kernel?.data ? 'data' : 'init';
  if (layout?.full) return { weight: [...layout.written.shape], source };
  if (layout) {
    const impliedIn = isTransposed ? 1 : groups;
    if (incoming === impliedIn) return { weight: [1, 1, ...kernel], source };
    const outC = fields.outChannels?.value ?? (isTransposed ? incoming : 1);
    const full = isTransposed ? [incoming, outC / groups, ...kernel] : [outC, incoming / groups, ...kernel];
    const canFix = !fields.kernel?.data && fields.kernel?.shape && full.every(Number.isInteger);
    const path = formatPath(layout.written.ref.path);
    const shorthand = `[${kernelAxesText(req.spec.dims)}]`;
    const label = layerLabel(req.spec, req.index, fields);
    const fullLayout = layoutText(kind, req.spec.dims);
    reporter.report(
      'kernel-shape',
      impliedIn === 1
        ? l10n.t(
            '{0} is the {1} shorthand, which means 1 input channel, but {2} receives {3}: write the full shape {4}.',
            path,
            shorthand,
            label,
            incoming,
            fullLayout,
          )
        : l10n.t(
            '{0} is the {1} shorthand, which means {2} input channels, but {3} receives {4}: write the full shape {5}.',
            path,
            shorthand,
            impliedIn,
            label,
            incoming,
            fullLayout,
          ),
      layout.written.ref,
      {
        fixes:
          canFix && fields.kernel?.shape
            ? [
                {
                  title: l10n.t('Set the kernel shape to {0}', formatList(full)),
                  edits: [replaceEdit(fields.kernel.shape.ref, formatList(full))],
                },
              ]
            : [],
        related: [related(req.origin.span, req.origin.message)],
      },
    );
    return null;
  }
  // The forward convolution borrows the weight; the transposed layer that owns it still generates it.
  if (req.sharedWeight)
    return { weight: [...req.sharedWeight.shape], source: req.index === FORWARD_INDEX ? 'shared' : 'init' };
  const outC = fields.outChannels?.value ?? req.defaultOutChannels ?? inC;
  if (inC % groups !== 0 || outC % groups !== 0) {
    const which = inC % groups !== 0 ? 'in_channels' : 'out_channels';
    const count = inC % groups !== 0 ? inC : outC;
    // PyTorch's own words stay untranslated.
    reporter.report(
      'groups-not-divisible',
      sentences(
        l10n.t(
          'groups {0} must divide both channel counts, but {1} {2} is not a multiple of it.',
          groups,
          which,
          count,
        ),
        pytorchSays(`${which} must be divisible by groups`),
      ),
      fields.groups?.ref ?? layerAnchor(fields),
      { fixes: groupsFixes(fields.groups, dividesBoth(inC, outC)) },
    );
    return null;
  }
  return { weight: isTransposed ? [inC, outC / groups, ...kernel] : [outC, inC / groups, ...kernel], source: 'init' };
}

export function resolveKernelSize(
  req: LayerRequest,
  layout: KernelLayout | undefined,
  reporter: Reporter,
): number[] | null {
  const dims = req.spec.dims;
  if (layout) return layout.written.shape.slice(-dims);
  if (req.sharedWeight) return req.sharedWeight.shape.slice(2);
  if (req.fields.kernelSize) return expandPerDim(req.fields.kernelSize, dims, 1, reporter);
  const at = req.fields.kernel ? keySpan(req.fields.kernel.ref) : layerAnchor(req.fields);
  reporter.report(
    'kernel-size-missing',
    dims === 3
      ? l10n.t(
          '{0} has no kernel shape or data, so it needs "kernelSize" (e.g. 3 or [3, 3, 3]).',
          capitalize(layerLabel(req.spec, req.index, req.fields)),
        )
      : dims === 2
        ? l10n.t(
            '{0} has no kernel shape or data, so it needs "kernelSize" (e.g. 3 or [3, 3]).',
            capitalize(layerLabel(req.spec, req.index, req.fields)),
          )
        : l10n.t(
            '{0} has no kernel shape or data, so it needs "kernelSize" (e.g. 3).',
            capitalize(layerLabel(req.spec, req.index, req.fields)),
          ),
    at,
  );
  return null;
}

/** A layer's kernel: its spatial size and full weight shape, from the kernel spec, kernelSize, channels or the shared weight. */
import { replaceEdit } from './edits';
import { formatList, formatPath } from './format';
import { capitalize, FORWARD_INDEX, layerAnchor, layerLabel } from './labels';
import type { LayerKind } from './model';
import type { WeightSource } from './plan';
import { expandPerDim } from './planParams';
import type { KernelLayout } from './planTensors';
import { keySpan, related, type Reporter } from './reporter';
import type { LayerRequest } from './layerRequest';
import { dimSpan, perDimText } from './layerProblems';

export const layoutText = (kind: LayerKind, dims: number): string => {
  const k = dims === 2 ? 'kH, kW' : 'k';
  return kind === 'convTranspose' ? `[C_in, C_out/groups, ${k}]` : `[C_out, C_in/groups, ${k}]`;
};

export function kernelSizeMismatch(req: LayerRequest, kernel: readonly number[], reporter: Reporter): void {
  const field = req.fields.kernelSize;
  if (!field) return;
  const written = typeof field.value === 'number' ? new Array<number>(kernel.length).fill(field.value) : field.value;
  if (written.length !== kernel.length || written.every((k, d) => k === kernel[d])) return;
  const source = req.layout ? `its kernel's shape ${formatList(req.layout.written.shape)}` : `${req.sharedWeight?.owner ?? 'the kernel'} ${formatList(req.sharedWeight?.shape ?? kernel)}`;
  const differing = written.flatMap((k, d) => (k !== kernel[d] ? [d] : []));
  const at = differing.length === 1 ? dimSpan(field, differing[0], field.ref) : field.ref;
  const text = perDimText(kernel, field);
  reporter.report('kernel-shape', `kernelSize ${formatValueList(field.value)} disagrees with ${source}, which has kernel size ${formatList(kernel)}.`, at, {
    fixes: [{ title: `Set kernelSize to ${text}`, edits: [replaceEdit(field.ref, text)], isPreferred: true }],
  });
}

const formatValueList = (v: number | readonly number[]): string => (typeof v === 'number' ? String(v) : formatList(v));

interface WeightChoice {
  readonly weight: number[];
  readonly source: WeightSource;
}

export function chooseWeight(req: LayerRequest, layout: KernelLayout | undefined, kernel: readonly number[], groups: number, reporter: Reporter): WeightChoice | null {
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
    reporter.report(
      'kernel-shape',
      `${formatPath(layout.written.ref.path)} is the ${req.spec.dims === 2 ? '[kH, kW]' : '[k]'} shorthand, which means ${impliedIn} input channel${impliedIn === 1 ? '' : 's'}, but ${layerLabel(req.spec, req.index, fields)} receives ${incoming}: write the full shape ${layoutText(kind, req.spec.dims)}.`,
      layout.written.ref,
      {
        fixes: canFix && fields.kernel?.shape ? [{ title: `Set the kernel shape to ${formatList(full)}`, edits: [replaceEdit(fields.kernel.shape.ref, formatList(full))] }] : [],
        related: [related(req.origin.span, req.origin.message)],
      },
    );
    return null;
  }
  // The forward convolution borrows the weight; the transposed layer that owns it still generates it.
  if (req.sharedWeight) return { weight: [...req.sharedWeight.shape], source: req.index === FORWARD_INDEX ? 'shared' : 'init' };
  const outC = fields.outChannels?.value ?? req.defaultOutChannels ?? inC;
  if (inC % groups !== 0 || outC % groups !== 0) {
    const which = inC % groups !== 0 ? `in_channels ${inC}` : `out_channels ${outC}`;
    reporter.report(
      'groups-not-divisible',
      `groups ${groups} must divide both channel counts, but ${which} is not a multiple of it. PyTorch: ${inC % groups !== 0 ? 'in_channels' : 'out_channels'} must be divisible by groups.`,
      fields.groups?.ref ?? layerAnchor(fields),
    );
    return null;
  }
  return { weight: isTransposed ? [inC, outC / groups, ...kernel] : [outC, inC / groups, ...kernel], source: 'init' };
}

export function resolveKernelSize(req: LayerRequest, layout: KernelLayout | undefined, reporter: Reporter): number[] | null {
  const dims = req.spec.dims;
  if (layout) return layout.written.shape.slice(-dims);
  if (req.sharedWeight) return req.sharedWeight.shape.slice(2);
  if (req.fields.kernelSize) return expandPerDim(req.fields.kernelSize, dims, 1, reporter);
  const at = req.fields.kernel ? keySpan(req.fields.kernel.ref) : layerAnchor(req.fields);
  reporter.report(
    'kernel-size-missing',
    `${capitalize(layerLabel(req.spec, req.index, req.fields))} has no kernel shape or data, so it needs "kernelSize" (e.g. ${dims === 2 ? '3 or [3, 3]' : '3'}).`,
    at,
  );
  return null;
}


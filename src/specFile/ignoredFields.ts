/** The fields a chain layer carries that its type does not read: a warning each, naming the types that do. */
import * as l10n from '@vscode/l10n';
import { COMMON_LAYER_FIELDS, OP_FIELDS, type ChainOpKind } from './chainOpModel';
import { formatAnd } from './format';
import type { LayerSpecModel } from './model';
import type { OpRequest } from './planOp';
import { keySpan, type Reporter } from './reporter';

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
export function warnIgnoredFields(req: OpRequest, reporter: Reporter): void {
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

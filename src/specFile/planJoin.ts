/** concat and add layers: the earlier output "with" names, and the shape the join gives. */
import * as l10n from '@vscode/l10n';
import { axisNames } from '../engine';
import type { OpShape } from './opShape';
import type { OpRequest } from './planOp';
import { resolveSkip } from './planSkip';
import { checkSkipShapes } from './skipShapes';
import type { Reporter } from './reporter';

export function planJoin(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape, earlier } = req;
  const source = resolveSkip(spec, layer, earlier, reporter);
  if (!source) return null;
  if (!checkSkipShapes(spec, layer, earlier, inputShape, source, reporter)) return null;
  const isConcat = layer.kind === 'concat';
  const axes = axisNames(spec.dims);
  const dims = inputShape.slice(2).map((n, d) => ({
    axis: axes[d],
    out: n,
    formula: l10n.t('{0}_out = {0}_in (the same as {1})', axes[d], source.name),
    substituted: String(n),
  }));
  return {
    op: { kind: layer.kind as 'concat' | 'add', source },
    dims,
    channels: isConcat ? inputShape[1] + source.shape[1] : inputShape[1],
  };
}

/** Pad → a pad layer (spatial axes only; other modes than constant are noted). */
import * as l10n from '@vscode/l10n';
import { constantNumbers } from './graphIndex';
import { stopAt, type MappedOp, type OpStep } from './opStep';
import { Attributes } from './protoValues';

export function padLayer(step: OpStep): MappedOp {
  const { node, dims } = step;
  const a = new Attributes(node);
  const inputs = node.input ?? [];
  const rank = dims + 2;
  // Pad-2: pads and value attributes; Pad-11+: (data, pads, constant_value, axes).
  const pads = a.ints('pads') ?? constantNumbers(step.index, inputs[1]);
  if (inputs[3]) return stopAt(l10n.t('Pad with axes'));
  if (!pads || pads.length !== 2 * rank) return stopAt(l10n.t('its pads are computed in the graph'));
  if ([0, 1, rank, rank + 1].some((i) => pads[i] !== 0)) return stopAt(l10n.t('it pads the batch or channel axis'));
  const layer: Record<string, unknown> = {
    type: 'pad',
    pads: [...pads.slice(2, rank), ...pads.slice(rank + 2)],
  };
  const value = a.has('value') ? a.float('value', 0) : (constantNumbers(step.index, inputs[2])?.[0] ?? 0);
  if (value !== 0) layer.value = value;
  const mode = a.string('mode', 'constant');
  if (mode !== 'constant')
    step.note(
      'caveat',
      l10n.t("{0} '{1}': mode {2} is written as zero padding; the values at the border differ", 'Pad', step.name, mode),
    );
  return { layer };
}

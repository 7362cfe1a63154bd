/** The chain's shape walk: input, then every layer's output, with the skip connections of concat/add layers. */
import * as l10n from '@vscode/l10n';
import type { WalkStep } from '../webviewProtocol';
import type { ChainPlan } from '../specFile';
import { layerSignature } from '../specFile/layerSignature';
import { INPUT_INDEX } from '../specFile/planSkip';
import { layerIdOf } from './layerIds';

export function shapeWalk(plan: ChainPlan): WalkStep[] {
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  // Walk position of each plan index: the input is 0, then the steps in order.
  const position = new Map<number, number>([[INPUT_INDEX, 0]]);
  steps.forEach((s, i) => position.set(s.index, i + 1));
  return [
    { label: l10n.t('input'), layerId: null, shape: [...plan.inputShape], detail: null, skip: null },
    ...steps.map((s) => {
      const op = s.op;
      const source = op && (op.kind === 'concat' || op.kind === 'add') ? op.source : undefined;
      const from = source ? position.get(source.index) : undefined;
      return {
        label: s.name,
        // The preview's other views show the convolutions; the other layers are in the walk only.
        layerId: op ? null : layerIdOf(s.index),
        shape: [...s.outputShape],
        detail: op ? layerSignature(s) : null,
        skip: source && from !== undefined ? { from, label: source.name, shape: [...source.shape] } : null,
      };
    }),
  ];
}

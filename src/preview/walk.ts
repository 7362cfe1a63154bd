/** The chain's shape walk: input, then every layer's output. */
import * as l10n from '@vscode/l10n';
import type { WalkStep } from '../webviewProtocol';
import type { ChainPlan } from '../specFile';
import { layerIdOf } from './layerIds';

export function shapeWalk(plan: ChainPlan): WalkStep[] {
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  return [
    { label: l10n.t('input'), layerId: null, shape: [...plan.inputShape] },
    ...steps.map((s) => ({ label: s.name, layerId: layerIdOf(s.index), shape: [...s.outputShape] })),
  ];
}

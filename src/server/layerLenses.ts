/**
 * The CodeLens line above each layer, "Preview · Verify · 1×1×2×2 → 1×1×4×4" (codeLens.ts makes them
 * vscode.CodeLens objects). No `vscode` here, so the host benchmark runs this very code.
 */
import * as l10n from '@vscode/l10n';
import type { ValidationResult } from '../specFile';
import { formatShape } from '../engine';

export interface LayerLens {
  /** Where the layer starts (its key, or its value in a `layers` list). */
  readonly offset: number;
  readonly title: string;
  /** A command taking the spec's URI, or '' for a lens that only shows. */
  readonly command: string;
  readonly tooltip?: string;
}

export function layerLenses(analysis: Pick<ValidationResult, 'spec' | 'plan'>): LayerLens[] {
  if (!analysis.spec) return [];
  return analysis.spec.layers.flatMap((layer, i) => {
    const offset = layer.ref.keyOffset ?? layer.ref.offset;
    const plan = analysis.plan?.layers[i];
    return [
      { offset, title: `$(open-preview) ${l10n.t('Preview')}`, command: 'tconv.openPreviewToSide' },
      { offset, title: `$(beaker) ${l10n.t('Verify')}`, command: 'tconv.verifyCurrent' },
      {
        offset,
        title: plan
          ? `${formatShape(plan.inputShape)} → ${formatShape(plan.outputShape)}`
          : l10n.t('shape unknown (see Problems)'),
        command: '',
        ...(plan
          ? { tooltip: `${plan.name}: ${plan.dims.map((d) => `${d.axis}_out = ${d.substituted}`).join('; ')}` }
          : {}),
      },
    ];
  });
}

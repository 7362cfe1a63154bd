/**
 * What the status bar shows for the active spec (statusBar.ts puts it on the item). No `vscode` here, so the
 * host benchmark (bench/editor/hostBlock.ts) runs this very code; messages come through @vscode/l10n, which
 * the host loads with VS Code's bundle at activation (localizeHost).
 */
import * as l10n from '@vscode/l10n';
import type { ValidationResult } from '../specFile';
import { formatShape } from '../engine';

export interface ShapeStatus {
  readonly text: string;
  readonly tooltip: string;
  readonly command: string;
}

export function shapeStatus(analysis: Pick<ValidationResult, 'diagnostics' | 'plan'>): ShapeStatus {
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const plan = analysis.plan;
  const shapes = plan?.outputShape
    ? `${formatShape(plan.inputShape)} → ${formatShape(plan.outputShape)}`
    : plan
      ? `${formatShape(plan.inputShape)} → ?`
      : l10n.t('no shape');
  return {
    text: `$(symbol-array) ${shapes}${errors ? `  $(error) ${errors}` : ''}`,
    tooltip:
      errors === 0
        ? l10n.t('Transposed convolution: input → output shape. Click to open the preview.')
        : errors === 1
          ? l10n.t('1 error in this spec (open Problems)')
          : l10n.t('{0} errors in this spec (open Problems)', errors),
    command: errors ? 'workbench.actions.view.problems' : 'tconv.openPreviewToSide',
  };
}

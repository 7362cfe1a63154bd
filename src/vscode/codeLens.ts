import * as vscode from 'vscode';
import { formatShape } from '../engine';
import { currentAnalysis, type SpecAnalyses } from './specAnalyses';
import { toRange } from './specDocuments';
import { readSettings } from './settings';

/** "Preview · Verify · 1×1×2×2 → 1×1×4×4" above each layer. */
export class LayerCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly analyses: SpecAnalyses) {
    this.subscription = analyses.onDidAnalyze(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!readSettings(document.uri).codeLens) return [];
    const analysis = await currentAnalysis(this.analyses, document);
    if (!analysis?.spec) return [];
    const lenses: vscode.CodeLens[] = [];
    analysis.spec.layers.forEach((layer, i) => {
      const range = toRange(document, layer.ref.keyOffset ?? layer.ref.offset, 0);
      const plan = analysis.plan?.layers[i];
      lenses.push(
        new vscode.CodeLens(range, { title: `$(open-preview) ${vscode.l10n.t('Preview')}`, command: 'tconv.openPreviewToSide', arguments: [document.uri] }),
        new vscode.CodeLens(range, { title: `$(beaker) ${vscode.l10n.t('Verify')}`, command: 'tconv.verifyCurrent', arguments: [document.uri] }),
        new vscode.CodeLens(range, {
          title: plan ? `${formatShape(plan.inputShape)} → ${formatShape(plan.outputShape)}` : vscode.l10n.t('shape unknown (see Problems)'),
          command: '',
          tooltip: plan ? `${plan.name}: ${plan.dims.map((d) => `${d.axis}_out = ${d.substituted}`).join('; ')}` : undefined,
        }),
      );
    });
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

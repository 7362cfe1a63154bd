import * as vscode from 'vscode';
import { formatShape } from '../engine';
import type { HostAnalysis } from '../analysis/hostView';
import { isSpecDocument } from './specDocuments';
import type { SpecAnalyses } from './specAnalyses';

/** The active spec's input → output shape, and its error count when it has errors. */
export class ShapeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tconv.shape', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyses: SpecAnalyses) {
    this.item.name = vscode.l10n.t('Transposed Convolution: shape');
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      analyses.onDidAnalyze((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.show(e.analysis);
      }),
    ];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isSpecDocument(document)) {
      this.item.hide();
      return;
    }
    const known = this.analyses.peek(document);
    if (known) this.show(known);
    else this.analyses.get(document).catch(() => undefined);
  }

  private show(analysis: HostAnalysis): void {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    const plan = analysis.plan;
    const shapes = plan?.outputShape ? `${formatShape(plan.inputShape)} → ${formatShape(plan.outputShape)}` : plan ? `${formatShape(plan.inputShape)} → ?` : vscode.l10n.t('no shape');
    this.item.text = `$(symbol-array) ${shapes}${errors ? `  $(error) ${errors}` : ''}`;
    this.item.tooltip =
      errors === 0
        ? vscode.l10n.t('Transposed convolution: input → output shape. Click to open the preview.')
        : errors === 1
          ? vscode.l10n.t('1 error in this spec (open Problems)')
          : vscode.l10n.t('{0} errors in this spec (open Problems)', errors);
    this.item.command = errors ? 'workbench.actions.view.problems' : 'tconv.openPreviewToSide';
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

import * as vscode from 'vscode';
import type { HostAnalysis } from '../analysis/hostView';
import { isSpecDocument } from './specDocuments';
import type { SpecAnalyses } from './specAnalyses';
import { shapeStatus } from './views/shapeStatus';

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
    const status = shapeStatus(analysis);
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.command = status.command;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

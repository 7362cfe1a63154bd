import * as vscode from 'vscode';
import { currentAnalysis, type SpecAnalyses } from './specAnalyses';
import { toRange } from './specDocuments';
import { readSettings } from './settings';
import { layerLenses } from './views/layerLenses';

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
    if (!analysis) return [];
    return layerLenses(analysis).map(
      (lens) =>
        new vscode.CodeLens(toRange(document, lens.offset, 0), {
          title: lens.title,
          command: lens.command,
          ...(lens.command ? { arguments: [document.uri] } : {}),
          ...(lens.tooltip ? { tooltip: lens.tooltip } : {}),
        }),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

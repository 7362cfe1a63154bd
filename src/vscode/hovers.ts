import * as vscode from 'vscode';
import { currentAnalysis, type SpecAnalyses } from './specAnalyses';
import { toRange } from './specDocuments';

/**
 * Hovers: the output-shape formula with numbers on hyperparameters and shapes, a layer's summary on the layer.
 * The worker computes them (src/spec/hover.ts reads the text, which can be megabytes); the host only positions them.
 */
export class SpecHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyses: SpecAnalyses) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const version = document.version;
    const analysis = await currentAnalysis(this.analyses, document);
    // Every hover needs a plan (hoverAt says nothing without one): no need to ask the worker.
    if (!analysis?.plan) return undefined;
    const info = await this.analyses.hover(document, document.offsetAt(position));
    if (!info || document.version !== version) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(info.markdown), toRange(document, info.offset, info.length));
  }
}

import * as vscode from 'vscode';
import { hoverAt } from '../spec/hover';
import { currentAnalysis, type SpecAnalyses } from './specAnalyses';
import { toRange } from './specDocuments';

/** Hovers: the output-shape formula with numbers on hyperparameters and shapes, a layer's summary on the layer. */
export class SpecHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyses: SpecAnalyses) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const analysis = await currentAnalysis(this.analyses, document);
    if (!analysis) return undefined;
    const info = hoverAt(document.getText(), analysis, document.offsetAt(position));
    if (!info) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(info.markdown), toRange(document, info.offset, info.length));
  }
}

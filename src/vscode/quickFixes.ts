/** Quick fixes: each spec diagnostic's fixes as undoable WorkspaceEdits; nothing is applied unless the user picks it. */
import * as vscode from 'vscode';
import type { SpecDiagnostic } from '../spec';
import { currentAnalysis, type SpecAnalyses } from './specAnalyses';
import { toRange } from './specDocuments';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly analyses: SpecAnalyses) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === 'tconv');
    if (ours.length === 0) return [];
    const analysis = await currentAnalysis(this.analyses, document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    for (const shown of ours) {
      const spec = analysis.diagnostics.find((d) => sameDiagnostic(document, d, shown));
      for (const fix of spec?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [shown];
        action.isPreferred = fix.isPreferred ?? (spec?.fixes?.length === 1);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(document.uri, toRange(document, e.offset, e.length), e.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}

function sameDiagnostic(document: vscode.TextDocument, d: SpecDiagnostic, shown: vscode.Diagnostic): boolean {
  const code = typeof shown.code === 'object' ? shown.code.value : shown.code;
  return code === d.code && d.message === shown.message && toRange(document, d.offset, d.length).isEqual(shown.range);
}

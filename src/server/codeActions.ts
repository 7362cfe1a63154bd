/** Quick fixes: the fixes of each shown tconv diagnostic, as workspace edits the user may pick (nothing is applied here). */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationResult } from '../specFile';
import { rangeOf, sameRange } from './lspConvert';

export function quickFixes(document: TextDocument, result: ValidationResult, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const shown of params.context.diagnostics) {
    if (shown.source !== 'tconv') continue;
    const spec = result.diagnostics.find(
      (d) =>
        d.code === shown.code &&
        d.message === shown.message &&
        sameRange(rangeOf(document, d.offset, d.length), shown.range),
    );
    for (const fix of spec?.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [shown],
        isPreferred: fix.isPreferred ?? spec?.fixes?.length === 1,
        edit: {
          changes: {
            [document.uri]: fix.edits.map((e) => ({
              range: rangeOf(document, e.offset, e.length),
              newText: e.newText,
            })),
          },
        },
      });
    }
  }
  return actions;
}

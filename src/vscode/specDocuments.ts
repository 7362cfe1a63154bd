import * as vscode from 'vscode';

export const SPEC_SUFFIX = '.tconv.json';
/** The language of `*.tconv.json` (JSON with comments and trailing commas), so VS Code's JSON service leaves them to tconv. */
export const SPEC_LANGUAGE = 'tconv';

export function isSpecDocument(document: vscode.TextDocument): boolean {
  return document.languageId === SPEC_LANGUAGE || document.uri.path.endsWith(SPEC_SUFFIX);
}

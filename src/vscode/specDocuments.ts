import * as vscode from 'vscode';

export const SPEC_SUFFIX = '.tconv.json';

/** Our providers apply to JSON documents named *.tconv.json, on disk or in virtual workspaces. */
export const SPEC_SELECTOR: vscode.DocumentSelector = [{ language: 'json', pattern: '**/*.tconv.json' }];

export function isSpecDocument(document: vscode.TextDocument): boolean {
  return document.uri.path.endsWith(SPEC_SUFFIX);
}

export function toRange(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

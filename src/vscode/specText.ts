import * as vscode from 'vscode';
import { documentText, type LinesDocument } from './documentText';

/** A TextDocument as documentText reads it: slices of lines through getText(range). */
export function linesOf(document: vscode.TextDocument): LinesDocument {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    getText: () => document.getText(),
    // Ends at the start of line `end`, so the slice keeps its last line break; past the last line, VS Code clamps.
    getLines: (start, end) => document.getText(new vscode.Range(start, 0, end, 0)),
  };
}

/** How often a large document that keeps changing is read again before it is read in one go. */
const READ_ATTEMPTS = 3;

/** The text of an open document as it is now, read without blocking the host long (documentText). */
export async function openDocumentText(document: vscode.TextDocument): Promise<string> {
  for (let i = 0; i < READ_ATTEMPTS; i++) {
    const text = await documentText(linesOf(document));
    if (text !== undefined) return text;
  }
  return document.getText();
}

/** The text of a spec: the open document's (unsaved edits included), else the file's through workspace.fs. */
export async function readSpecText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return openDocumentText(open);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

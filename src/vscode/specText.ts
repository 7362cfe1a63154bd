import * as vscode from 'vscode';
import { DocumentTexts, type SpecText, type TextSource } from './documentText';

/** A TextDocument as documentText reads it. */
export function textSource(document: vscode.TextDocument): TextSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    get length() {
      return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    },
    getText: () => document.getText(),
    positionAt: (offset) => document.positionAt(offset),
    offsetAt: (p) => document.offsetAt(new vscode.Position(p.line, p.character)),
    getRange: (start, end) => document.getText(new vscode.Range(start.line, start.character, end.line, end.character)),
  };
}

const texts = new DocumentTexts<vscode.TextDocument>();

/**
 * The text of the document's current version, shared by all who ask for it: at once when it is small, else a
 * promise of its parts (of undefined when the document changed while it was read).
 */
export function currentText(document: vscode.TextDocument): SpecText | Promise<SpecText | undefined> {
  return texts.read(document, textSource(document));
}

/** How often a large document that keeps changing is read again before it is read in one go. */
const READ_ATTEMPTS = 3;

/** The text of an open document as it is now, read without blocking the host long (documentText). */
export async function openDocumentText(document: vscode.TextDocument): Promise<SpecText> {
  for (let i = 0; i < READ_ATTEMPTS; i++) {
    const text = await currentText(document);
    if (text !== undefined) return text;
  }
  return document.getText();
}

/** The text of a spec: the open document's (unsaved edits included, maybe in parts), else the file's. */
export async function readSpecText(uri: vscode.Uri): Promise<SpecText> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return openDocumentText(open);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

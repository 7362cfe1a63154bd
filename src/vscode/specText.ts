import * as vscode from 'vscode';

/** The text of a spec: the open document's (unsaved edits included), else the file's through workspace.fs. */
export async function readSpecText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

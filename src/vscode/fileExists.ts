import * as vscode from 'vscode';

/** Whether `uri` names a file or folder, asked through workspace.fs (so virtual workspaces answer too). */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Open Example…": a copy of one of the bundled examples as an untitled *.tconv.json (never the installed file,
 * so nothing the user types can change the extension), with the preview beside it. The walkthrough uses it.
 */
import * as vscode from 'vscode';
import type { PreviewManager } from './preview/previewManager';
import type { ViewId } from '../webviewProtocol';
import { exampleContextKey } from './exampleContextKey';
import { fileExists } from './fileExists';

const SUFFIX = '.tconv.json';

async function bundledExamples(extensionUri: vscode.Uri): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, 'examples'));
  return entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith(SUFFIX))
    .map(([name]) => name.slice(0, -SUFFIX.length))
    .sort();
}

/** Where "Save" would put the copy: tconv-examples/<name>.tconv.json, numbered when that file exists already. */
async function freeUntitledUri(name: string): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(
    vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'),
    'tconv-examples',
  );
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${n === 1 ? name : `${name}-${n}`}${SUFFIX}`);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.path === candidate.path);
    if (!open && !(await fileExists(candidate))) return candidate.with({ scheme: 'untitled' });
  }
}

export async function openExample(
  extensionUri: vscode.Uri,
  previews: PreviewManager,
  name?: unknown,
  view?: unknown,
): Promise<vscode.TextEditor | undefined> {
  const available = await bundledExamples(extensionUri);
  const chosen =
    typeof name === 'string' && available.includes(name)
      ? name
      : await vscode.window.showQuickPick(available, { placeHolder: vscode.l10n.t('Open an example spec') });
  if (!chosen) return undefined;
  const text = new TextDecoder().decode(
    await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', `${chosen}${SUFFIX}`)),
  );
  const document = await vscode.workspace.openTextDocument(await freeUntitledUri(chosen));
  const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  // The bundled examples point "$schema" at ../schemas; the extension supplies the schema anyway.
  const copy = text.replace(/^\s*"\$schema":[^\n]*\n/m, '');
  await editor.edit((b) => b.replace(new vscode.Range(0, 0, document.lineCount, 0), copy));
  previews.show(document.uri, { toSide: true, view: typeof view === 'string' ? (view as ViewId) : undefined });
  await vscode.commands.executeCommand('setContext', exampleContextKey(chosen), true);
  return editor;
}

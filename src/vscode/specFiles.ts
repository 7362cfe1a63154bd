/**
 * Every `*.tconv.json` in the workspace. Folders on disk (local or remote) use the search service; a virtual
 * folder (a FileSystemProvider without a search provider, where `findFiles` never answers) is walked with
 * `workspace.fs`, within bounds, skipping node_modules and dot-folders.
 */
import * as vscode from 'vscode';

const SEARCHABLE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);
const SPEC_SUFFIX = '.tconv.json';
const MAX_WALKED_DIRECTORIES = 2000;
const MAX_SPECS = 5000;

/** At most `max` specs (e.g. 1 to learn whether the workspace has any, without listing them all). */
export async function findSpecFiles(max = MAX_SPECS): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (found.length >= max) break;
    const left = max - found.length;
    if (SEARCHABLE_SCHEMES.has(folder.uri.scheme)) {
      found.push(
        ...(await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, `**/*${SPEC_SUFFIX}`),
          '**/node_modules/**',
          left,
        )),
      );
    } else {
      found.push(...(await walkForSpecs(folder.uri, left)));
    }
  }
  return found.sort((a, b) => a.toString().localeCompare(b.toString()));
}

async function walkForSpecs(root: vscode.Uri, max: number): Promise<vscode.Uri[]> {
  const specs: vscode.Uri[] = [];
  const pending = [root];
  let walked = 0;
  while (pending.length > 0 && walked < MAX_WALKED_DIRECTORIES && specs.length < max) {
    const dir = pending.shift() as vscode.Uri;
    walked++;
    const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(
      () => [] as [string, vscode.FileType][],
    );
    for (const [name, type] of entries) {
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (name !== 'node_modules' && !name.startsWith('.')) pending.push(child);
      } else if (name.endsWith(SPEC_SUFFIX)) specs.push(child);
    }
  }
  return specs.slice(0, max);
}

// Helpers for the integration suites: only the vscode API, so they run in code-server and in VS Code desktop.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TconvApi } from '../../../src/vscode/activate';

export async function tconv(): Promise<TconvApi> {
  const ext = vscode.extensions.getExtension<TconvApi>('tconv.tconv');
  assert.ok(ext, 'the tconv extension is not installed');
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** A fresh copy of a workspace spec under a new name, so a test can edit it without disturbing others. */
export async function scratchCopy(relative: string, name: string): Promise<vscode.Uri> {
  const target = workspaceFile(`scratch/${name}.tconv.json`);
  await vscode.workspace.fs.copy(workspaceFile(relative), target, { overwrite: true });
  return target;
}

export async function openSpec(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** Resolves once the document's diagnostics satisfy `ok` (checked now and on every change); fails after `ms`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  ms = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tconv');
      if (!ok(ds)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const now = vscode.languages
        .getDiagnostics(uri)
        .map((d) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(now)}`));
    }, ms);
    check();
  });
}

/** A diagnostic as one line for assertions: source, code, 1-based range, severity, message. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const { start, end } = d.range;
  return `${d.source} ${codeOf(d)} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
}

/**
 * Every diagnostic of `uri`, from any source (what the Problems panel lists), once they satisfy `ok` and have then
 * stayed unchanged for `quietMs`: a second provider (VS Code's JSON support, say) would publish within that time.
 */
export function settledDiagnostics(
  uri: vscode.Uri,
  ok: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  { quietMs = 1500, ms = 30_000 }: { quietMs?: number; ms?: number } = {},
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      subscription.dispose();
      clearTimeout(quiet);
      clearTimeout(timer);
      clearInterval(poll);
    };
    const check = () => {
      clearTimeout(quiet);
      quiet = undefined;
      if (!ok(vscode.languages.getDiagnostics(uri))) return;
      quiet = setTimeout(() => {
        const ds = vscode.languages.getDiagnostics(uri);
        finish();
        if (ok(ds)) resolve(ds);
        else
          reject(
            new Error(
              `${what}: no longer true once settled; diagnostics now: ${JSON.stringify(ds.map(describeDiagnostic))}`,
            ),
          );
      }, quietMs);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    // `ok` may also look at other state (the status bar): look again now and then while it does not hold.
    const poll = setInterval(() => {
      if (quiet === undefined) check();
    }, 200);
    const timer = setTimeout(() => {
      finish();
      const now = vscode.languages.getDiagnostics(uri).map(describeDiagnostic);
      reject(
        new Error(
          `timed out after ${ms / 1000} s waiting for ${what} (then ${quietMs} ms without change); diagnostics now: ${JSON.stringify(now)}`,
        ),
      );
    }, ms);
    check();
  });
}

export const withCode = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);
export const none = (ds: readonly vscode.Diagnostic[]) => ds.length === 0;
export { codeOf };

/** The range of the first occurrence of `needle` in the document (offset `at` into the match). */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = document.getText().indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" not found in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + needle.length));
}

export async function replaceText(editor: vscode.TextEditor, needle: string, replacement: string): Promise<void> {
  const range = rangeOf(editor.document, needle);
  const ok = await editor.edit((b) => b.replace(range, replacement));
  assert.ok(ok, `edit "${needle}" → "${replacement}" was not applied`);
}

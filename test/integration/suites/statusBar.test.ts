// The status bar's error count comes from the server's tconv/analyzed notification, Problems from its published
// diagnostics: for the active spec they must agree, and agree with what the spec really has (issue #15: once
// VS Code's JSON support also validated specs, Problems counted some mistakes twice).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TconvApi } from '../../../src/vscode/activate';
import {
  describeDiagnostic,
  openSpec,
  replaceText,
  scratchCopy,
  settledDiagnostics,
  tconv,
  workspaceFile,
} from './util';

const problemErrors = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

describe('the status bar counts the errors Problems lists for the active spec', function () {
  this.timeout(60_000);
  let api: TconvApi;

  before(async () => {
    api = await tconv();
    await api.ready;
  });

  /** Once Problems shows `errors` errors for the active spec and has settled, the status bar says the same. */
  async function agree(uri: vscode.Uri, errors: number, what: string): Promise<void> {
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.toString(),
      uri.toString(),
      `${what}: not the active editor`,
    );
    const ds = await settledDiagnostics(
      uri,
      () => problemErrors(uri).length === errors && api.statusBar.shown?.errors === errors,
      `${what}: ${errors} error(s) in Problems and on the status bar (status bar: ${JSON.stringify(api.statusBar.shown)})`,
    );
    const shown = api.statusBar.shown;
    assert.ok(shown, `${what}: the status bar shows nothing`);
    assert.equal(
      shown.errors,
      ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
      `${what}: ${JSON.stringify(ds.map(describeDiagnostic))}`,
    );
    if (errors > 0) assert.ok(shown.text.endsWith(`$(error) ${errors}`), `${what}: ${shown.text}`);
    else assert.ok(!shown.text.includes('$(error)'), `${what}: ${shown.text}`);
  }

  it('for each broken example (as many errors as EXPECTED.json lists) and a clean one', async () => {
    const expected = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('broken/EXPECTED.json'))),
    ) as { files: Record<string, unknown[]> };
    for (const [name, errors] of [
      ...Object.entries(expected.files).map(([n, list]) => [`broken/${n}`, list.length] as const),
      ['d2l-stride.tconv.json', 0] as const,
    ]) {
      const uri = workspaceFile(name);
      await openSpec(uri);
      await agree(uri, errors, name);
    }
    assert.ok(
      Object.values(expected.files).some((list) => list.length > 1),
      'no example with several errors',
    );
  });

  it('as the errors are fixed one by one, and when another spec becomes active', async () => {
    const uri = await scratchCopy('broken/unet-target-size.tconv.json', 'status-count');
    let editor = await openSpec(uri);
    await agree(uri, 2, 'two target-size errors');
    await replaceText(editor, '"outputSize": [37, 37]', '"outputSize": [36, 37]');
    await agree(uri, 1, 'one fixed');
    // Another spec in front: the item follows the active editor, then comes back to this one's count.
    const clean = workspaceFile('d2l-basic.tconv.json');
    await openSpec(clean);
    await agree(clean, 0, 'a clean spec in front');
    editor = await vscode.window.showTextDocument(editor.document);
    await agree(uri, 1, 'back to the edited spec');
    await replaceText(editor, '"outputSize": [36, 37]', '"outputSize": [36, 36]');
    await agree(uri, 0, 'both fixed');
  });
});

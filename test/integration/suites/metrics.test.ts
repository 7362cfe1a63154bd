import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { tconv } from './util';

// Measures what only a real extension host can tell (activation), for `npm run bench` to report.
// No timing is asserted here: speed targets are benchmarks, never tests.
describe('editor metrics for the benchmark', () => {
  it('records the activation time next to the workspace', async () => {
    const api = await tconv();
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0, `activationMs = ${api.activationMs}`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, '..', 'editor-metrics.json');
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode(
        JSON.stringify({ activationMs: api.activationMs, vscode: vscode.version, at: new Date().toISOString() }),
      ),
    );
  });
});

// Harness self-test: checks the environment every integration suite relies on (vscode API + mocha + node:assert
// only, so it runs unchanged in code-server's extension host and under @vscode/test-electron).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('integration harness', () => {
  it('runs inside VS Code 1.99', () => {
    assert.match(vscode.version, /^1\.99\./);
  });

  it('has the tconv extension installed', () => {
    const ext = vscode.extensions.getExtension('tconv.tconv');
    assert.ok(ext, `tconv.tconv not among ${vscode.extensions.all.length} extensions`);
    assert.equal(ext.packageJSON.main, './dist/extension.js');
  });

  it('opens one workspace folder holding a .tconv.json spec', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
    const specs = await vscode.workspace.findFiles('**/*.tconv.json');
    assert.ok(specs.length > 0, 'no *.tconv.json found in the workspace');
  });

  it("opens a spec as a document of tconv's own language (JSON with comments), not json", async () => {
    const [spec] = await vscode.workspace.findFiles('**/*.tconv.json', undefined, 1);
    assert.ok(spec, 'no *.tconv.json found in the workspace');
    const doc = await vscode.workspace.openTextDocument(spec);
    assert.equal(doc.languageId, 'tconv');
    assert.ok(doc.fileName.endsWith('.tconv.json') && doc.lineCount > 0, `unexpected document ${doc.fileName}`);
  });
});

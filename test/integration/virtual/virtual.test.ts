// Session "virtual workspace": the folder is served by a FileSystemProvider (scheme tconv-virtual, registered by
// the runner extension), so there are no file: URIs and no search provider, as with a remote repository.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeCoreFeatures } from '../shared/coreFeatures';
import { openSpec, tconv, workspaceFile } from '../suites/util';

describe('virtual workspace', () => {
  it('really is a virtual folder', () => {
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.scheme, 'tconv-virtual');
  });

  it('opening a spec activates tconv (workspaceContains cannot search here; onLanguage:tconv does it)', async () => {
    await openSpec(workspaceFile('d2l-basic.tconv.json'));
    const ext = vscode.extensions.getExtension('tconv.tconv');
    for (let i = 0; i < 50 && !ext?.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ext?.isActive, true);
  });

  it('the Testing view finds every spec by walking the virtual folder', async () => {
    const api = await tconv();
    await api.tests.discoverWorkspace();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.path;
    const listed = [...api.tests.controller.items].map(([, item]) => item.uri?.path ?? '');
    for (const name of ['d2l-basic.tconv.json', 'dcgan-generator.tconv.json', 'broken/channel-mismatch.tconv.json']) {
      assert.ok(listed.includes(`${root}/${name}`), `${name} not in ${JSON.stringify(listed)}`);
    }
    assert.ok(listed.every((p) => p.startsWith(`${root}/`) && p.endsWith('.tconv.json')), JSON.stringify(listed));
  });

  // Code actions through the workbench, as the light bulb asks for them: VS Code's JSON extension, which used to
  // hold up the first such request here for 40–90 s, no longer handles *.tconv.json.
  describeCoreFeatures();
});

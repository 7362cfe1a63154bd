// Session "web extension host": settings put tconv into the browser's web worker extension host (its
// dist/web bundle, a Web Worker for the analysis). These tests run in the Node extension host, so they see tconv
// only through what the workbench shares: diagnostics, hovers, code actions, commands, tabs.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeCoreFeatures } from '../shared/coreFeatures';
import { openSpec, waitForDiagnostics, withCode, workspaceFile } from '../suites/util';

describe('web extension host', () => {
  it('tconv is not loaded in this (Node) extension host', () => {
    assert.equal(vscode.extensions.getExtension('tconv.tconv'), undefined);
  });

  it('…and yet a spec gets tconv diagnostics: they come from the web worker host', async () => {
    const uri = workspaceFile('broken/unet-off-by-one.tconv.json');
    await openSpec(uri);
    await waitForDiagnostics(uri, withCode('round-trip'), 'round-trip from the web host', 30_000);
  });

  describeCoreFeatures();
});

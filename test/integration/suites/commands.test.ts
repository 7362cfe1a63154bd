import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { SpecRunSummary } from '../../../src/vscode/testing';
import { convChain } from '../../unit/onnx/onnxModels';
import { openSpec, scratchCopy, tconv, workspaceFile } from './util';

describe('commands and the Testing view', () => {
  before(() => tconv());

  it('registers every command the manifest contributes', async () => {
    const ext = vscode.extensions.getExtension('tconv.tconv');
    const contributed = (ext?.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 8, JSON.stringify(contributed));
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) assert.ok(all.has(c), `${c} is contributed but not registered`);
  });

  it('Verify Current Spec runs the verifications and reports their numbers', async () => {
    await openSpec(workspaceFile('d2l-stride.tconv.json'));
    const summary = await vscode.commands.executeCommand<SpecRunSummary>('tconv.verifyCurrent');
    assert.equal(summary.error, undefined);
    assert.equal(summary.passed, 8);
    assert.equal(summary.failed, 0);
  });

  it('Verify Current Spec marks each check of a multi-layer spec in the Testing view as it finishes', async () => {
    // DCGAN's five transposed layers, one check each: every state comes from a progress report, before the result.
    const uri = await scratchCopy('dcgan-generator.tconv.json', 'progress');
    await openSpec(uri);
    const summary = await vscode.commands.executeCommand<SpecRunSummary>('tconv.verifyCurrent', uri);
    assert.equal(summary.error, undefined);
    const checks = summary.passed + summary.failed + summary.notRun;
    assert.ok(checks >= 5, JSON.stringify(summary));
    assert.equal(summary.reportedLive, checks);
  });

  it("the preview's Verify view shows the Verify command's run, the same numbers, until the spec changes", async () => {
    const { editor, preview, until } = await previewOfCopy('d2l-stride.tconv.json', 'one-story');
    await until('the first render', () => preview.posted.includes('render'));
    try {
      // From the command palette, not the preview's button.
      const summary = await vscode.commands.executeCommand<SpecRunSummary>('tconv.verifyCurrent', editor.document.uri);
      await until('the run in the Verify view', () => preview.shownRun !== undefined);
      assert.equal(preview.shownRun?.source, 'command');
      assert.deepEqual(preview.shownRun?.counts, {
        passed: summary.passed,
        failed: summary.failed,
        notRun: summary.notRun,
      });
      // A new render of the same text (a setting changed) keeps the run on show.
      preview.posted.length = 0;
      (await tconv()).previews.refreshAll();
      await until('a render followed by the run', () => preview.posted.join() === 'render,verification');
      // An edit: the run checked another text, so the next render shows the preview's own results only.
      preview.posted.length = 0;
      await editor.edit((b) => b.insert(new vscode.Position(0, 1), ' '));
      await until('the render of the edit', () => preview.posted.includes('render'));
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(preview.posted, ['render']);
    } finally {
      preview.dispose();
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('the preview answers a plane request from its webview with the planes of the render on screen', async () => {
    const { editor, preview, until } = await previewOfCopy('unet-skips.tconv.json', 'planes');
    try {
      await until('the first render', () => preview.posted.includes('render'));
      preview.posted.length = 0;
      // cat2's output channel 12: enc1's channel 4, through the language server's tconv/planes.
      await preview.receive({ type: 'requestPlanes', layerId: 'layer-13', batch: 0, inChannel: 0, outChannel: 12 });
      await until('the planes', () => preview.posted.includes('planes'));
      // Let the webview take the message before its panel closes.
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(
        preview.posted.filter((m) => m === 'planes' || m === 'error'),
        ['planes'],
      );
    } finally {
      preview.dispose();
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Verify on a spec with errors reports it as not verified', async () => {
    const summary = await vscode.commands.executeCommand<SpecRunSummary>(
      'tconv.verifyCurrent',
      workspaceFile('broken/unet-off-by-one.tconv.json'),
    );
    assert.ok(summary.error, 'a broken spec must not pass');
  });

  it('the Testing view lists each spec with its layers and verifications', async () => {
    const { tests } = await tconv();
    await tests.discoverWorkspace();
    const ids = [...tests.controller.items].map(([id]) => id);
    assert.ok(
      ids.some((id) => id.endsWith('/d2l-basic.tconv.json')),
      JSON.stringify(ids),
    );
    const uri = workspaceFile('dcgan-generator.tconv.json');
    await tests.runFile(uri);
    const file = tests.controller.items.get(uri.toString());
    assert.ok(file);
    const layers = [...file.children].map(([, item]) => item);
    assert.equal(layers.length, 5);
    assert.ok(layers.every((l) => l.children.size > 0 && l.range !== undefined));
  });

  it('Import ONNX Model as Spec writes the spec next to the model, opens it, and the spec is clean', async () => {
    const model = workspaceFile('scratch/decoder.onnx');
    const { bytes } = convChain(
      ['batch', 8, 4, 4],
      [
        {
          op: 'ConvTranspose',
          inChannels: 8,
          outChannels: 4,
          kernel: [4, 4],
          bias: true,
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
        {
          op: 'ConvTranspose',
          inChannels: 4,
          outChannels: 1,
          kernel: [4, 4],
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
      ],
      { between: { 0: 'Relu' } },
    );
    await vscode.workspace.fs.writeFile(model, bytes);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('tconv.importOnnx', model);
    assert.ok(written, 'no spec written');
    try {
      assert.ok(written.path.endsWith('scratch/decoder.tconv.json'), written.path);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), written.toString(), 'the written spec is the active editor');
      const spec = JSON.parse(editor.document.getText());
      assert.deepEqual(spec.input.shape, [1, 8, 4, 4]);
      assert.equal(spec.layers.length, 2);
      const summary = await vscode.commands.executeCommand<SpecRunSummary>('tconv.verifyCurrent', written);
      assert.equal(summary.error, undefined);
      assert.equal(summary.failed, 0);
      assert.ok(summary.passed > 0);
      const errors = vscode.languages
        .getDiagnostics(written)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(written);
      await vscode.workspace.fs.delete(model);
    }
  });

  it('New Spec from Template opens a valid spec', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tconv.newSpec', 'chain');
    assert.ok(editor, 'no editor');
    assert.ok(editor.document.uri.path.endsWith('.tconv.json'));
    const json = JSON.parse(editor.document.getText());
    assert.equal(json.layers.length, 2);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Toggle Symbolic Mode flips the setting', async () => {
    const before = vscode.workspace.getConfiguration('tconv').get('symbolic');
    await vscode.commands.executeCommand('tconv.toggleSymbolic');
    assert.equal(vscode.workspace.getConfiguration('tconv').get('symbolic'), !before);
    await vscode.commands.executeCommand('tconv.toggleSymbolic');
    assert.equal(vscode.workspace.getConfiguration('tconv').get('symbolic'), before);
  });
});

describe('examples and the walkthrough', () => {
  before(() => tconv());

  // A walkthrough button while the preview is hidden behind another editor: the view it asks for must reach the
  // webview that is revealed, not the hidden one (which drops messages and comes back showing its saved view).
  it('Open Example with a view, while the preview is hidden, shows that view', async () => {
    const { previews } = await tconv();
    const first = await vscode.commands.executeCommand<vscode.TextEditor>('tconv.openExample', 'd2l-basic', 'verify');
    const preview = previews.all.find((p) => p.isShowing(first.document.uri));
    assert.ok(preview, 'no preview');
    const until = async (what: string, ok: () => boolean) => {
      for (const started = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 50)))
        if (Date.now() - started > 30_000)
          throw new Error(`waited 30 s for ${what}; posted ${preview.posted.join(', ')}`);
    };
    const opened: vscode.TextDocument[] = [first.document];
    try {
      await until('the first render', () => preview.posted.includes('render'));
      await vscode.window.showTextDocument(first.document, { viewColumn: preview.panel.viewColumn, preview: false });
      await until('the preview to be hidden', () => !preview.panel.visible);
      preview.posted.length = 0;
      preview.undelivered.length = 0;
      const second = await vscode.commands.executeCommand<vscode.TextEditor>(
        'tconv.openExample',
        'd2l-stride',
        'steps',
      );
      opened.push(second.document);
      assert.ok(preview.isShowing(second.document.uri), 'the same (dynamic) preview shows the new example');
      await until(
        'the view and a render',
        () => preview.posted.includes('setView') && preview.posted.includes('render'),
      );
      await new Promise((r) => setTimeout(r, 1000));
      assert.ok(preview.panel.visible, 'the preview is revealed');
      assert.ok(!preview.undelivered.includes('setView'), `lost: ${preview.undelivered.join(', ')}`);
    } finally {
      for (const p of previews.all) p.dispose();
      for (const document of opened) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  });

  it('Open Example opens an untitled copy of a bundled example with its preview', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tconv.openExample', 'd2l-basic', 'steps');
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.ok(editor.document.uri.path.endsWith('d2l-basic.tconv.json'));
    assert.match(editor.document.getText(), /"data": \[\[0, 1\], \[2, 3\]\]/);
    const { previews } = await tconv();
    assert.ok(
      previews.all.some((p) => p.isShowing(editor.document.uri)),
      'a preview shows the copy',
    );
    // No problem from any source (ours or VS Code's JSON support) on a copy of a clean example.
    await new Promise((r) => setTimeout(r, 2000));
    const problems = vscode.languages.getDiagnostics(editor.document.uri).map((d) => `${d.source}: ${d.message}`);
    assert.deepEqual(problems, []);
    for (const p of previews.all) p.dispose();
    // Revert, not close: closing a changed untitled editor would ask to save it and block the workbench.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

/** A scratch copy of an example, open, with its preview beside it, and a wait on what the preview posted. */
async function previewOfCopy(example: string, name: string) {
  const { previews } = await tconv();
  const uri = await scratchCopy(example, name);
  const editor = await openSpec(uri);
  await vscode.commands.executeCommand('tconv.openPreviewToSide', uri);
  const preview = previews.all.find((p) => p.isShowing(uri));
  assert.ok(preview, 'no preview of the spec');
  const until = async (what: string, ok: () => boolean) => {
    for (const started = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 50)))
      if (Date.now() - started > 30_000)
        throw new Error(`waited 30 s for ${what}; posted ${preview.posted.join(', ')}`);
  };
  return { editor, preview, until };
}

// Nothing lost: no command and no preview action writes to a spec. Only a quick fix or command the user picks
// edits one, as an undoable edit of the open document, and saving always stays the user's.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { openSpec, scratchCopy, tconv, waitForDiagnostics, withCode } from './util';

/** Every spec in the workspace, as the bytes on disk. */
async function specsOnDisk(): Promise<Map<string, string>> {
  const uris = await vscode.workspace.findFiles('**/*.tconv.json');
  const texts = await Promise.all(
    uris.map(async (u) => [u.toString(), new TextDecoder().decode(await vscode.workspace.fs.readFile(u))] as const),
  );
  return new Map(texts);
}

function assertSameFiles(before: Map<string, string>, after: Map<string, string>): void {
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'specs appeared or disappeared on disk');
  for (const [uri, text] of before) assert.equal(after.get(uri), text, `${uri} changed on disk`);
}

describe('nothing lost', function () {
  this.timeout(120_000);

  it('every command and every preview action leaves the specs untouched, on disk and in the editor', async () => {
    const api = await tconv();
    const uri = await scratchCopy('d2l-stride.tconv.json', 'untouched');
    const editor = await openSpec(uri);
    const text = editor.document.getText();
    const version = editor.document.version;
    const before = await specsOnDisk();
    const symbolic = vscode.workspace.getConfiguration('tconv').get<boolean>('symbolic');

    await vscode.commands.executeCommand('tconv.openPreviewToSide', uri);
    await vscode.commands.executeCommand('tconv.openPreview', uri);
    await vscode.commands.executeCommand('tconv.showMatrix', uri);
    await vscode.commands.executeCommand('tconv.verifyCurrent', uri);
    await vscode.commands.executeCommand('tconv.verifyAll');
    await vscode.commands.executeCommand('tconv.toggleSymbolic');
    await vscode.commands.executeCommand('tconv.toggleSymbolic');
    const preview = api.previews.all.find((p) => p.isShowing(uri));
    assert.ok(preview, 'no preview of the spec');
    // What the webview can ask for: the same entry point as its postMessage.
    for (const message of [
      { type: 'ready', protocol: 1, state: null },
      { type: 'reveal', offset: text.indexOf('"stride"'), length: 8 },
      { type: 'selection', layerId: 'layer', batch: 0, inChannel: 0, outChannel: 0 },
      { type: 'requestPlanes', layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 },
      { type: 'command', command: 'verify' },
      { type: 'command', command: 'toggleSymbolic' },
      { type: 'command', command: 'toggleSymbolic' },
      { type: 'command', command: 'openSpec' },
      { type: 'copy', text: 'copied from the preview' },
      { type: 'reveal', offset: -5, length: 1e9 },
      { type: 'command', command: 'format disk' },
      { type: 'nonsense' },
    ])
      await preview.receive(message);
    await vscode.commands.executeCommand('tconv.togglePreviewLock');
    await vscode.commands.executeCommand('tconv.togglePreviewLock');

    assert.equal(editor.document.getText(), text, "the open spec's text changed");
    assert.equal(editor.document.version, version, 'the open spec was edited (and maybe undone)');
    assert.equal(editor.document.isDirty, false);
    assertSameFiles(before, await specsOnDisk());
    assert.equal(vscode.workspace.getConfiguration('tconv').get<boolean>('symbolic'), symbolic);
  });

  it('a quick fix is one undoable edit of the document; the file on disk waits for the user to save', async () => {
    const uri = await scratchCopy('broken/output-padding-too-large.tconv.json', 'fix-unsaved');
    const editor = await openSpec(uri);
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const [d] = await waitForDiagnostics(uri, withCode('output-padding-range'), 'output-padding-range');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.startsWith('Set outputPadding'));
    assert.ok(fix?.edit);
    assert.deepEqual(
      fix.edit.entries().map(([u]) => u.toString()),
      [uri.toString()],
      'the fix edits only this spec',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.isDirty, true);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), onDisk, 'the fix saved the file');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), onDisk, 'undo does not bring back the original text');
  });
});

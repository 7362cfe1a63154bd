import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  codeOf,
  none,
  openSpec,
  rangeOf,
  scratchCopy,
  tconv,
  waitForDiagnostics,
  withCode,
  workspaceFile,
} from './util';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('hovers, quick fixes, CodeLens', () => {
  before(() => tconv());

  it('hovering stride shows the output-shape formula with the numbers substituted', async () => {
    const editor = await openSpec(workspaceFile('d2l-stride.tconv.json'));
    const at = rangeOf(editor.document, '"stride"').start.translate(0, 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      at,
    );
    const text = hoverText(hovers);
    assert.ok(text.includes('H_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4'), text);
    assert.match(text, /valid H_out: 4 … 5/);
  });

  it('hovering a layer shows input → output and the parameter count', async () => {
    const editor = await openSpec(workspaceFile('dcgan-generator.tconv.json'));
    const at = rangeOf(editor.document, '"up1"').start.translate(0, 2);
    const text = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at),
    );
    // up1: 512×4×4 → 256×8×8 with a 512×256×4×4 kernel = 2,097,152 parameters.
    assert.match(text, /1×512×4×4 → \*\*1×256×8×8\*\*/);
    assert.match(text, /2,097,152 parameters/);
  });

  it('the quick fix sets the output_padding that restores the round trip, and undo brings the error back', async () => {
    const uri = await scratchCopy('broken/unet-off-by-one.tconv.json', 'unet-fix');
    const editor = await openSpec(uri);
    const [d] = await waitForDiagnostics(uri, withCode('round-trip'), 'round-trip');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /outputPadding to 1/.test(a.title));
    assert.ok(fix?.edit, `no "Set outputPadding to 1" among ${JSON.stringify(actions.map((a) => a.title))}`);
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /"outputPadding": 1/);
    await waitForDiagnostics(uri, none, 'the fix to clear the round-trip error');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'undo restores the text');
    await waitForDiagnostics(uri, withCode('round-trip'), 'the error to come back after undo');
  });

  it('replacing an expected shape with the computed one', async () => {
    const uri = await scratchCopy('broken/expected-shape-wrong.tconv.json', 'expected-shape');
    await openSpec(uri);
    const [d] = await waitForDiagnostics(uri, withCode('expected-shape'), 'expected-shape');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(actions.length > 0 && actions[0].edit);
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit));
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'expected-shape'), 'expected-shape to clear');
  });

  it('CodeLens on each layer: Preview · Verify · input → output shape', async () => {
    const uri = workspaceFile('d2l-stride.tconv.json');
    await openSpec(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => t.includes('Preview')),
      JSON.stringify(titles),
    );
    assert.ok(
      titles.some((t) => t.includes('Verify')),
      JSON.stringify(titles),
    );
    assert.ok(titles.includes('1×1×2×2 → 1×1×4×4'), JSON.stringify(titles));
    const chain = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      workspaceFile('dcgan-generator.tconv.json'),
      100,
    );
    assert.equal(
      chain.filter((l) => l.command?.title.includes('Verify')).length,
      5,
      'one set of lenses per DCGAN layer',
    );
  });
});

describe('snippets from the schema', () => {
  before(() => tconv());

  it("completion in an empty spec offers the templates (the tconv server completes from the schema's snippets)", async () => {
    const uri = vscode.Uri.joinPath(workspaceFile('scratch'), 'snippets.tconv.json').with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    let labels: string[] = [];
    // An untitled *.tconv.json is a tconv document too; ask until the server has it open.
    for (let attempt = 0; attempt < 40 && !labels.includes('Single layer'); attempt++) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(0, 0),
      );
      labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      if (!labels.includes('Single layer')) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(
      labels.includes('Single layer') && labels.includes('Round trip: conv → transposed conv'),
      JSON.stringify(labels),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

// What a user relies on in any kind of workspace, through the vscode API only (no TconvApi), so the same checks
// run where tconv shares the host with the tests and where it runs in another one (the browser's web worker).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, none, openSpec, scratchCopy, waitForDiagnostics, withCode } from '../suites/util';

const PREVIEW_VIEW_TYPE = 'tconv.preview';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PREVIEW_VIEW_TYPE));
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface CoreFeatureOptions {
  /** How the quick-fix test asks for code actions; by default through the workbench, like the light bulb. */
  readonly codeActions?: (uri: vscode.Uri, range: vscode.Range) => Promise<vscode.CodeAction[]>;
}

const workbenchCodeActions = (uri: vscode.Uri, range: vscode.Range) =>
  vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);

export function describeCoreFeatures(options: CoreFeatureOptions = {}): void {
  const codeActions = options.codeActions ?? workbenchCodeActions;
  describe('what a user relies on', function () {
    // Longer than each step's own limit, so a stuck step reports what it waited for instead of mocha's timeout.
    this.timeout(40_000);
    it('a broken example gets its diagnostic on the exact token (examples/broken/EXPECTED.json: 8:36)', async () => {
      const uri = await scratchCopy('broken/channel-mismatch.tconv.json', 'core-channels');
      const editor = await openSpec(uri);
      const [d] = await waitForDiagnostics(uri, withCode('channel-mismatch'), 'channel-mismatch');
      assert.equal(`${d.range.start.line + 1}:${d.range.start.character + 1}`, '8:36');
      assert.equal(editor.document.getText(d.range), '256');
      assert.equal(codeOf(d), 'channel-mismatch');
      assert.match(d.message, /declares inChannels 256, but layer 1 \(up1\) outputs 128 channels/);
    });

    it('hovering stride shows the output-shape formula with the numbers substituted', async () => {
      const uri = await scratchCopy('d2l-stride.tconv.json', 'core-hover');
      const editor = await openSpec(uri);
      await waitForDiagnostics(uri, none, 'no diagnostics on d2l-stride');
      const at = editor.document.positionAt(editor.document.getText().indexOf('"stride"') + 2);
      const hovers = await until('a tconv hover', async () => {
        const all = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
        const text = all.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return text.includes('H_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4') ? text : undefined;
      });
      assert.ok(hovers.includes('W_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4'), hovers);
    });

    it('the quick fix sets the output_padding PyTorch accepts, and the error goes away', async () => {
      const uri = await scratchCopy('broken/output-padding-too-large.tconv.json', 'core-fix');
      const editor = await openSpec(uri);
      const [d] = await waitForDiagnostics(uri, withCode('output-padding-range'), 'output-padding-range');
      const actions = await codeActions(uri, d.range);
      const fix = actions.find((a) => a.title.startsWith('Set outputPadding to'));
      assert.ok(fix?.edit, `no outputPadding fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'output-padding-range'), 'the fix to clear the error');
      assert.ok(editor.document.isDirty, 'the fix is an unsaved edit: saving stays the user\'s');
    });

    it('Open Preview opens the preview panel next to the spec', async () => {
      const uri = await scratchCopy('d2l-stride.tconv.json', 'core-preview');
      await openSpec(uri);
      const before = previewTabs().length;
      await vscode.commands.executeCommand('tconv.openPreviewToSide', uri);
      const tabs = await until('a preview tab', () => (previewTabs().length > before ? previewTabs() : undefined));
      assert.ok(tabs.some((t) => t.label.includes('core-preview.tconv.json')), JSON.stringify(tabs.map((t) => t.label)));
    });

    it('Verify Current Spec runs every verification and they pass', async () => {
      const uri = await scratchCopy('d2l-round-trip.tconv.json', 'core-verify');
      await openSpec(uri);
      const summary = await vscode.commands.executeCommand<{ passed: number; failed: number; error?: string }>('tconv.verifyCurrent', uri);
      assert.ok(summary, 'the command returned no summary');
      assert.equal(summary.error, undefined);
      assert.equal(summary.failed, 0);
      // d2l's round trip: a single layer with a forward pair, so at least the matrix, adjoint and round-trip checks.
      assert.ok(summary.passed >= 3, `only ${summary.passed} verifications passed`);
    });
  });
}

// What a user relies on in any kind of workspace, through the vscode API only (no TconvApi), so the same checks
// run where tconv shares the host with the tests and where it runs in another one (the browser's web worker).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { parse as parseJsonc } from 'jsonc-parser';
import {
  codeOf,
  describeDiagnostic,
  none,
  openSpec,
  rangeOf,
  replaceText,
  scratchCopy,
  settledDiagnostics,
  waitForDiagnostics,
  withCode,
  workspaceFile,
} from '../suites/util';

const PREVIEW_VIEW_TYPE = 'tconv.preview';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
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
  /** How the completion test asks for completion items; by default through the workbench, like the suggest widget. */
  readonly completion?: (uri: vscode.Uri, position: vscode.Position) => Thenable<vscode.CompletionList>;
}

const workbenchCodeActions = (uri: vscode.Uri, range: vscode.Range) =>
  vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );

const workbenchCompletion = (uri: vscode.Uri, position: vscode.Position) =>
  vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);

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
      await waitForDiagnostics(
        uri,
        (ds) => !ds.some((x) => codeOf(x) === 'output-padding-range'),
        'the fix to clear the error',
      );
      assert.ok(editor.document.isDirty, "the fix is an unsaved edit: saving stays the user's");
    });

    it('Open Preview opens the preview panel next to the spec', async () => {
      const uri = await scratchCopy('d2l-stride.tconv.json', 'core-preview');
      await openSpec(uri);
      const before = previewTabs().length;
      await vscode.commands.executeCommand('tconv.openPreviewToSide', uri);
      const tabs = await until('a preview tab', () => (previewTabs().length > before ? previewTabs() : undefined));
      assert.ok(
        tabs.some((t) => t.label.includes('core-preview.tconv.json')),
        JSON.stringify(tabs.map((t) => t.label)),
      );
    });

    it('Verify Current Spec runs every verification and they pass', async () => {
      const uri = await scratchCopy('d2l-round-trip.tconv.json', 'core-verify');
      await openSpec(uri);
      const summary = await vscode.commands.executeCommand<{ passed: number; failed: number; error?: string }>(
        'tconv.verifyCurrent',
        uri,
      );
      assert.ok(summary, 'the command returned no summary');
      assert.equal(summary.error, undefined);
      assert.equal(summary.failed, 0);
      // d2l's round trip: a single layer with a forward pair, so at least the matrix, adjoint and round-trip checks.
      assert.ok(summary.passed >= 3, `only ${summary.passed} verifications passed`);
    });
  });

  describeOneLanguage(options.completion ?? workbenchCompletion);
}

/** A spec written the way people write configuration files: both kinds of comments, trailing commas. */
const COMMENTED_SPEC = `{
  // d2l's stride example (14.10.2), as a config file
  "input": { "data": [[0, 1], [2, 3],], },
  /* a 2×2 kernel at stride 2:
     the scaled copies no longer overlap */
  "layer": {
    "kernel": { "data": [[0, 1], [2, 3]], },
    "stride": 2, // (2 − 1)·2 + 2 = 4 per side
  },
}
`;

async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(`scratch/${name}.tconv.json`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

/** The server answers a request about a document only after it has its text (and has published its diagnostics). */
async function documentSymbols(uri: vscode.Uri): Promise<AnySymbol[]> {
  return until('document symbols from tconv', async () => {
    const symbols = await vscode.commands.executeCommand<AnySymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    return symbols && symbols.length > 0 ? symbols : undefined;
  });
}

const at = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;

/**
 * Issue #15: `*.tconv.json` is its own language ('tconv', JSON with comments), so VS Code's JSON support no longer
 * validates specs a second time (duplicate problems, "Comments are not permitted", "Unable to load schema"), and
 * completion, formatting and symbols come from the tconv language server.
 */
function describeOneLanguage(complete: NonNullable<CoreFeatureOptions['completion']>): void {
  describe("one language, one opinion: *.tconv.json is tconv's (issue #15)", function () {
    this.timeout(90_000);

    // Without this the checks below could pass merely because VS Code's JSON support had not answered yet.
    it("control: VS Code's JSON support runs here and flags comments and trailing commas in a .json document", async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: COMMENTED_SPEC });
      try {
        const flags = (all: readonly vscode.Diagnostic[], what: RegExp) =>
          all.some((d) => d.source !== 'tconv' && what.test(d.message));
        const ds = await waitFor(
          document.uri,
          (all) => flags(all, /comment/i) && flags(all, /trailing comma/i),
          "VS Code's JSON diagnostics",
          60_000,
        );
        assert.ok(
          ds.every((d) => d.source !== 'tconv'),
          `tconv looked at a json document: ${JSON.stringify(ds.map(describeDiagnostic))}`,
        );
      } finally {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('a spec opens as language "tconv", not "json"', async () => {
      assert.ok((await vscode.languages.getLanguages()).includes('tconv'), 'no language "tconv" registered');
      for (const relative of ['d2l-basic.tconv.json', 'broken/channel-mismatch.tconv.json']) {
        const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
        assert.equal(document.languageId, 'tconv', relative);
      }
    });

    it("each broken example: every problem in Problems is tconv's, each once, exactly EXPECTED.json's errors", async () => {
      const expected = JSON.parse(
        new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('broken/EXPECTED.json'))),
      ) as { files: Record<string, { code: string; at: string }[]> };
      const files = Object.entries(expected.files);
      assert.ok(files.length >= 6, `EXPECTED.json lists ${files.length} files`);
      // Opened together (no editor needed: open documents are synced), settled together.
      await Promise.all(
        files.map(async ([name, wanted]) => {
          const uri = workspaceFile(`broken/${name}`);
          const document = await vscode.workspace.openTextDocument(uri);
          assert.equal(document.languageId, 'tconv', name);
          const ds = await settledDiagnostics(
            uri,
            (all) => wanted.every((w) => all.some((d) => codeOf(d) === w.code && at(d) === w.at)),
            `${name}: ${JSON.stringify(wanted)}`,
          );
          const shown = JSON.stringify(ds.map(describeDiagnostic));
          assert.deepEqual(
            ds.filter((d) => d.source !== 'tconv').map(describeDiagnostic),
            [],
            `${name}: problems not from tconv`,
          );
          const keys = ds.map((d) => `${codeOf(d)} ${at(d)}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
          assert.deepEqual(
            keys.filter((k, i) => keys.indexOf(k) !== i),
            [],
            `${name}: the same (code, range) twice: ${shown}`,
          );
          const errors = ds
            .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
            .map((d) => `${codeOf(d)} ${at(d)}`)
            .sort();
          assert.deepEqual(errors, wanted.map((w) => `${w.code} ${w.at}`).sort(), `${name}: ${shown}`);
        }),
      );
    });

    it('comments (// and /* */) and trailing commas are no problem at all; the spec is still checked', async () => {
      const uri = await writeScratch('comments', COMMENTED_SPEC);
      const editor = await openSpec(uri);
      await documentSymbols(uri);
      await settledDiagnostics(uri, (all) => all.length === 0, 'no diagnostic on the commented spec');
      // The server does check this text: a mistake among the comments is flagged, alone, and its fix clears it.
      await replaceText(editor, '"stride": 2,', '"stride": 0,');
      const ds = await settledDiagnostics(uri, (all) => all.length > 0, 'the stride-0 mistake to be flagged');
      assert.deepEqual(
        ds.map((d) => `${d.source} ${codeOf(d)} ${editor.document.getText(d.range)}`),
        ['tconv schema 0'],
        JSON.stringify(ds.map(describeDiagnostic)),
      );
      await replaceText(editor, '"stride": 0,', '"stride": 2,');
      await settledDiagnostics(uri, (all) => all.length === 0, 'no diagnostic after the fix');
      assert.match(editor.document.getText(), /\/\/ d2l's stride example[\s\S]*\/\* a 2×2 kernel/);
    });

    it('the examples keep "$schema": "../schemas/tconv.schema.json", and no "Unable to load schema" (nor anything else) shows', async () => {
      const examples = (await vscode.workspace.fs.readDirectory(workspaceFile('')))
        .map(([name]) => name)
        .filter((name) => name.endsWith('.tconv.json') && name !== 'playground.tconv.json');
      assert.ok(examples.length >= 10, JSON.stringify(examples));
      await Promise.all(
        examples.map(async (name) => {
          const uri = workspaceFile(name);
          const document = await vscode.workspace.openTextDocument(uri);
          assert.match(document.getText(), /^\s*"\$schema": "\.\.\/schemas\/tconv\.schema\.json",$/m, name);
          await documentSymbols(uri);
          const ds = await settledDiagnostics(uri, () => true, `${name} to settle`);
          assert.deepEqual(ds.map(describeDiagnostic), [], name);
        }),
      );
    });

    it('completion inside a layer object offers the layer\'s fields ("stride"), from the schema', async () => {
      const lines = [
        '{',
        '  "input": { "data": [[0, 1], [2, 3]] },',
        '  "layer": {',
        '    "kernel": { "data": [[0, 1], [2, 3]] },',
        '    ',
        '  },',
        '}',
        '',
      ];
      const uri = await writeScratch('completion', lines.join('\n'));
      await openSpec(uri);
      const position = new vscode.Position(4, 4);
      const list = await until('completion items', async () => {
        const answer = await complete(uri, position);
        return answer.items.length > 0 ? answer : undefined;
      });
      const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
      const labels = list.items.map(label);
      const stride = list.items.find((i) => label(i) === 'stride');
      assert.ok(stride, JSON.stringify(labels));
      assert.equal(stride.kind, vscode.CompletionItemKind.Property);
      // Knows where it is: a layer field, not words of the document ("stride" appears nowhere in it) nor root keys.
      assert.ok(
        labels.includes('outputPadding') && !labels.includes('input') && !labels.includes('kernel'),
        JSON.stringify(labels),
      );
    });

    it('Format Document returns edits that keep the comments and the content, and formatting again changes nothing', async () => {
      const messy =
        '{ // compact\n"input":{"data":[[0,1],[2,3]]}, /* inline */ "layer":{"kernel":{"data":[[0,1],[2,3]]},"stride":2,},\n}\n';
      const uri = await writeScratch('format', messy);
      const editor = await openSpec(uri);
      const options = { tabSize: 2, insertSpaces: true };
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
        'vscode.executeFormatDocumentProvider',
        uri,
        options,
      );
      assert.ok(edits && edits.length > 0, `no formatting edits: ${JSON.stringify(edits)}`);
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const formatted = editor.document.getText();
      assert.ok(formatted.includes('// compact') && formatted.includes('/* inline */'), formatted);
      // Indented and spaced, with the author's line breaks kept: the 2×2 arrays stay on their line.
      assert.equal(
        formatted,
        '{ // compact\n  "input": { "data": [ [ 0, 1 ], [ 2, 3 ] ] }, /* inline */ "layer": { "kernel": { "data": [ [ 0, 1 ], [ 2, 3 ] ] }, "stride": 2, },\n}\n',
      );
      assert.deepEqual(
        parseJsonc(formatted, [], { allowTrailingComma: true }),
        parseJsonc(messy, [], { allowTrailingComma: true }),
      );
      const again = await vscode.commands.executeCommand<vscode.TextEdit[]>(
        'vscode.executeFormatDocumentProvider',
        uri,
        options,
      );
      assert.deepEqual(
        (again ?? []).map(
          (e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${JSON.stringify(e.newText)}`,
        ),
        [],
        'formatting the formatted text changes it',
      );
      await settledDiagnostics(uri, (all) => all.length === 0, 'no diagnostic on the formatted spec');
    });

    it('document symbols (Outline, breadcrumbs) list "input" and "layer", with the layer\'s fields', async () => {
      const uri = workspaceFile('d2l-stride.tconv.json');
      const document = await vscode.workspace.openTextDocument(uri);
      const symbols = await documentSymbols(uri);
      const names = symbols.map((s) => s.name);
      assert.ok(names.includes('input') && names.includes('layer'), JSON.stringify(names));
      const layer = symbols.find((s) => s.name === 'layer');
      assert.ok(layer && 'children' in layer, 'symbols without children (not DocumentSymbols)');
      assert.ok(
        layer.children.some((c) => c.name === 'stride'),
        JSON.stringify(layer.children.map((c) => c.name)),
      );
      assert.ok(layer.range.contains(rangeOf(document, '"stride"')), 'the layer symbol spans its fields');
    });
  });
}

/** Like waitForDiagnostics, but over every source. */
function waitFor(
  uri: vscode.Uri,
  ok: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  ms: number,
): Promise<vscode.Diagnostic[]> {
  return until(
    what,
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return ok(ds) ? ds : undefined;
    },
    ms,
  );
}

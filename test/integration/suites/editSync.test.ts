// The language server keeps its own copy of each open spec, updated by the edits VS Code reports (LSP incremental
// sync), and checks that copy. Whatever the kind of edit, its copy must stay the editor's text: after each one,
// the diagnostics it publishes equal a fresh validation of document.getText(), converted to ranges here.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { validateSpec, type Severity } from '../../../src/specFile';
import { codeOf, openSpec, tconv, workspaceFile } from './util';

const ROWS = 400;
const COLUMNS = 600;

/** About 1.7 MB over 400 lines, with short rows (13, 110, 207, 304): the first wrong row gets the diagnostic. */
function largeSpec(): string {
  const rows = Array.from({ length: ROWS }, (_, r) => {
    const n = r % 97 === 13 ? COLUMNS - 1 : COLUMNS;
    return `      [${Array.from({ length: n }, (_, c) => (((r * 31 + c * 17) % 1000) / 1000).toFixed(3)).join(', ')}]`;
  });
  return `{\n  "input": {\n    "shape": [1, 1, ${ROWS}, ${COLUMNS}],\n    "data": [[[\n${rows.join(',\n')}\n    ]]]\n  },\n  "layer": { "kernel": { "data": [[1, 2], [3, 4]] }, "stride": 2 }\n}\n`;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const rangeText = (r: vscode.Range) =>
  `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
const view = (code: unknown, severity: vscode.DiagnosticSeverity, range: vscode.Range, message: string) =>
  `${String(code)} ${vscode.DiagnosticSeverity[severity]} ${rangeText(range)} ${message}`;

/** What tconv must report for the document's text as it is now: a fresh validation, in the editor's ranges. */
function freshDiagnostics(document: vscode.TextDocument): string[] {
  return validateSpec(document.getText())
    .diagnostics.map((d) =>
      view(
        d.code,
        SEVERITY[d.severity],
        new vscode.Range(document.positionAt(d.offset), document.positionAt(d.offset + d.length)),
        d.message,
      ),
    )
    .sort();
}

/** What the server published (Problems, source tconv). */
const published = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'tconv')
    .map((d) => view(codeOf(d), d.severity, d.range, d.message))
    .sort();

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** How long the published diagnostics must stay put: longer than the server's delay (150 ms) plus a 1.7 MB check. */
const QUIET_MS = 1000;

/**
 * Resolves once the published diagnostics equal `expected` and have then not changed for QUIET_MS (a check of the
 * current version still on its way would land in that time); fails with both lists after `ms`.
 */
function publishedEqual(uri: vscode.Uri, expected: readonly string[], what: string, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: Error) => {
      subscription.dispose();
      clearTimeout(quiet);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      clearTimeout(quiet);
      quiet = same(published(uri), expected) ? setTimeout(() => finish(), QUIET_MS) : undefined;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      try {
        assert.deepEqual(
          published(uri),
          expected,
          `after ${what}, the server's diagnostics are not those of the editor's text (waited ${ms / 1000} s)`,
        );
        finish(new Error(`after ${what}: the diagnostics kept changing for ${ms / 1000} s`));
      } catch (e) {
        finish(e as Error);
      }
    }, ms);
    check();
  });
}

/** Data row `row` starts its line with `      [`; a line break typed inside a row continues it on a line without one. */
function rowLine(document: vscode.TextDocument, row: number): number {
  let seen = -1;
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.startsWith('      [') && ++seen === row) return line;
  }
  throw new Error(`no data row ${row}`);
}

/** The position of the `column`-th number of data row `row` (0-based; the row's first line). */
function numberAt(document: vscode.TextDocument, row: number, column: number): vscode.Position {
  const line = rowLine(document, row);
  const text = document.lineAt(line).text;
  let at = text.indexOf('[') + 1;
  for (let c = 0; c < column; c++) at = text.indexOf(', ', at) + 2;
  return new vscode.Position(line, at);
}

describe("the server's copy of a spec stays the editor's text, whatever the edit", function () {
  this.timeout(240_000);
  let editor: vscode.TextEditor;

  before(async () => {
    const api = await tconv();
    await api.ready;
    const uri = workspaceFile('scratch/edit-sync.tconv.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(largeSpec()));
    editor = await openSpec(uri);
    const expected = freshDiagnostics(editor.document);
    assert.equal(expected.length, 1);
    assert.match(expected[0], / input\.data\[0\]\[0\]\[13\] has 599 numbers, but shape \[1, 1, 400, 600\] needs 600/);
    await publishedEqual(uri, expected, 'opening');
  });

  after(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('several cursors, lines joined, undo and redo, fast typing, CRLF, a workspace edit, Replace All, everything replaced and undone', async () => {
    const document = editor.document;
    const type = async (at: vscode.Position, text: string) => {
      // One edit per character, each right after the previous one, without waiting for any diagnostics.
      for (const [i, ch] of [...text].entries()) {
        await editor.edit((b) => b.insert(at.translate(0, i), ch), { undoStopBefore: false, undoStopAfter: false });
      }
    };
    // A CRLF document has other offsets but the same lines: that step moves no diagnostic (and VS Code sends the
    // server no change for it); the line break typed next, in CRLF, does.
    const unchanged = new Set(['line endings changed to CRLF']);
    const steps: [string, () => Thenable<unknown>][] = [
      [
        'an edit at three cursors (one change event, three changes)',
        () =>
          editor.edit((b) => {
            b.insert(numberAt(document, 13, 0), '0.5, ');
            b.insert(numberAt(document, 200, 7), '0.25, ');
            b.delete(new vscode.Range(numberAt(document, 300, 3), numberAt(document, 300, 4)));
          }),
      ],
      [
        'lines joined: from row 50 into row 52',
        () =>
          editor.edit((b) => b.replace(new vscode.Range(numberAt(document, 50, 300), numberAt(document, 52, 10)), '9')),
      ],
      ['undo', () => vscode.commands.executeCommand('undo')],
      ['undo again', () => vscode.commands.executeCommand('undo')],
      ['redo', () => vscode.commands.executeCommand('redo')],
      ['"0.5, " typed character by character without waiting', () => type(numberAt(document, 110, 0), '0.5, ')],
      ['line endings changed to CRLF', () => editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.CRLF))],
      // Row 200 got a number too many at the three cursors: a line break typed over its first number ("\n" becomes
      // the document's CRLF) leaves it right, over two lines.
      [
        'a line break typed over a number in a CRLF document',
        () =>
          editor.edit((b) =>
            b.replace(new vscode.Range(numberAt(document, 200, 0), numberAt(document, 200, 1)), '\n       '),
          ),
      ],
      [
        'a workspace edit of three changes',
        () => {
          const edit = new vscode.WorkspaceEdit();
          edit.insert(document.uri, numberAt(document, 1, 0), '7.5, ');
          edit.delete(document.uri, new vscode.Range(numberAt(document, 399, 0), numberAt(document, 399, 2)));
          const layer = document.getText().indexOf('"layer"');
          edit.insert(document.uri, document.positionAt(layer), '"name": "edited",\n  ');
          return vscode.workspace.applyEdit(edit);
        },
      ],
      [
        'Find\'s Replace All of "0.500, " with nothing',
        async () => {
          await vscode.window.showTextDocument(document);
          await vscode.commands.executeCommand('editor.actions.findWithArgs', {
            searchString: '0.500, ',
            replaceString: '',
            isRegex: false,
            isCaseSensitive: true,
          });
          await vscode.commands.executeCommand('editor.action.replaceAll');
          await vscode.commands.executeCommand('closeFindWidget');
        },
      ],
      ['undo of the Replace All', () => vscode.commands.executeCommand('undo')],
      [
        'everything replaced by a small spec',
        () =>
          editor.edit((b) =>
            b.replace(
              new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end),
              '{"input": {"shape": [2, 2]}, "layer": {"kernelSize": 2, "stride": 0}}',
            ),
          ),
      ],
      ['undo back to the large spec', () => vscode.commands.executeCommand('undo')],
    ];
    let expected = freshDiagnostics(document);
    for (const [what, run] of steps) {
      const version = document.version;
      const before = expected;
      await run();
      assert.ok(document.version > version, `${what} did not change the document`);
      expected = freshDiagnostics(document);
      // Every other step changes what must be reported, so the diagnostics of an earlier text cannot pass for these.
      if (unchanged.has(what)) assert.deepEqual(expected, before, `${what} moved a diagnostic`);
      else
        assert.notDeepEqual(
          expected,
          before,
          `${what} left the expected diagnostics as they were: the step proves nothing`,
        );
      await publishedEqual(document.uri, expected, what);
    }
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
    assert.ok(document.getText().length > 1_500_000, 'the large spec is back');
  });
});

/** 200,000 numbers one per line (ten of slicedOpen.ts's slices); row 399 is one number short. */
function oneNumberPerLineSpec(): string {
  const rows = Array.from({ length: 400 }, (_, r) =>
    Array.from({ length: r === 399 ? 499 : 500 }, (_, c) => ((r + c) % 10) / 10).join(',\n'),
  );
  return `{\n  "input": {\n    "shape": [1, 1, 400, 500],\n    "data": [[[\n[\n${rows.join('\n],\n[\n')}\n]\n    ]]]\n  },\n  "layer": { "kernel": { "data": [[1, 2], [3, 4]] }, "stride": 2 }\n}\n`;
}

describe('a long spec opened and edited at once', function () {
  this.timeout(240_000);

  it("the server gets the text read in slices, edits made while it is read included, and checks the editor's text", async () => {
    await (
      await tconv()
    ).ready;
    const uri = workspaceFile('scratch/one-number-per-line.tconv.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(oneNumberPerLineSpec()));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.lineCount > 200_000);
    const opened = freshDiagnostics(document);
    assert.equal(opened.length, 1);
    assert.match(opened[0], /input\.data\[0\]\[0\]\[399\] has 499 numbers/);
    // Made right after opening, while the text is still being read for didOpen, last first so that each position
    // holds: a stride of 0, a name, the short row made whole.
    const text = document.getText();
    const lastRow = document.positionAt(text.lastIndexOf('[\n') + 2);
    const stride = text.indexOf('"stride": 2') + '"stride": '.length;
    const edits = [
      (e: vscode.WorkspaceEdit) =>
        e.replace(uri, new vscode.Range(document.positionAt(stride), document.positionAt(stride + 1)), '0'),
      (e: vscode.WorkspaceEdit) => e.insert(uri, document.positionAt(text.indexOf('"layer"')), '"name": "long",\n  '),
      (e: vscode.WorkspaceEdit) => e.insert(uri, lastRow, '0.5,\n'),
    ];
    try {
      // One after the other (a workspace edit names the version it was made for), none waiting for the server.
      for (const make of edits) {
        const edit = new vscode.WorkspaceEdit();
        make(edit);
        assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
      }
      assert.equal(document.version, 4);
      const expected = freshDiagnostics(document);
      assert.notDeepEqual(expected, opened, 'the edits must change what is reported');
      assert.ok(expected.some((d) => /stride/.test(d)));
      await publishedEqual(uri, expected, 'opening and editing at once');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});

// After an edit, the analysis worker gets the edits, not the document again (documentEdits.ts). Whatever the
// kind of edit VS Code reports, the worker's text must stay the document's: each analysis is compared with a
// fresh validation of document.getText().
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { validateSpec, type SpecDiagnostic } from '../../../src/spec';
import type { TconvApi } from '../../../src/vscode/activate';
import { PART_CHARS } from '../../../src/vscode/documentText';
import { openSpec, tconv, workspaceFile } from './util';

const ROWS = 400;
const COLUMNS = 600;

/** About 1.7 MB over 400 lines (read in parts when read whole), with short rows: the first gets a diagnostic. */
function largeSpec(): string {
  const rows = Array.from({ length: ROWS }, (_, r) => {
    const n = r % 97 === 13 ? COLUMNS - 1 : COLUMNS;
    return `      [${Array.from({ length: n }, (_, c) => (((r * 31 + c * 17) % 1000) / 1000).toFixed(3)).join(', ')}]`;
  });
  return `{\n  "input": {\n    "shape": [1, 1, ${ROWS}, ${COLUMNS}],\n    "data": [[[\n${rows.join(',\n')}\n    ]]]\n  },\n  "layer": { "kernel": { "data": [[1, 2], [3, 4]] }, "stride": 2 }\n}\n`;
}

const view = (d: SpecDiagnostic) => `${d.code} ${d.severity} ${d.offset}+${d.length} ${d.message}`;

/** The analysis of the document as it is now says what a fresh validation of its text says. */
async function assertInSync(api: TconvApi, document: vscode.TextDocument, after: string): Promise<number> {
  const analysis = await api.analyses.get(document);
  const fresh = validateSpec(document.getText()).diagnostics;
  assert.deepEqual(analysis.diagnostics.map(view), fresh.map(view), `after ${after}`);
  return fresh.length;
}

/** Data row `row` is on line 4 + row (0-based). */
const FIRST_ROW_LINE = 4;

/** The position of the `column`-th number of data row `row` (0-based). */
function numberAt(document: vscode.TextDocument, row: number, column: number): vscode.Position {
  const line = document.lineAt(FIRST_ROW_LINE + row).text;
  let at = line.indexOf('[') + 1;
  for (let c = 0; c < column; c++) at = line.indexOf(', ', at) + 2;
  return new vscode.Position(FIRST_ROW_LINE + row, at);
}

describe('edits reach the analysis worker as edits, and its text stays the document', function () {
  this.timeout(120_000);
  let api: TconvApi;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await tconv();
    const uri = workspaceFile('scratch/edit-sync.tconv.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(largeSpec()));
    editor = await openSpec(uri);
    const analysis = await api.analyses.get(editor.document);
    assert.deepEqual(analysis.diagnostics.map((d) => d.message.slice(0, 40)), ['input.data[0][0][13] has 599 numbers, bu'], 'the first short row gets its diagnostic');
    await assertInSync(api, editor.document, 'opening');
  });

  after(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('every kind of edit: several cursors, lines joined, undo and redo, fast typing, line endings, a workspace edit', async () => {
    const document = editor.document;
    const steps: [string, () => Thenable<unknown>][] = [
      ['an edit at three cursors (one change event, three changes)', () => editor.edit((b) => {
        b.insert(numberAt(document, 13, 0), '0.5, ');
        b.insert(numberAt(document, 200, 7), '0.25, ');
        b.delete(new vscode.Range(numberAt(document, 300, 3), numberAt(document, 300, 4)));
      })],
      ['lines joined: from row 50 into row 52', () => editor.edit((b) => b.replace(new vscode.Range(numberAt(document, 50, 300), numberAt(document, 52, 10)), '9')) ],
      ['undo', () => vscode.commands.executeCommand('undo')],
      ['undo again', () => vscode.commands.executeCommand('undo')],
      ['redo', () => vscode.commands.executeCommand('redo')],
      ['five characters typed without waiting', async () => {
        for (const ch of '1.234') await editor.edit((b) => b.insert(numberAt(document, 110, 0), ch), { undoStopBefore: false, undoStopAfter: false });
      }],
      ['line endings changed to CRLF', () => editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.CRLF))],
      ['a workspace edit of three replacements', () => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, new vscode.Range(numberAt(document, 1, 0), numberAt(document, 1, 1)), '7.5, ');
        edit.replace(document.uri, new vscode.Range(numberAt(document, 399, 0), numberAt(document, 399, 2)), '');
        edit.insert(document.uri, new vscode.Position(document.lineCount - 2, 2), '"name": "edited", ');
        return vscode.workspace.applyEdit(edit);
      }],
      ['everything replaced by a small spec', () => editor.edit((b) => b.replace(new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end), '{"input": {"shape": [2, 2]}, "layer": {"kernelSize": 2, "stride": 0}}'))],
      ['undo back to the large spec', () => vscode.commands.executeCommand('undo')],
    ];
    let inserted = 0;
    const listening = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document) inserted += e.contentChanges.reduce((n, c) => n + c.text.length, 0);
    });
    const large: string[] = [];
    try {
      for (const [what, run] of steps) {
        const version = document.version;
        const before = { ...api.traffic.analysis };
        inserted = 0;
        await run();
        assert.ok(document.version > version, `${what} changed the document`);
        await assertInSync(api, document, what);
        const { whole, edits } = api.traffic.analysis;
        // An edit that inserts more than a part (1M characters) goes as the text, in parts; any other as edits.
        if (inserted > PART_CHARS) large.push(what);
        const expected = inserted > PART_CHARS ? 'whole' : 'edits';
        const sent = whole > before.whole ? 'whole' : edits > before.edits ? 'edits' : 'nothing';
        assert.equal(sent, expected, `${what} inserted ${inserted} characters and was sent ${sent} (${JSON.stringify(before)} → ${JSON.stringify(api.traffic.analysis)})`);
      }
    } finally {
      listening.dispose();
    }
    assert.ok(large.includes('undo back to the large spec'), `large inserts: ${large.join(', ')}`);
  });
});

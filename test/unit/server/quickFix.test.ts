// Quick fixes: asked with the diagnostic the editor shows, the server offers the fix as a workspace edit, and the
// text with that edit applied has no diagnostic left.
import { strict as assert } from 'node:assert';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BROKEN_DIR, readText } from '../specFile/helpers';
import { ServerHarness } from './harness';

const URI = 'file:///specs/output-padding-too-large.tconv.json';
const TEXT = readText(BROKEN_DIR, 'output-padding-too-large.tconv.json');

describe('server: quick fixes', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start();
  });
  afterEach(() => harness.dispose());

  async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    const actions = await harness.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    return (actions ?? []) as CodeAction[];
  }

  it('the fix of the shown diagnostic, applied, leaves no diagnostic', async () => {
    await harness.openDocument(URI, TEXT);
    const [shown] = (await harness.published(URI, 1)).diagnostics;
    assert.equal(shown?.code, 'output-padding-range');
    const [action, ...others] = await actionsFor(shown);
    assert.deepEqual(others, []);
    assert.equal(action.title, 'Set outputPadding to 1');
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, [shown]);
    const edits = action.edit?.changes?.[URI];
    assert.ok(edits?.length, 'the action should edit the spec');
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'tconv', 1, TEXT), edits);
    assert.match(fixed, /"outputPadding": 1 }/);
    const version = await harness.replaceAll(URI, fixed);
    assert.deepEqual((await harness.published(URI, version)).diagnostics, []);
  });

  it('offers every fix of a diagnostic with several, the preferred one marked; each applied clears it', async () => {
    const text = '{ "input": { "shape": [6, 4, 4] }, "layer": { "kernelSize": 2, "outChannels": 4, "groups": 4 } }';
    await harness.openDocument(URI, text);
    const [shown] = (await harness.published(URI, 1)).diagnostics;
    assert.equal(shown?.code, 'groups-not-divisible');
    const actions = await actionsFor(shown);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Set groups to 2', true],
        ['Set groups to 1', false],
      ],
    );
    let version = 1;
    for (const action of actions) {
      const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'tconv', 1, text), action.edit!.changes![URI]);
      version = await harness.replaceAll(URI, fixed);
      assert.deepEqual((await harness.published(URI, version)).diagnostics, [], action.title);
    }
  });

  it('offers nothing for another source’s diagnostic at the same place', async () => {
    await harness.openDocument(URI, TEXT);
    const [shown] = (await harness.published(URI, 1)).diagnostics;
    assert.equal((await actionsFor(shown)).length, 1);
    assert.deepEqual(await actionsFor({ ...shown, source: 'json' }), []);
  });
});

// With the Korean bundle loaded the way the extension loads it (vscode.l10n.bundle → @vscode/l10n's config, in
// the host, and in the language server through initializationOptions.l10nBundle), a diagnostic, a quick fix and
// the preview's labels come out in Korean.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { DEFAULT_STRINGS } from '../../../src/preview/strings';
import { validateSpec } from '../../../src/specFile';
import { localizedPreviewStrings } from '../../../src/vscode/preview/previewStrings';
import { messageOf, ServerHarness } from '../server/harness';
import { BROKEN_DIR, readText } from '../specFile/helpers';
import { HANGUL, readJson } from './languages';

const korean = readJson('l10n/bundle.l10n.ko.json');

describe('Korean, loaded through the bundle', () => {
  let server: ServerHarness | undefined;

  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    l10n.config({ contents: {} });
  });

  it('a diagnostic: same code and token, message in Korean with the numbers filled in', () => {
    const text = readText(BROKEN_DIR, 'channel-mismatch.tconv.json');
    const [en] = validateSpec(text).diagnostics;
    l10n.config({ contents: korean });
    const [ko] = validateSpec(text).diagnostics;
    assert.equal(ko.code, en.code);
    assert.deepEqual([ko.offset, ko.length], [en.offset, en.length]);
    assert.match(ko.message, HANGUL, ko.message);
    assert.ok(ko.message.includes('256') && ko.message.includes('128'), ko.message);
    assert.doesNotMatch(ko.message, /\{\d\}/, 'a placeholder was left unfilled');
    assert.notEqual(ko.message, en.message);
  });

  it('the language server translates once the client has sent it the bundle', async () => {
    const text = readText(BROKEN_DIR, 'output-padding-too-large.tconv.json');
    const [en] = validateSpec(text).diagnostics;
    server = await ServerHarness.start({ initializationOptions: { l10nBundle: korean } });
    const uri = 'file:///specs/output-padding-too-large.tconv.json';
    await server.openDocument(uri, text);
    const [ko] = (await server.published(uri, 1)).diagnostics;
    assert.equal(ko.code, 'output-padding-range');
    assert.match(messageOf(ko), HANGUL);
    const actions = (await server.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: ko.range,
      context: { diagnostics: [ko] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, 'one quick fix');
    assert.match(actions[0].title, HANGUL, 'the quick fix title is not translated');
    assert.equal(
      actions[0].edit?.changes?.[uri]?.[0]?.newText,
      en.fixes?.[0]?.edits[0]?.newText,
      'the fix itself must not change',
    );
  });

  it('the preview labels the host sends are Korean, with their placeholders', () => {
    l10n.config({ contents: korean });
    const strings = localizedPreviewStrings((english, comment) =>
      comment ? l10n.t({ message: english, comment }) : l10n.t(english),
    );
    const [grids, position] = [strings['view.grids'] ?? '', strings['steps.position'] ?? ''];
    assert.match(grids, HANGUL);
    assert.match(position, HANGUL);
    assert.ok(position.includes('{0}') && position.includes('{1}'), position);
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(DEFAULT_STRINGS).sort());
  });
});

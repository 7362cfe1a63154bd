// The client's message bundle (initializationOptions.l10nBundle, VS Code's bundle for its display language) is
// what the server speaks: diagnostics, the status bar it reports and the CodeLens titles come out translated.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { CodeLensRequest } from 'vscode-languageserver-protocol';
import { HANGUL, readJson } from '../l10n/languages';
import { BROKEN_DIR, readText } from '../specFile/helpers';
import { messageOf, ServerHarness } from './harness';

const KOREAN = readJson('l10n/bundle.l10n.ko.json');
const URI = 'file:///specs/channel-mismatch.tconv.json';

describe('server: the client’s message bundle', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start({ initializationOptions: { l10nBundle: KOREAN } });
  });
  afterEach(async () => {
    await harness.dispose();
    // @vscode/l10n holds one bundle per process: the tests after this one expect English.
    l10n.config({ contents: {} });
  });

  it('translates the published diagnostic, keeping its code, place and numbers', async () => {
    await harness.openDocument(URI, readText(BROKEN_DIR, 'channel-mismatch.tconv.json'));
    const [d] = (await harness.published(URI, 1)).diagnostics;
    assert.equal(d.code, 'channel-mismatch');
    assert.deepEqual(d.range.start, { line: 7, character: 35 });
    const message = messageOf(d);
    assert.match(message, HANGUL, message);
    assert.ok(message.includes('256') && message.includes('128'), message);
    assert.doesNotMatch(message, /\{\d\}/, 'a placeholder was left unfilled');
    assert.match(d.relatedInformation?.[0]?.message ?? '', HANGUL, 'the related note is not translated');
  });

  it('translates the status bar tooltip and the CodeLens titles', async () => {
    await harness.openDocument(URI, readText(BROKEN_DIR, 'channel-mismatch.tconv.json'));
    const analyzed = await harness.analyzed.waitFor(`tconv/analyzed for ${URI}`, (a) => a.uri === URI);
    assert.equal(analyzed.errors, 1);
    assert.equal(analyzed.status.tooltip, KOREAN['1 error in this spec (open Problems)']);
    const lenses = (await harness.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } })) ?? [];
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.includes(`$(open-preview) ${KOREAN['Preview']}`), titles.join(' | '));
    assert.ok(titles.includes(`$(beaker) ${KOREAN['Verify']}`), titles.join(' | '));
  });
});

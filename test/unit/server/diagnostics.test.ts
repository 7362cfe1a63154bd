// What a published diagnostic carries (source, code, its documentation link, the related place), which text is
// not a problem (comments, trailing commas: a spec is JSONC), and that closing a spec clears its diagnostics.
import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { BROKEN_DIR, readText } from '../specFile/helpers';
import { messageOf, ServerHarness } from './harness';
import { positionAt } from './positions';

const DOCS = 'https://tconv.example/README.md';
const URI = 'file:///specs/channel-mismatch.tconv.json';
const CHANNEL_MISMATCH = readText(BROKEN_DIR, 'channel-mismatch.tconv.json');

/** The d2l example as people write JSON by hand: comments and trailing commas. */
const HANDWRITTEN = `{
  // d2l 14.10.1
  "input": { "data": [[0, 1], [2, 3],], },
  /* the kernel */
  "layer": { "kernel": { "data": [[0, 1], [2, 3]] }, },
  "expect": { "outputShape": [3, 3], },
}
`;

describe('server: published diagnostics', () => {
  let harness: ServerHarness | undefined;
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });

  it('carry source tconv, the code, its documentation link and the related place in the same document', async () => {
    harness = await ServerHarness.start({ initializationOptions: { docsUrl: DOCS } });
    await harness.openDocument(URI, CHANNEL_MISMATCH);
    const [d, ...others] = (await harness.published(URI, 1)).diagnostics;
    assert.deepEqual(others, []);
    assert.equal(d.source, 'tconv');
    assert.equal(d.code, 'channel-mismatch');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.codeDescription?.href, `${DOCS}#channel-mismatch`);
    // examples/broken/EXPECTED.json: 8:36, 1-based.
    assert.deepEqual(d.range.start, { line: 7, character: 35 });
    const second = CHANNEL_MISMATCH.indexOf('"inChannels": 256') + '"inChannels": '.length;
    assert.deepEqual(d.range, {
      start: positionAt(CHANNEL_MISMATCH, second),
      end: positionAt(CHANNEL_MISMATCH, second + 3),
    });
    const [related, ...more] = d.relatedInformation ?? [];
    assert.deepEqual(more, []);
    assert.ok(related, 'the diagnostic should point at layer 1');
    assert.equal(related.location.uri, URI);
    const first = CHANNEL_MISMATCH.indexOf('"outChannels": 128') + '"outChannels": '.length;
    assert.deepEqual(related.location.range, {
      start: positionAt(CHANNEL_MISMATCH, first),
      end: positionAt(CHANNEL_MISMATCH, first + 3),
    });
    assert.match(messageOf(d), /256.*128/);
  });

  it('have no documentation link when the client gives no docsUrl', async () => {
    harness = await ServerHarness.start();
    await harness.openDocument(URI, CHANNEL_MISMATCH);
    const [d] = (await harness.published(URI, 1)).diagnostics;
    assert.equal(d.code, 'channel-mismatch');
    assert.equal(d.codeDescription, undefined);
  });

  it('comments and trailing commas are not problems, a missing comma is', async () => {
    harness = await ServerHarness.start();
    await harness.openDocument(URI, HANDWRITTEN);
    assert.deepEqual((await harness.published(URI, 1)).diagnostics, []);
    const comma = HANDWRITTEN.indexOf('},\n  /*');
    const version = await harness.change(URI, {
      range: { start: positionAt(HANDWRITTEN, comma + 1), end: positionAt(HANDWRITTEN, comma + 2) },
      text: '',
    });
    const codes = (await harness.published(URI, version)).diagnostics.map((d) => d.code);
    assert.deepEqual(codes, ['syntax']);
  });

  it('closing a spec clears its diagnostics', async () => {
    harness = await ServerHarness.start();
    await harness.openDocument(URI, CHANNEL_MISMATCH);
    assert.equal((await harness.published(URI, 1)).diagnostics.length, 1);
    const from = harness.diagnostics.all.length;
    await harness.closeDocument(URI);
    const cleared = await harness.diagnostics.waitFor(`an empty publish for ${URI}`, (p) => p.uri === URI, from);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

// One analysis per document version: diagnostics, hover, quick fixes, CodeLens and the preview of a version all
// read the same one, and an edit makes exactly one more. Verification runs apart (src/server/verifier.ts, a worker
// thread on Node) and adds none to the document's.
import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CodeActionRequest, CodeLensRequest, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { PreviewRequest, VerifyRequest } from '../../../src/server/protocol';
import { EXAMPLES_DIR, readText } from '../specFile/helpers';
import { ServerHarness } from './harness';
import { positionOf, wholeRange } from './positions';

const URI = pathToFileURL(join(EXAMPLES_DIR, 'd2l-stride.tconv.json')).href;
const TEXT = readText(EXAMPLES_DIR, 'd2l-stride.tconv.json');

describe('server: one analysis per document version', () => {
  let harness: ServerHarness;

  beforeEach(async () => {
    harness = await ServerHarness.start({ initializationOptions: { settings: { diagnosticsDelay: 50 } } });
  });
  afterEach(() => harness.dispose());

  /** Every feature, on the document's current version, each answering as it should. */
  async function askEverything(): Promise<void> {
    const textDocument = { uri: URI };
    const text = harness.text(URI);
    const hover = await harness.client.sendRequest(HoverRequest.type, {
      textDocument,
      position: positionOf(text, '"stride"'),
    });
    assert.match(
      (hover?.contents as MarkupContent | undefined)?.value ?? '',
      /H_out = /,
      'the hover should show the layer formula',
    );
    const actions = await harness.client.sendRequest(CodeActionRequest.type, {
      textDocument,
      range: wholeRange(text),
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    const lenses = await harness.client.sendRequest(CodeLensRequest.type, { textDocument });
    assert.equal(lenses?.length, 3, 'Preview, Verify and the shapes above the one layer');
    const preview = await harness.client.sendRequest(PreviewRequest, { uri: URI });
    assert.equal(preview.ok, true);
    const verified = await harness.client.sendRequest(VerifyRequest, { uri: URI });
    assert.equal(verified.version, harness.version(URI));
  }

  it('diagnostics, hover, code actions, CodeLens, preview and verify of one version: one analysis', async () => {
    await harness.openDocument(URI, TEXT);
    assert.deepEqual((await harness.published(URI, 1)).diagnostics, []);
    await askEverything();
    await askEverything();
    assert.equal(harness.server.analyses.validations, 1);
  });

  it('an edit makes one more validation, whether a request or the debounced check asks first', async () => {
    await harness.openDocument(URI, TEXT);
    await harness.published(URI, 1);
    const version = await harness.insert(URI, TEXT.lastIndexOf('}'), '  ');
    await askEverything();
    await harness.published(URI, version);
    await askEverything();
    assert.equal(harness.server.analyses.validations, 2);
  });
});

// When diagnostics are published: a document's first check is immediate, and while the user types only the
// version current when typing pauses for settings.diagnosticsDelay is checked.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { EXAMPLES_DIR, readText } from '../specFile/helpers';
import { messageOf, ServerHarness } from './harness';
import { positionAt } from './positions';

const URI = 'file:///specs/d2l-stride.tconv.json';
const TEXT = readText(EXAMPLES_DIR, 'd2l-stride.tconv.json');

describe('server: when diagnostics are published', () => {
  let harness: ServerHarness | undefined;
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });

  it('the first check of a document is immediate, even with the longest delay', async () => {
    harness = await ServerHarness.start({ initializationOptions: { settings: { diagnosticsDelay: 2000 } } });
    const sent = Date.now();
    await harness.openDocument(URI, TEXT);
    const published = await harness.published(URI, 1);
    assert.ok(Date.now() - sent < 1000, `the first diagnostics took ${Date.now() - sent} ms`);
    assert.deepEqual(published.diagnostics, []);
    const analyzed = await harness.analyzed.waitFor('tconv/analyzed for v1', (a) => a.uri === URI && a.version === 1);
    assert.deepEqual([analyzed.status.text, analyzed.errors], ['$(symbol-array) 1×1×2×2 → 1×1×4×4', 0]);
  });

  it('five edits within the delay are checked once, at the last version, once typing has paused', async () => {
    const delay = 300;
    harness = await ServerHarness.start({ initializationOptions: { settings: { diagnosticsDelay: delay } } });
    await harness.openDocument(URI, TEXT);
    await harness.published(URI, 1);
    const from = harness.diagnostics.all.length;
    // Typing over the stride's digit: 2 → 3 → 4 → 5 → 1 → 3.
    const digit = TEXT.indexOf('"stride": 2') + '"stride": '.length;
    let last = 1;
    for (const typed of ['3', '4', '5', '1', '3']) {
      const text = harness.text(URI);
      last = await harness.change(URI, {
        range: { start: positionAt(text, digit), end: positionAt(text, digit + 1) },
        text: typed,
      });
    }
    const typedAt = Date.now();
    assert.equal(last, 6);
    const published = await harness.published(URI, last, from);
    const waited = Date.now() - typedAt;
    assert.ok(waited >= delay - 20, `published ${waited} ms after the last keystroke, before the ${delay} ms delay`);
    assert.deepEqual(
      harness.diagnostics.all.slice(from).map((p) => p.version),
      [6],
      'only the last version is published',
    );
    const expected = validateSpec(harness.text(URI)).diagnostics.map((d) => d.message);
    assert.deepEqual(published.diagnostics.map(messageOf), expected);
    assert.match(expected.join('\n'), /5×5/, 'stride 3 makes the 2×2 input 5×5');
    assert.equal(harness.server.analyses.validations, 2, 'versions 2 to 5 are never validated');
  });
});

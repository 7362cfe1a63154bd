// Changing tconv's settings (workspace/didChangeConfiguration) checks every open spec again with the new ones and
// asks the client to refresh its CodeLens; a change to other settings does neither.
import { strict as assert } from 'node:assert';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol';
import { DEFAULT_MEMORY_BUDGET } from '../../../src/specFile/memoryBudget';
import { EXAMPLES_DIR, readText } from '../specFile/helpers';
import { ServerHarness } from './harness';

const DCGAN = 'file:///specs/dcgan-generator.tconv.json';
const D2L = 'file:///specs/d2l-basic.tconv.json';

describe('server: settings changes', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start({ capabilities: { workspace: { codeLens: { refreshSupport: true } } } });
    await harness.openDocument(DCGAN, readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json'));
    await harness.openDocument(D2L, readText(EXAMPLES_DIR, 'd2l-basic.tconv.json'));
    assert.deepEqual((await harness.published(DCGAN, 1)).diagnostics, []);
    assert.deepEqual((await harness.published(D2L, 1)).diagnostics, []);
  });
  afterEach(() => harness.dispose());

  const configure = (settings: unknown) =>
    harness.client.sendNotification(DidChangeConfigurationNotification.type, { settings });

  it('a lower memoryBudget re-publishes the open specs: the DCGAN is over it (information), the d2l example is not', async () => {
    const from = harness.diagnostics.all.length;
    await configure({ tconv: { memoryBudget: '1MiB' } });
    const dcgan = await harness.published(DCGAN, 1, from);
    assert.equal(dcgan.diagnostics.length, 1);
    assert.deepEqual([...new Set(dcgan.diagnostics.map((d) => d.code))], ['memory-budget']);
    assert.equal(dcgan.diagnostics[0].severity, 3, 'Information');
    assert.match(String(dcgan.diagnostics[0].message), /above the budget of 1 MiB/);
    assert.deepEqual((await harness.published(D2L, 1, from)).diagnostics, []);
    await harness.roundTrip();
    assert.equal(harness.codeLensRefreshes, 1);
  });

  it('back to the default budget, the memory-budget diagnostic goes', async () => {
    await configure({ tconv: { memoryBudget: 1048576 } });
    await harness.diagnostics.waitFor(
      'DCGAN over the lowered budget',
      (p) => p.uri === DCGAN && p.diagnostics.length > 0,
    );
    const from = harness.diagnostics.all.length;
    await configure({ tconv: { memoryBudget: DEFAULT_MEMORY_BUDGET } });
    assert.deepEqual((await harness.published(DCGAN, 1, from)).diagnostics, []);
  });

  it('a change to other settings checks nothing again', async () => {
    const from = harness.diagnostics.all.length;
    const validations = harness.server.analyses.validations;
    await configure({ editor: { tabSize: 4 } });
    await harness.roundTrip();
    assert.deepEqual(harness.diagnostics.all.slice(from), []);
    assert.equal(harness.server.analyses.validations, validations);
    assert.equal(harness.codeLensRefreshes, 0);
  });
});

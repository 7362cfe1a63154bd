// tconv/verify with a workDoneToken: the server reports the run through $/progress (LSP work-done progress, with
// each check's event on the reports), all of it before the result; cancelling the request stops the run.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { VerifyProgressType, VerifyRequest, type VerifyProgress } from '../../../src/server/protocol';
import { ServerHarness } from './harness';

const example = (name: string) => readFileSync(join(__dirname, '../../../examples', `${name}.tconv.json`), 'utf8');
/** DCGAN's five transposed layers, two checks each. */
const chain = example('dcgan-generator').replace(/"verify":\s*\[[^\]]*\]/, '"verify": ["roundTrip", "cost"]');
const URI = 'file:///work/dcgan.tconv.json';

describe('tconv/verify progress ($/progress on the request’s workDoneToken)', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start();
    await harness.openDocument(URI, chain);
  });
  afterEach(() => harness.dispose());

  it('begins, reports each check as it starts and finishes, ends, and only then answers', async () => {
    const values: VerifyProgress[] = [];
    let answered = false;
    const listening = harness.client.onProgress(VerifyProgressType, 'run-1', (v) => {
      assert.equal(answered, false, 'progress after the result');
      values.push(v);
    });
    const result = await harness.client.sendRequest(VerifyRequest, { uri: URI, workDoneToken: 'run-1' });
    answered = true;
    listening.dispose();
    assert.equal(result.verification?.counts.passed, 10);
    assert.equal(values[0].kind, 'begin');
    assert.equal(values[values.length - 1].kind, 'end');
    const reports = values.slice(1, -1);
    assert.equal(reports.length, 20);
    const finished = reports.flatMap((r) => (r.kind === 'report' && r.tconv?.kind === 'finish' ? [r.tconv] : []));
    assert.equal(finished.length, 10, 'one finished report per check');
    const results = result.verification?.layers.flatMap((l) => l.results) ?? [];
    assert.deepEqual(
      finished.map((f) => f.result),
      results,
    );
    const last = reports[reports.length - 1];
    assert.equal(last.kind === 'report' && last.percentage, 100);
    assert.equal(last.kind === 'report' && last.message, '10/10 checks');
    const first = reports[0];
    assert.equal(first.kind === 'report' && first.message, 'layer 1/5 project · roundTrip · 0/10 checks');
  });

  it('without a workDoneToken, no progress: the same result', async () => {
    let progress = 0;
    const listening = harness.client.onProgress(VerifyProgressType, 'unused', () => {
      progress++;
    });
    const result = await harness.client.sendRequest(VerifyRequest, { uri: URI });
    listening.dispose();
    assert.equal(result.verification?.counts.passed, 10);
    assert.equal(progress, 0);
  });

  it('a cancelled request stops the run before its next check', async () => {
    const source = new CancellationTokenSource();
    let finished = 0;
    let ended = false;
    const listening = harness.client.onProgress(VerifyProgressType, 'run-2', (v) => {
      if (v.kind === 'end') ended = true;
      if (v.kind === 'report' && v.tconv?.kind === 'finish' && ++finished === 2) source.cancel();
    });
    await assert.rejects(harness.client.sendRequest(VerifyRequest, { uri: URI, workDoneToken: 'run-2' }, source.token));
    // The server's answer to the cancel (and its 'end') may trail the client's rejection.
    for (let i = 0; i < 100 && !ended; i++) await new Promise((r) => setTimeout(r, 20));
    listening.dispose();
    assert.ok(ended, 'the progress ended');
    assert.ok(finished < 10, `${finished} checks finished after the cancel`);
  });
});

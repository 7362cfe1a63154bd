// The Node server's verifications run in a worker thread (dist/verifyWorker.js): same results as inline, a
// cancelled run ends the thread and fails as cancelled, and the next run starts a fresh thread.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError, threadVerifier } from '../../../src/server/threadVerifier';
import { runVerifyJob, type Cancellation } from '../../../src/server/verifier';

const SCRIPT = join(__dirname, '../../../dist/verifyWorker.js');
const example = (name: string) => readFileSync(join(__dirname, '../../../examples', `${name}.tconv.json`), 'utf8');

/** A cancellation token the test trips by hand. */
function manualToken(): Cancellation & { cancel(): void } {
  const listeners: (() => void)[] = [];
  let cancelled = false;
  return {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested(listener) {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    cancel() {
      cancelled = true;
      for (const l of [...listeners]) l();
    },
  };
}

describe('threadVerifier (verifications in a worker thread)', () => {
  before(() => assert.ok(existsSync(SCRIPT), 'dist/verifyWorker.js is missing: run `npm run build` (npm test does)'));

  it('gives what the inline verification gives', async () => {
    const verify = threadVerifier(SCRIPT, () => undefined);
    const job = { text: example('d2l-round-trip'), memoryBudget: 1_073_741_824 };
    const threaded = await verify(job);
    const inline = runVerifyJob(job);
    assert.deepEqual(threaded.verification?.counts, inline.verification?.counts);
    assert.ok((threaded.verification?.counts.passed ?? 0) >= 3, JSON.stringify(threaded.verification?.counts));
    assert.deepEqual(threaded.layerPositions, inline.layerPositions);
  });

  it('a cancelled run rejects as cancelled, and the next run still answers', async () => {
    const verify = threadVerifier(SCRIPT, () => undefined);
    const token = manualToken();
    // DCGAN with every verification takes seconds: long enough to be cancelled while it runs.
    const heavy = example('dcgan-generator').replace(/"verify":\s*\[[^\]]*\]/, '"verify": "all"');
    const running = verify({ text: heavy, memoryBudget: 1_073_741_824 }, token);
    setTimeout(() => token.cancel(), 200);
    await assert.rejects(running, CancelledError);
    const after = await verify({ text: example('d2l-stride'), memoryBudget: 1_073_741_824 });
    assert.equal(after.error, undefined);
    assert.ok(after.verification && after.verification.counts.failed === 0);
  });

  it('an idle verification thread lets the process end (the connection is what keeps a server running)', () => {
    const script = `
      const { threadVerifier } = require(${JSON.stringify(join(__dirname, '../../../src/server/threadVerifier.ts'))});
      threadVerifier(${JSON.stringify(SCRIPT)}, () => undefined)({ text: ${JSON.stringify(example('d2l-stride'))}, memoryBudget: 1e6 })
        .then((o) => console.log('verified', o.verification.counts.passed));`;
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(run.signal, null, `the process did not end by itself within 20 s: ${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /verified [1-9]/);
  });

  it('says why when the spec cannot be verified', async () => {
    const verify = threadVerifier(SCRIPT, () => undefined);
    const outcome = await verify({ text: example('broken/channel-mismatch'), memoryBudget: 1_073_741_824 });
    assert.equal(outcome.verification, undefined);
    assert.match(outcome.error ?? '', /errors/);
  });
});

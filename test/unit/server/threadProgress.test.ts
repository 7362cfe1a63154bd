// Verifications on two worker threads (dist/verifyWorker.js): the threads share a run's checks, report each one
// once as it finishes, and their merged result is what one thread, or the inline run, gives.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VerificationThreads, threadVerifier } from '../../../src/server/threadVerifier';
import { runVerifyJob } from '../../../src/server/verifier';
import type { VerifyProgressEvent } from '../../../src/specFile/verifySpec';

const SCRIPT = join(__dirname, '../../../dist/verifyWorker.js');
const example = (name: string) => readFileSync(join(__dirname, '../../../examples', `${name}.tconv.json`), 'utf8');
/** DCGAN's five transposed layers, four checks each. */
const chain = example('dcgan-generator').replace(
  /"verify":\s*\[[^\]]*\]/,
  '"verify": ["roundTrip", "cost", "scatter", "adjoint"]',
);

describe('verification threads share a run’s checks', () => {
  before(() => assert.ok(existsSync(SCRIPT), 'dist/verifyWorker.js is missing: run `npm run build` (npm test does)'));

  it('two threads: one finish per check, and the result of the inline run', async () => {
    const events: VerifyProgressEvent[] = [];
    const verify = threadVerifier(SCRIPT, () => undefined, { threads: 2 });
    const threaded = await verify({ text: chain }, undefined, (e) => events.push(e));
    const inline = runVerifyJob({ text: chain });
    assert.deepEqual(threaded.verification, inline.verification);
    assert.deepEqual(threaded.layerPositions, inline.layerPositions);
    const finished = events.flatMap((e) => (e.kind === 'finish' ? [e.check.index] : []));
    assert.deepEqual(
      [...finished].sort((a, b) => a - b),
      [...Array(20).keys()],
    );
    // Every check started before it finished.
    for (const index of finished) {
      const start = events.findIndex((e) => e.kind === 'start' && e.check.index === index);
      const finish = events.findIndex((e) => e.kind === 'finish' && e.check.index === index);
      assert.ok(start >= 0 && start < finish, `check ${index}`);
    }
  });

  it('the raw form (the CLI) keeps the engine’s results as they are', async () => {
    const threads = new VerificationThreads(SCRIPT, () => undefined, { threads: 2 });
    try {
      const raw = await threads.run({ text: chain }, 'raw');
      assert.equal('plan' in raw, false);
      assert.equal(raw.verification?.counts.passed, 20);
      assert.deepEqual(raw.verify, ['roundTrip', 'cost', 'scatter', 'adjoint']);
    } finally {
      await threads.dispose();
    }
  });

  it('a spec with errors: the reason, from the lead thread', async () => {
    const verify = threadVerifier(SCRIPT, () => undefined, { threads: 2 });
    const outcome = await verify({ text: example('broken/channel-mismatch') });
    assert.equal(outcome.verification, undefined);
    assert.match(outcome.error ?? '', /errors/);
  });
});

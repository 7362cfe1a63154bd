// The verification threads take an evaluated spec (its layers' tensors in shared memory) instead of evaluating it
// again, and share its checks through a claim table: each check runs once, the threads start from opposite ends.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  claimer,
  claimOrder,
  claimTable,
  LARGE_RUN_MACS,
  SMALL_RUN_MACS,
  threadsFor,
} from '../../../src/server/checkClaims';
import { sharedInput } from '../../../src/server/sharedInput';
import { VerificationThreads } from '../../../src/server/threadVerifier';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { verificationInput, type VerificationInput } from '../../../src/specFile/verificationInput';
import { verifyInputSteps, drain, type VerifyProgressEvent } from '../../../src/specFile/verifySpec';

const SCRIPT = join(__dirname, '../../../dist/verifyWorker.js');
/** DCGAN's five transposed layers, three checks each. */
const chain = readFileSync(join(__dirname, '../../../examples/dcgan-generator.tconv.json'), 'utf8').replace(
  /"verify":\s*\[[^\]]*\]/,
  '"verify": ["roundTrip", "scatter", "adjoint"]',
);

function evaluatedInput(): VerificationInput {
  const { spec, plan } = validateSpec(chain);
  assert.ok(spec && plan);
  return verificationInput(spec, plan, evaluateSpec(spec, plan));
}

describe('verification threads on an evaluated spec', () => {
  it('claims: kind by kind (layer by layer on large layers), larger layers first from either end, each once', () => {
    // Two layers, the second the larger, with the checks scatter, roundTrip, matrix, adjoint: scatter is check 0 of
    // the first layer and 4 of the second, matrix 2 and 6… Kind by kind (matrix, adjoint, scatter, roundTrip): the
    // first half of the kinds from the front, the second half from the back, each larger layer first.
    const names = ['scatter', 'roundTrip', 'matrix', 'adjoint'] as const;
    assert.deepEqual(claimOrder([1, 5], names, 0, 2), [6, 2, 7, 3, 0, 4, 1, 5]);
    assert.deepEqual(claimOrder([1, 5], names, 1, 2), [5, 1, 4, 0, 3, 7, 2, 6]);
    assert.deepEqual(claimOrder([1, 5], names, 2, 3), claimOrder([1, 5], names, 0, 3));
    // One thread: the spec's order.
    assert.deepEqual(claimOrder([1, 5], names, 0, 1), [0, 1, 2, 3, 4, 5, 6, 7]);
    // From LARGE_RUN_MACS up, layer by layer: the largest layer from the front, the second from the back.
    const macs = [2 * LARGE_RUN_MACS, 4 * LARGE_RUN_MACS, LARGE_RUN_MACS];
    assert.deepEqual(claimOrder(macs, ['scatter', 'cost'], 0, 2), [2, 3, 4, 5, 0, 1]);
    assert.deepEqual(claimOrder(macs, ['scatter', 'cost'], 1, 2), [1, 0, 5, 4, 3, 2]);
    // Below SMALL_RUN_MACS, one thread.
    assert.equal(threadsFor([SMALL_RUN_MACS / 2, SMALL_RUN_MACS / 4], 2), 1);
    assert.equal(threadsFor([SMALL_RUN_MACS / 2, SMALL_RUN_MACS / 2], 2), 2);
    const order = (thread: number) => claimOrder([1, 1, 1, 1, 1, 1, 1], ['cost'], thread, 2);
    const table = claimTable(7);
    const front = claimer(table, order(0));
    const back = claimer(table, order(1));
    const taken: number[][] = [[], []];
    // The first thread is twice as fast as the second.
    for (let turn = 0; ; turn++) {
      const who = turn % 3 === 2 ? 1 : 0;
      const index = (who === 0 ? front : back)();
      if (index === undefined) {
        if ((who === 0 ? back : front)() === undefined) break;
        continue;
      }
      taken[who].push(index);
    }
    assert.deepEqual(taken, [
      [0, 1, 2, 3, 4],
      [6, 5],
    ]);
  });

  it('sharedInput: the same values, in shared memory, a tensor met twice copied once', () => {
    const input = evaluatedInput();
    const shared = sharedInput(input);
    input.layers.forEach((layer, i) => {
      for (const key of ['input', 'weight'] as const) {
        const data = shared.layers[i].layer[key].data;
        assert.ok(data.buffer instanceof SharedArrayBuffer, `${layer.layerName} ${key}`);
        assert.deepEqual(data, layer.layer[key].data);
      }
    });
    const twice = { ...input, layers: [input.layers[0], input.layers[0]] };
    const copied = sharedInput(twice);
    assert.equal(copied.layers[0].layer.weight, copied.layers[1].layer.weight);
    assert.equal(sharedInput(copied).layers[0].layer.weight.data, copied.layers[0].layer.weight.data);
  });

  describe('on two threads (dist/verifyWorker.js)', function () {
    this.timeout(60_000);
    before(() => assert.ok(existsSync(SCRIPT), 'dist/verifyWorker.js is missing: run `npm run build` (npm test does)'));

    it('gives what the same input verified inline gives, each check finished once', async () => {
      const input = evaluatedInput();
      const threads = new VerificationThreads(SCRIPT, () => undefined, { threads: 2 });
      const events: VerifyProgressEvent[] = [];
      try {
        threads.start();
        const threaded = await threads.runInput(sharedInput(input), undefined, (e) => events.push(e));
        assert.deepEqual(threaded, drain(verifyInputSteps(input)));
        assert.equal(threaded.counts.passed, 15);
      } finally {
        await threads.dispose();
      }
      const finished = events.flatMap((e) => (e.kind === 'finish' ? [e.check.index] : []));
      assert.deepEqual(
        [...finished].sort((a, b) => a - b),
        [...Array(15).keys()],
      );
    });

    it('verifies the tensors it is given, not the spec evaluated again', async () => {
      const input = evaluatedInput();
      // Layer 1's input scaled past float64: a thread that evaluated the spec itself would pass its value checks.
      const first = input.layers[0];
      const huge = { shape: first.layer.input.shape, data: first.layer.input.data.map((v) => v * 1e308) };
      const altered = {
        ...input,
        layers: [{ ...first, layer: { ...first.layer, input: huge } }, ...input.layers.slice(1)],
      };
      const threads = new VerificationThreads(SCRIPT, () => undefined, { threads: 2 });
      try {
        const verification = await threads.runInput(sharedInput(altered));
        const results = verification.layers[0].results;
        assert.deepEqual(
          results.map((r) => [r.name, r.notRun === undefined]),
          [
            ['roundTrip', true],
            ['scatter', false],
            ['adjoint', false],
          ],
        );
        assert.match(results[1].notRun ?? '', /values overflow float64/);
        assert.equal(verification.counts.passed, 13);
      } finally {
        await threads.dispose();
      }
    });
  });
});

// Issue 14: a transposed layer whose values are beyond the memory budget still runs the checks that need its shapes
// only (roundTrip, cost), on shapes; its value checks are reported not run, with the bytes needed and the budget.
import { strict as assert } from 'node:assert';
import { verificationInput, SHAPE_CHECKS } from '../../../src/specFile/verificationInput';
import { verifyText, type VerifyProgressEvent } from '../../../src/specFile/verifySpec';
import { evaluateSpec, validateSpec } from '../../../src/specFile';

/** a fits 200,000 bytes; b (64 output channels) does not, and c comes after it. */
const chain = JSON.stringify({
  input: { shape: [1, 8, 8, 8] },
  layers: [
    { name: 'a', kernelSize: 2, stride: 2 },
    { name: 'b', kernelSize: 2, stride: 2, outChannels: 64 },
    { name: 'c', kernelSize: 1, stride: 1, padding: 0 },
  ],
  verify: ['roundTrip', 'adjoint', 'cost', 'scatter'],
});
const TINY = 200_000;

describe('verifying layers beyond the memory budget (specFile/verifySpec)', () => {
  it('roundTrip and cost pass on shapes; the value checks are not run, with why', () => {
    const events: VerifyProgressEvent[] = [];
    const outcome = verifyText(chain, { memoryBudget: TINY, onProgress: (e) => events.push(e) });
    assert.equal(outcome.error, undefined);
    const layers = outcome.verification?.layers ?? [];
    assert.deepEqual(
      layers.map((l) => [l.layerName, l.results.map((r) => [r.name, r.passed, r.notRun ?? null])]),
      [
        [
          'a',
          [
            ['roundTrip', true, null],
            ['adjoint', true, null],
            ['cost', true, null],
            ['scatter', true, null],
          ],
        ],
        [
          'b',
          [
            ['roundTrip', true, null],
            ['adjoint', false, 'needs 544 KiB of memory, budget 195 KiB'],
            ['cost', true, null],
            ['scatter', false, 'needs 544 KiB of memory, budget 195 KiB'],
          ],
        ],
        [
          'c',
          [
            ['roundTrip', true, null],
            ['adjoint', false, 'an earlier layer was not computed (it needs 544 KiB of memory, budget 195 KiB)'],
            ['cost', true, null],
            ['scatter', false, 'an earlier layer was not computed (it needs 544 KiB of memory, budget 195 KiB)'],
          ],
        ],
      ],
    );
    assert.deepEqual(outcome.verification?.counts, { passed: 8, failed: 0, notRun: 4 });
    // Every check of every layer starts and finishes once, the shape checks of b and c included.
    const finished = events.flatMap((e) => (e.kind === 'finish' ? [`${e.check.layerName}/${e.check.name}`] : []));
    assert.equal(finished.length, 12);
    assert.ok(finished.includes('b/cost') && finished.includes('c/roundTrip'));
  });

  it('the shape checks of a layer without values say what they say with its values', () => {
    const within = verifyText(chain).verification?.layers ?? [];
    const beyond = verifyText(chain, { memoryBudget: TINY }).verification?.layers ?? [];
    for (const at of [1, 2]) {
      const shapes = (layers: typeof within) => layers[at].results.filter((r) => SHAPE_CHECKS.has(r.name));
      assert.equal(shapes(beyond).length, 2);
      assert.deepEqual(shapes(beyond), shapes(within), beyond[at].layerName);
    }
  });

  it('the input of a run: tensors for the layers with values, shapes only (no values) beyond the budget', () => {
    const { spec, plan } = validateSpec(chain, { memoryBudget: TINY });
    assert.ok(spec && plan);
    const input = verificationInput(spec, plan, evaluateSpec(spec, plan));
    assert.deepEqual(input.names, ['roundTrip', 'adjoint', 'cost', 'scatter']);
    assert.deepEqual(
      input.layers.map((l) => [l.layerName, l.layer.input.data.length, l.notComputed?.step?.status ?? null]),
      [
        ['a', 512, null],
        ['b', 0, 'over-budget'],
        ['c', 0, 'upstream'],
      ],
    );
    assert.deepEqual(input.layers[1].layer.weight.shape, [8, 64, 2, 2]);
    assert.deepEqual(input.layers[2].layer.input.shape, [1, 64, 32, 32]);
  });

  it('a declared axis too long to count position by position: cost is not run, with why, and returns at once', () => {
    // 2^28 positions: counting W's taps one position at a time would take minutes (and the counts an array each).
    const huge = JSON.stringify({
      input: { shape: [1, 1, 2 ** 28] },
      dims: 1,
      layer: { kernelSize: 4, stride: 2, padding: 1 },
      verify: ['roundTrip', 'cost'],
    });
    const results = verifyText(huge).verification?.layers[0]?.results ?? [];
    assert.deepEqual(
      results.map((r) => [r.name, r.passed, r.notRun === undefined]),
      [
        ['roundTrip', true, true],
        ['cost', false, false],
      ],
    );
    assert.match(
      results[1].notRun ?? '',
      /^2\.1e\+9 position × tap pairs along one axis: too many to count W position by position \(at most 6\.7e\+7\)$/,
    );
  });
});

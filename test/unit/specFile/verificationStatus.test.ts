// What a spec's verification amounts to: failed only when a check that ran failed; nothing run (an empty `verify`
// list, or every check not run) is "nothing verified", never a failure.
import { strict as assert } from 'node:assert';
import { verifyText, type SpecVerification } from '../../../src/specFile/verifySpec';
import { notRunReasons, nothingVerifiedText, verificationStatus } from '../../../src/specFile/verificationStatus';
import { EXAMPLES_DIR, readText, specText } from './helpers';

/**
 * A layer whose values overflow float64 (1e308 · 10): "scatter" and "transpose" are not run for it; "adjoint" runs
 * (its seeded x and y are modest, and so is ⟨W x, y⟩ with a weight of 10).
 */
const LARGE_LAYER = {
  input: {
    data: [
      [1e308, 1],
      [2, 3],
    ],
  },
  layer: { kernel: { data: [[10]] } },
};

function verificationOf(spec: unknown): SpecVerification {
  const outcome = verifyText(specText(spec));
  assert.ok(outcome.verification, outcome.error);
  return outcome.verification;
}

describe('spec verification status', () => {
  it('an empty verify list: passed, nothing counted, "nothing verified: no verification requested"', () => {
    const v = verificationOf({
      input: {
        data: [
          [0, 1],
          [2, 3],
        ],
      },
      layer: {
        kernel: {
          data: [
            [0, 1],
            [2, 3],
          ],
        },
      },
      verify: [],
    });
    assert.equal(v.passed, true);
    assert.deepEqual(v.counts, { passed: 0, failed: 0, notRun: 0 });
    assert.equal(verificationStatus(v), 'nothingVerified');
    assert.equal(nothingVerifiedText(v), 'nothing verified: no verification requested');
  });

  it('every requested check not run: passed, counted as not run, the reason said once', () => {
    const v = verificationOf({ ...LARGE_LAYER, verify: ['scatter', 'transpose'] });
    assert.equal(v.passed, true);
    assert.deepEqual(v.counts, { passed: 0, failed: 0, notRun: 2 });
    assert.equal(verificationStatus(v), 'nothingVerified');
    const reasons = notRunReasons(v);
    assert.equal(reasons.length, 1, 'both checks give the same reason');
    assert.match(reasons[0], /^values overflow float64 \(max \|x\| = 1\.0e\+308\)$/);
    assert.equal(nothingVerifiedText(v), `nothing verified: 2 checks not run (${reasons[0]})`);
  });

  it('one check not run and one that ran and passed: passed, not "nothing verified"', () => {
    const v = verificationOf({ ...LARGE_LAYER, verify: ['scatter', 'adjoint'] });
    assert.deepEqual(v.counts, { passed: 1, failed: 0, notRun: 1 });
    assert.equal(v.passed, true);
    assert.equal(verificationStatus(v), 'passed');
  });

  it('a clean example with every check run: passed', () => {
    const v = verificationOf(JSON.parse(readText(EXAMPLES_DIR, 'd2l-basic.tconv.json')));
    assert.equal(verificationStatus(v), 'passed');
    assert.ok(v.counts.passed > 0);
  });

  it('failed when a check that ran failed, or a layer could not be verified, whatever else did not run', () => {
    const v = verificationOf({ ...LARGE_LAYER, verify: ['scatter', 'adjoint'] });
    const [layer] = v.layers;
    const failing = { ...layer.results[1], passed: false };
    const failed: SpecVerification = {
      layers: [{ ...layer, results: [layer.results[0], failing] }],
      passed: false,
      counts: { passed: 0, failed: 1, notRun: 1 },
    };
    assert.equal(verificationStatus(failed), 'failed');
    const broken: SpecVerification = {
      layers: [{ layerIndex: 0, layerName: 'layer', results: [], error: 'groups must divide' }],
      passed: false,
      counts: { passed: 0, failed: 0, notRun: 0 },
    };
    assert.equal(verificationStatus(broken), 'failed');
  });
});

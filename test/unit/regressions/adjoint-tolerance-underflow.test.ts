// Found by the fuzzer (test/fuzz, the CI seed 20240606, shrunk by fast-check): a kernel holding 3e-323, a
// subnormal number. float64 rounds there to multiples of 4.9e-324, so the two inner products of the adjoint
// identity differed by 9.9e-324, while the tolerance 1e-9 × Σ|terms| = 1e-9 × 4e-323 had rounded to 0: a
// correct layer failed its adjoint verification. The tolerance now has a floor of 1e-300.
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { generate, verifyLayer } from '../../../src/engine';
import { ADJOINT_UNDERFLOW_TOLERANCE } from '../../../src/engine/verify/adjoint';

describe('regression: the adjoint tolerance near underflow', () => {
  it("the fuzzer's input: adjoint passes", () => {
    const text =
      '{"input": {"shape": [2,1],"init": "zeros"},"layers": [{"type": "conv","kernelSize": [1,1],"outChannels": 2,"padding": [0,1]},{"kernel": {"data": [[[[0],[0]]],[[[3e-323],[0]]]]}}]}';
    const outcome = verifyText(text);
    assert.deepEqual(outcome.diagnostics, []);
    const adjoint = outcome.verification?.layers.flatMap((l) => l.results).find((r) => r.name === 'adjoint');
    assert.equal(adjoint?.passed, true, adjoint?.summary);
    assert.equal(adjoint?.details.tolerance, ADJOINT_UNDERFLOW_TOLERANCE);
  });

  it('ordinary values keep the relative tolerance', () => {
    const layer = {
      input: generate([1, 2, 3, 3], { init: 'arange' }),
      weight: generate([2, 1, 2, 2], { init: 'random', seed: 4 }),
      bias: null,
      options: { stride: 2 },
    };
    const [adjoint] = verifyLayer(layer, ['adjoint']);
    assert.equal(adjoint.passed, true);
    assert.ok((adjoint.details.tolerance as number) > ADJOINT_UNDERFLOW_TOLERANCE);
    assert.equal(adjoint.details.tolerance, 1e-9 * (adjoint.details.scale as number));
  });
});

// Found by the fuzzer (test/fuzz, the CI seed 20240606): "dtype": "float32" with a data value of
// 1.7976931348623157e308, which float32 cannot hold, is a clean spec whose values are Infinity (and NaN after
// a zero kernel). The verifications failed, rightly, but their summaries read "max |Δ| = Infinity > NaN"
// (the tolerance scales with the values). They now say the values are not finite. Found again by
// `npm run fuzz` (seed 1476894443, case 21903) in the reconstruction summary, "max |Z − X| = NaN": an
// overflowing difference now reads Infinity; and (seed 933290705, case 7196) in the adjoint summary,
// "⟨W x, y⟩ = NaN … |Δ| = NaN > Infinity", which now says the values are not finite. Since issue #14 ("never a
// false failure") a check whose values overflow is not run, with the reason "values overflow float64 (max |x| = …)".
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { compareValues, comparisonSummary } from '../../../src/engine/verify/compare';

describe('regression: verification summaries on values that overflow', () => {
  it("the fuzzer's input: no NaN in any summary, the identities that cannot be checked say why", () => {
    const text =
      '{"dims": 2,"dtype": "float32","input": {"data": [[0,0],[0,0],[0,0],[0,0],[0,1.7976931348623157e308]]},"layers": [{"kernel": {"shape": [1,1,1,1],"init": "zeros"}},{"type": "conv","kernelSize": [1,1],"outChannels": 1}]}';
    const outcome = verifyText(text);
    // The only diagnostic is the warning that float32 cannot hold the value; the spec is otherwise clean.
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.code),
      ['float32-range'],
    );
    const results = outcome.verification?.layers[0].results ?? [];
    assert.ok(results.length > 0);
    for (const r of results) assert.doesNotMatch(r.summary, /NaN/, `${r.name}: ${r.summary}`);
    const transpose = results.find((r) => r.name === 'transpose');
    assert.equal(transpose?.passed, false);
    assert.match(transpose?.notRun ?? '', /^values overflow float64 \(max \|x\| = Infinity\)$/);
  });

  it('seed 1476894443 case 21903: reconstruction on a value float32 cannot hold', () => {
    const text =
      '{"dtype": "float32","input": {"data": [[3,-7.764532879890857e-127,1.7976931348623157e308,-2.741505425427337e-241],[-4.191697603312303e-135,7,2.1412157981650176e-129,3.469937859503443e-239]]},"forward": {},"layer": {"kernelSize": [1,3],"stride": 3,"padding": [0,2],"dilation": 2,"outputPadding": [1,0],"outChannels": 1},"expect": {"outputShape": [2,4]},"verify": "all"}';
    const outcome = verifyText(text);
    // The only diagnostic is the warning that float32 cannot hold the value; the spec is otherwise clean.
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.code),
      ['float32-range'],
    );
    const results = outcome.verification?.layers[0].results ?? [];
    for (const r of results) assert.doesNotMatch(r.summary, /NaN/, `${r.name}: ${r.summary}`);
    assert.match(
      results.find((r) => r.name === 'reconstruction')?.summary ?? '',
      /values differ: max \|Z − X\| = Infinity$/,
    );
  });

  it('seed 933290705 case 7196: adjoint with a kernel value float32 cannot hold (1e300)', () => {
    const text =
      '{"dtype": "float32","input": {"shape": [3,5,5],"init": "ones"},"layer": {"kernelSize": [2,3],"kernel": {"data": [[[[6e-323,0,9.5e-293],[5,1e300,9]]],[[[8,1,1],[7,7,1]]],[[[5.4e-23,-3.3e-32,1.5e-323],[9,4.2e-210,0]]]]}},"verify": ["adjoint"]}';
    const outcome = verifyText(text);
    // The only diagnostic is the warning that float32 cannot hold the value; the spec is otherwise clean.
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.code),
      ['float32-range'],
    );
    const [adjoint] = outcome.verification?.layers[0].results ?? [];
    assert.equal(adjoint.passed, false);
    assert.equal(adjoint.summary, 'not run: values overflow float64 (max |x| = Infinity)');
  });

  it('comparisonSummary keeps its usual form for finite values', () => {
    assert.equal(
      comparisonSummary(compareValues([1, 2], [1, 2], 1e-9), 'entries'),
      'max |Δ| = 0 ≤ 2.0e-9 over 2 entries',
    );
    assert.match(comparisonSummary(compareValues([1, NaN], [1, NaN], 1e-9), 'entries'), /not comparable/);
  });
});

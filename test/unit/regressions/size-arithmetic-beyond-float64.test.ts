// Found by the fuzzer (test/fuzz), twice, with one cause: sizes are computed in float64, whose integers are
// exact only up to 2⁵³, and JSON Schema calls 1.7976931348623157e308 an integer.
//  - seed 3, case 4554: "stride": 1.7976931348623157e308 made H = (3 − 1)·stride = Infinity; the size-cap
//    message read "= NaN elements" (with padding 1e308: Infinity − Infinity) and target-size "output_padding 0..NaN".
//  - seed 4, huge-hyperparameters: dilation 2⁵², padding 2⁵² − 1, kernel 3 on a 1×1 input: the layer's 3×3
//    output is right, but the paired convolution's size 3 + 2·padding − … rounded past 2⁵³ to 0 rows, so the
//    clean spec failed its matrix and adjoint verifications.
// A layer whose size formula has a term beyond 2⁵¹ is now refused with size-cap on the value responsible.
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { validateSpec } from '../../../src/specFile';

const marked = (text: string, d: { offset: number; length: number }) => text.slice(d.offset, d.offset + d.length);

function onlyError(text: string, memoryBudget?: number) {
  const { diagnostics, plan } = validateSpec(text, { memoryBudget });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => d.code),
    ['size-cap'],
    errors.map((d) => d.message).join(' | '),
  );
  for (const d of diagnostics) assert.doesNotMatch(d.message, /NaN|Infinity/, d.message);
  return { d: errors[0], plan };
}

describe('regression: size arithmetic beyond the exact range of float64', () => {
  it('seed 3 case 4554: stride 1.7976931348623157e308 with an outputSize expectation', () => {
    const text = JSON.stringify({
      input: {
        data: [
          [
            [6, -1],
            [4, 0],
            [-2.5e-186, 2.4e-26],
          ],
          [
            [4.3e-206, -1.4e-294],
            [-2, 2.9e-148],
            [3, -1.9e-157],
          ],
        ],
      },
      layer: {
        name: 'to RGB',
        inChannels: 2,
        stride: 1.7976931348623157e308,
        padding: 2,
        outputPadding: [0, 1],
        dilation: [1, 2],
        groups: 2,
        kernel: { shape: [2, 2, 2, 1], init: 'arange' },
        bias: { init: 'arange' },
        expect: { outputShape: [1, 4, 2, 1], outputSize: [2, 1] },
      },
      verify: 'all',
    });
    const { d, plan } = onlyError(text, 1024);
    assert.equal(marked(text, d), '1.7976931348623157e+308');
    assert.equal(
      d.message,
      "The layer (to RGB)'s output H cannot be computed exactly: stride 1.7976931348623157e+308 is far too large (tconv computes sizes in float64, exact only up to 2⁵³); nothing was computed.",
    );
    assert.equal(plan?.complete, false);
  });

  it('stride 1e308 with padding 1e308 (Infinity − Infinity)', () => {
    const text = '{ "input": { "shape": [3, 3] }, "layer": { "kernelSize": 1, "stride": 1e308, "padding": 1e308 } }';
    const { d } = onlyError(text);
    assert.equal(d.offset, text.indexOf('1e308'));
  });

  it('seed 4: dilation 2⁵², padding 2⁵² − 1 on a 1×1 input is refused instead of verified wrongly', () => {
    const text =
      '{"dims":2,"input":{"shape":[1,1],"init":"arange"},"layer":{"kernelSize":3,"dilation":4503599627370496,"padding":4503599627370495,"stride":1},"verify":["scatter","matrix","adjoint"]}';
    const { d } = onlyError(text, 1024);
    assert.equal(marked(text, d), '4503599627370496');
    assert.match(d.message, /dilation 4503599627370496 is far too large/);
    assert.equal(verifyText(text).verification, undefined);
  });

  it('seed 4: the same with a 3×3 input and stride 2 (padding 2⁵² + 1)', () => {
    const text =
      '{"dims":2,"input":{"shape":[3,3],"init":"arange"},"layer":{"kernelSize":3,"dilation":4503599627370496,"padding":4503599627370497,"stride":2},"verify":"all"}';
    const { d } = onlyError(text);
    // 2·padding is the largest term.
    assert.equal(marked(text, d), '4503599627370497');
  });

  it('a layer after one that cannot be computed is not planned either', () => {
    const text =
      '{ "input": { "shape": [3, 3] }, "layers": [{ "kernelSize": 1e308, "dilation": 1e308, "padding": 1e308 }, { "kernelSize": 2, "expect": { "outputSize": 4 } }] }';
    const { plan } = onlyError(text);
    assert.equal(plan?.layers.length, 0);
  });

  it('large but exact sizes keep their ordinary diagnostics and verifications', () => {
    // Stride 10⁹: a 2000000001×2000000001 output is exact arithmetic (planned, no error); its values are beyond the budget.
    const huge = '{ "input": { "shape": [3, 3] }, "layer": { "kernelSize": 1, "stride": 1000000000 } }';
    const hugeResult = validateSpec(huge);
    assert.deepEqual(hugeResult.plan?.outputShape, [1, 1, 2000000001, 2000000001]);
    assert.deepEqual(
      hugeResult.diagnostics.map((d) => [d.code, d.severity]),
      [['memory-budget', 'info']],
    );
    // Dilation 10⁹ with padding 5·10⁸: a 2×2 output, verified (scatter and gradient report "not run").
    const cancelling =
      '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, "dilation": 1000000000, "padding": 500000000 }, "verify": ["matrix", "adjoint"] }';
    assert.deepEqual(validateSpec(cancelling).diagnostics, []);
    assert.equal(verifyText(cancelling).verification?.passed, true);
  });
});

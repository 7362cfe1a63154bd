import { strict as assert } from 'node:assert';
import {
  convDimCalc,
  convOutputSize,
  convTranspose2d,
  outputPaddingFor,
  outputSizeRange,
  roundTripOutputPadding,
  transposedDimCalc,
  transposedOutputSize,
  zeros,
} from '../../../src/engine';

describe('shape arithmetic', () => {
  it('prints the transposed formula with the numbers substituted', () => {
    const calc = transposedDimCalc('H', { inSize: 2, kernel: 2, stride: 2, padding: 0, dilation: 1, outputPadding: 0 });
    assert.equal(calc.out, 4);
    assert.equal(calc.formula, 'H_out = (H_in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1');
    assert.equal(calc.substituted, '(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4');
  });

  it('prints the forward formula with the floor', () => {
    const calc = convDimCalc('W', { inSize: 16, kernel: 5, stride: 3, padding: 2, dilation: 1 });
    assert.equal(calc.out, 6);
    assert.equal(calc.substituted, '⌊(16 + 2·2 − 1·(5 − 1) − 1) / 3⌋ + 1 = 6');
  });

  it("d2l's round trip 16 → 6 → 16 (k5 p2 s3) needs no output_padding", () => {
    const dim = { inSize: 16, kernel: 5, stride: 3, padding: 2, dilation: 1 };
    const mid = convOutputSize(dim);
    assert.equal(mid, 6);
    assert.equal(roundTripOutputPadding(dim), 0);
    assert.equal(transposedOutputSize({ ...dim, inSize: mid, outputPadding: 0 }), 16);
  });

  it('the Dumoulin–Visin a restores every input size the forward conv maps to one size', () => {
    for (let inSize = 5; inSize <= 30; inSize++) {
      for (const [kernel, stride, padding, dilation] of [
        [3, 2, 1, 1],
        [4, 2, 1, 1],
        [5, 3, 2, 1],
        [3, 3, 0, 2],
        [2, 4, 1, 1],
      ]) {
        const dim = { inSize, kernel, stride, padding, dilation };
        const mid = convOutputSize(dim);
        if (mid < 1) continue;
        const a = roundTripOutputPadding(dim);
        assert.ok(a < stride);
        assert.equal(transposedOutputSize({ ...dim, inSize: mid, outputPadding: a }), inSize, JSON.stringify(dim));
      }
    }
  });

  it("output size range follows PyTorch's output_size rule and agrees with the engine", () => {
    const dim = { inSize: 3, kernel: 3, stride: 2, padding: 1, dilation: 1 };
    assert.deepEqual(outputSizeRange(dim), { min: 5, max: 6 });
    assert.equal(outputPaddingFor(dim, 6), 1);
    assert.equal(outputPaddingFor(dim, 7), null);
    assert.equal(outputPaddingFor(dim, 4), null);
    const out = convTranspose2d(zeros([1, 1, 3, 3]), zeros([1, 1, 3, 3]), null, {
      stride: 2,
      padding: 1,
      outputPadding: 1,
    });
    assert.deepEqual(out.shape, [1, 1, 6, 6]);
  });
});

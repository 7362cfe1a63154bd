// Found by the fuzzer (test/fuzz, huge hyperparameters that cancel out): the gradient verification reads, for
// each input element, the window of the paired convolution's input that element reaches, sized by
// dilation·(kernel − 1). With dilation 10⁴ (padding 5·10³, a 2×2 output) its scratch window was 20001×20001:
// 3.2 GB allocated for a 2×2 layer; with dilation 10⁹, "RangeError: Invalid typed array length". The window
// is now capped: gradient reports "not run" with the window size.
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { generate, MAX_RECEPTIVE_WINDOW_CELLS, verifyGradient, verifyLayer } from '../../../src/engine';
import { validateSpec } from '../../../src/specFile';

describe('regression: the gradient window of a hugely dilated layer', () => {
  it('dilation 10⁹, padding 5·10⁸: the spec is clean and gradient is "not run", without a RangeError', () => {
    const text =
      '{ "input": { "shape": [2, 2], "init": "arange" }, "layer": { "kernelSize": 2, "dilation": 1000000000, "padding": 500000000 }, "verify": ["gradient", "transpose"] }';
    assert.deepEqual(validateSpec(text).diagnostics, []);
    const outcome = verifyText(text);
    assert.equal(outcome.error, undefined);
    const [gradient, transpose] = outcome.verification?.layers[0].results ?? [];
    assert.match(
      gradient.notRun ?? '',
      new RegExp(`receptive window of 2000000001×2000000001 .* above the cap of ${MAX_RECEPTIVE_WINDOW_CELLS}`),
    );
    assert.equal(transpose.passed, true);
  });

  it('dilation 10⁴: nothing near 3.2 GB is allocated', () => {
    const layer = {
      input: generate([1, 1, 2, 2], { init: 'arange' }),
      weight: generate([1, 1, 2, 2], { init: 'ones' }),
      bias: null,
      options: { dilation: 10_000, padding: 5_000 },
    };
    const before = process.memoryUsage().arrayBuffers;
    const result = verifyGradient(layer);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    assert.ok(result.notRun);
    assert.deepEqual(result.details.window, [20_001, 20_001]);
  });

  it('finite differences count the channels of a group in the window', () => {
    // Finite differences (asked for; 'auto' samples Jacobian columns above 4096 inputs) crop every channel of the
    // group. A 601×601 window fits the per-channel cap, but not 64 channels of it.
    const layer = {
      input: generate([1, 64, 9, 9], { init: 'ones' }),
      weight: generate([64, 64, 2, 2], { init: 'ones' }),
      bias: null,
      options: { dilation: 300, padding: 150 },
    };
    const [gradient] = verifyLayer(layer, ['gradient'], { gradientMethod: 'finite-differences' });
    assert.ok(gradient.notRun, gradient.summary);
    assert.equal(gradient.details.channels, 64);
    // The sampled Jacobian columns read one channel's window at a time: within the cap, so they run.
    const [sampled] = verifyLayer(layer, ['gradient']);
    assert.ok(sampled.passed && sampled.details.method === 'jacobian-columns-sampled', sampled.summary);
  });

  it('ordinary dilated layers still verify', () => {
    const layer = {
      input: generate([1, 2, 4, 4], { init: 'arange' }),
      weight: generate([2, 3, 3, 3], { init: 'random' }),
      bias: null,
      options: { dilation: 3, padding: 2, stride: 2 },
    };
    const [gradient] = verifyLayer(layer, ['gradient']);
    assert.equal(gradient.passed, true, gradient.summary);
  });
});

// Found by the fuzzer (test/fuzz, huge hyperparameters that cancel out): with dilation 10⁴ and padding
// 5·10³ a 2×2 input still gives a 2×2 output, so the spec validates clean and fits every cap. But the scatter
// verification's step-by-step canvas spans everything the dilated kernel reaches before the padding crop:
// 10⁸ cells (43 s and 800 MB), and with dilation 10⁹ a RangeError ("Invalid array length") or a V8 heap
// crash of the analysis worker. The canvas was then capped (scatter "not run"); since issue #14 the check streams
// each contribution into the cropped output, with no canvas at all, so it runs and passes without allocating one.
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { broadcastSteps, EngineError, generate, verifyLayer } from '../../../src/engine';
import { validateSpec } from '../../../src/specFile';

const spec = (dilation: number, padding: number) =>
  `{ "input": { "shape": [2, 2], "init": "arange" }, "layer": { "kernelSize": 2, "dilation": ${dilation}, "padding": ${padding} }, "verify": ["scatter", "adjoint"] }`;

describe('regression: the scatter canvas of a hugely dilated, hugely padded layer', () => {
  for (const [dilation, padding] of [
    [10_000, 5_000],
    [1_000_000_000, 500_000_000],
  ]) {
    it(`dilation ${dilation}, padding ${padding}: the spec is clean; scatter runs without a canvas and passes`, () => {
      const text = spec(dilation, padding);
      const { diagnostics, plan } = validateSpec(text);
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(plan?.outputShape, [1, 1, 2, 2]);
      const before = process.memoryUsage().arrayBuffers;
      const outcome = verifyText(text);
      assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024, 'no canvas was allocated');
      const [scatter, adjoint] = outcome.verification?.layers[0].results ?? [];
      assert.equal(scatter.name, 'scatter');
      assert.equal(scatter.notRun, undefined);
      assert.equal(scatter.passed, true, scatter.summary);
      assert.equal(adjoint.passed, true);
    });
  }

  it('broadcastSteps refuses the canvas with a size-cap EngineError instead of allocating it', () => {
    const x = generate([1, 1, 2, 2], { init: 'ones' });
    const k = generate([1, 1, 2, 2], { init: 'ones' });
    assert.throws(
      () => broadcastSteps(x, k, null, { dilation: 10_000, padding: 5_000 }),
      (e: unknown) => e instanceof EngineError && e.code === 'size-cap' && /10002×10002 canvas/.test(e.message),
    );
    // The scatter verification needs no canvas: it streams the steps into the output.
    const [scatter] = verifyLayer({ input: x, weight: k, bias: null, options: { dilation: 10_000, padding: 5_000 } }, [
      'scatter',
    ]);
    assert.equal(scatter.passed, true, scatter.summary);
  });

  it('ordinary layers still draw and verify their picture', () => {
    const x = generate([1, 1, 3, 3], { init: 'arange' });
    const k = generate([1, 1, 3, 3], { init: 'ones' });
    const [scatter] = verifyLayer(
      { input: x, weight: k, bias: null, options: { dilation: 2, padding: 1, stride: 2 } },
      ['scatter'],
    );
    assert.equal(scatter.passed, true);
  });
});

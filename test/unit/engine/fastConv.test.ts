// Issue #14: the forward convolution's fast path (src/engine/fast/conv.ts: im2col, then the float32 GEMM kernel of
// convTranspose) against PyTorch's numbers, on every conv and conv3d case of test/fixtures/torch-conformance.json,
// within the fast path's float32 tolerance (1e-4 of max |output|); and 'exact' on a 3-D layer stays exact in
// every depth slice, however large the slice.
import { strict as assert } from 'node:assert';
import { forward3dCases, forwardCases, type TorchCase } from '../../fixtures/torchCases';
import { conv, conv3d, FAST_PATH_MIN_MACS, generate, tensor, type Tensor } from '../../../src/engine';

const TOLERANCE = 1e-4;

function relativeDiff(a: Tensor, b: Tensor): number {
  assert.deepEqual(a.shape, b.shape);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < b.data.length; i++) {
    scale = Math.max(scale, Math.abs(b.data[i]));
    const d = Math.abs(a.data[i] - b.data[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
  }
  return diff / Math.max(scale, Number.MIN_VALUE);
}

function run(c: TorchCase, path: 'fast' | 'exact'): Tensor {
  return conv(
    tensor(c.inputShape, c.input),
    tensor(c.weightShape, c.weight),
    c.bias ? tensor([c.bias.length], c.bias) : null,
    {
      stride: c.stride,
      padding: c.padding,
      dilation: c.dilation,
      groups: c.groups,
      path,
    },
  );
}

describe('forward conv on the fast path (im2col + the float32 GEMM) vs PyTorch', () => {
  it(`every 1-D and 2-D conv case (${forwardCases.length}), within 1e-4 of max |output|`, () => {
    assert.ok(forwardCases.length > 50);
    for (const c of forwardCases) {
      const out = run(c, 'fast');
      assert.ok(relativeDiff(out, tensor(c.outputShape, c.output)) <= TOLERANCE, `${c.id}: fast vs PyTorch`);
    }
  });

  it(`every conv3d case (${forward3dCases.length}), within 1e-4 of max |output|`, () => {
    assert.ok(forward3dCases.length > 10);
    for (const c of forward3dCases) {
      const out = run(c, 'fast');
      assert.ok(relativeDiff(out, tensor(c.outputShape, c.output)) <= TOLERANCE, `${c.id}: fast vs PyTorch`);
    }
  });

  it("the fast path really ran: it is float32-rounded where 'exact' is PyTorch's float64 (within 1e-9)", () => {
    let differ = 0;
    for (const c of forwardCases) {
      const exact = run(c, 'exact');
      assert.ok(relativeDiff(exact, tensor(c.outputShape, c.output)) <= 1e-9, `${c.id}: exact vs PyTorch`);
      if (relativeDiff(run(c, 'fast'), exact) > 0) differ++;
    }
    assert.ok(differ > 0, 'no case differed from the exact path: was the fast path used?');
  });
});

describe("conv3d: the path is the whole layer's", () => {
  // One depth slice alone has 2²¹ multiply-adds, above FAST_PATH_MIN_MACS: before, each slice went 'auto' and took
  // the float32 path even when the 3-D call asked for 'exact'.
  const x = generate([1, 32, 3, 16, 16], { init: 'random', low: -1, high: 1, seed: 1 });
  const w = generate([32, 32, 2, 4, 4], { init: 'random', low: -1, high: 1, seed: 2 });

  /** The textbook float64 sum of one output (n = 0, stride 1, no padding). */
  function reference(co: number, od: number, oh: number, ow: number): number {
    let sum = 0;
    for (let ci = 0; ci < 32; ci++)
      for (let kd = 0; kd < 2; kd++)
        for (let kh = 0; kh < 4; kh++)
          for (let kw = 0; kw < 4; kw++)
            sum +=
              x.data[((ci * 3 + od + kd) * 16 + oh + kh) * 16 + ow + kw] *
              w.data[(((co * 32 + ci) * 2 + kd) * 4 + kh) * 4 + kw];
    return sum;
  }

  it("'exact' is float64 in every slice; 'fast' is float32-rounded", () => {
    assert.ok(32 * 13 * 13 * 32 * 16 >= FAST_PATH_MIN_MACS, 'one 2-D slice is above the threshold');
    const exact = conv3d(x, w, null, { path: 'exact' });
    const fast = conv3d(x, w, null, { path: 'fast' });
    assert.deepEqual(exact.shape, [1, 32, 2, 13, 13]);
    let fastDiffers = false;
    for (const [co, od, oh, ow] of [
      [0, 0, 0, 0],
      [5, 1, 7, 3],
      [31, 1, 12, 12],
    ]) {
      const at = ((co * 2 + od) * 13 + oh) * 13 + ow;
      const want = reference(co, od, oh, ow);
      assert.ok(Math.abs(exact.data[at] - want) <= 1e-12 * (1 + Math.abs(want)), `exact at ${at}`);
      if (fast.data[at] !== exact.data[at]) fastDiffers = true;
    }
    assert.ok(fastDiffers, "the fast path's float32 rounding shows");
  });
});

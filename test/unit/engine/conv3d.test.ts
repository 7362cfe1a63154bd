import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  forward3dCases,
  rejectedCases,
  torchVersion,
  transposed3dCases,
  type TorchCase,
} from '../../fixtures/torchCases';
import {
  allClose,
  broadcastSteps,
  conv,
  conv3d,
  convTranspose,
  convTranspose3d,
  convTranspose3dMacs,
  EngineError,
  FAST_PATH_MIN_MACS,
  generate,
  symbolicTransposedConv,
  tensor,
  transposedConvMatrix,
  verifyLayer,
  VERIFICATION_NAMES,
  type ConvOptions,
  type DType,
  type Tensor,
  type TransposedConvLayer,
} from '../../../src/engine';

// 3-D (ConvTranspose3d / Conv3d) against PyTorch's numbers in test/fixtures/torch-conformance.json
// (scripts/gen_torch_fixtures.py), against a textbook 3-D loop, and through the verifications.

const RTOL = 1e-9;
const ATOL = 1e-12;
/** The fast path's documented accuracy: within 1e-4 of max|output| (float32 arithmetic). */
const FAST_TOLERANCE = 1e-4;

const biasOf = (c: TorchCase) => (c.bias ? tensor([c.bias.length], c.bias) : null);

function optionsOf(c: TorchCase): ConvOptions {
  return {
    stride: c.stride,
    padding: c.padding,
    outputPadding: c.outputPadding,
    dilation: c.dilation,
    groups: c.groups,
  };
}

function assertExact(id: string, actual: Tensor, c: TorchCase): void {
  assert.deepEqual(actual.shape, c.outputShape, `${id}: shape`);
  const closeness = allClose(actual, tensor(c.outputShape, c.output), RTOL, ATOL);
  assert.ok(closeness.ok, `${id}: max |Δ| ${closeness.maxAbsDiff} at ${closeness.worstIndex}`);
}

/** max|a − b| / max|b| (max|a − b| when b is all zeros); NaN counts as a mismatch. */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale > 0 ? diff / scale : diff;
}

/** PyTorch's ConvTranspose3d written out as the definition: every x·w scattered to i·s − p + k·d. */
function naiveConvTranspose3d(x: Tensor, w: Tensor, b: Tensor | null, o: Required<Omit<ConvOptions, 'path'>>): Tensor {
  const [N, Ci, ...inS] = x.shape;
  const [, CoG, ...k] = w.shape;
  const [s, p, op, d] = [o.stride, o.padding, o.outputPadding, o.dilation] as number[][];
  const G = o.groups;
  const outS = inS.map((i, a) => (i - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + op[a] + 1);
  const Co = CoG * G;
  const out = new Float64Array(N * Co * outS[0] * outS[1] * outS[2]);
  const CiG = Ci / G;
  const at = (n: number, c: number, z: number, y: number, xx: number) =>
    (((n * Co + c) * outS[0] + z) * outS[1] + y) * outS[2] + xx;
  for (let i = 0; i < out.length; i++) out[i] = b ? b.data[Math.floor(i / (outS[0] * outS[1] * outS[2])) % Co] : 0;
  for (let n = 0; n < N; n++)
    for (let ci = 0; ci < Ci; ci++)
      for (let iz = 0; iz < inS[0]; iz++)
        for (let iy = 0; iy < inS[1]; iy++)
          for (let ix = 0; ix < inS[2]; ix++) {
            const v = x.data[(((n * Ci + ci) * inS[0] + iz) * inS[1] + iy) * inS[2] + ix];
            for (let q = 0; q < CoG; q++)
              for (let kz = 0; kz < k[0]; kz++)
                for (let ky = 0; ky < k[1]; ky++)
                  for (let kx = 0; kx < k[2]; kx++) {
                    const [oz, oy, ox] = [
                      iz * s[0] - p[0] + kz * d[0],
                      iy * s[1] - p[1] + ky * d[1],
                      ix * s[2] - p[2] + kx * d[2],
                    ];
                    if (oz < 0 || oy < 0 || ox < 0 || oz >= outS[0] || oy >= outS[1] || ox >= outS[2]) continue;
                    const wv = w.data[(((ci * CoG + q) * k[0] + kz) * k[1] + ky) * k[2] + kx];
                    out[at(n, Math.floor(ci / CiG) * CoG + q, oz, oy, ox)] += v * wv;
                  }
          }
  return { shape: [N, Co, ...outS], data: out };
}

describe(`3-D: ConvTranspose3d / Conv3d against PyTorch ${torchVersion}`, () => {
  it('has 3-D cases covering strides, padding, output_padding, dilation, groups, bias, batch > 1 and a depth of 1', () => {
    assert.ok(transposed3dCases.length >= 30 && forward3dCases.length >= 20);
    for (const cases of [transposed3dCases, forward3dCases]) {
      assert.ok(cases.every((c) => c.dims === 3 && c.inputShape.length === 5 && c.weightShape.length === 5));
      assert.ok(cases.some((c) => c.stride.some((v) => v > 1)));
      assert.ok(cases.some((c) => c.padding.some((v) => v > 0)));
      assert.ok(cases.some((c) => c.dilation.some((v) => v > 1)));
      assert.ok(cases.some((c) => c.groups > 1));
      assert.ok(cases.some((c) => c.bias) && cases.some((c) => !c.bias));
      assert.ok(cases.some((c) => c.inputShape[0] > 1));
      assert.ok(cases.some((c) => c.inputShape[2] === 1));
    }
    assert.ok(transposed3dCases.some((c) => (c.outputPadding ?? [0])[0] > 0));
    assert.ok(rejectedCases.filter((r) => r.dims === 3).length >= 12);
  });

  it('convTranspose3d (exact) equals torch.nn.functional.conv_transpose3d within 1e-9, also through convTranspose()', () => {
    for (const c of transposed3dCases) {
      const [x, w] = [tensor(c.inputShape, c.input), tensor(c.weightShape, c.weight)];
      assertExact(c.id, convTranspose3d(x, w, biasOf(c), { ...optionsOf(c), path: 'exact' }), c);
      assertExact(`${c.id} (dispatcher)`, convTranspose(x, w, biasOf(c), optionsOf(c)), c);
    }
  });

  it(`convTranspose3d (fast, float32) is within ${FAST_TOLERANCE} of max|output| of PyTorch's numbers`, () => {
    for (const c of transposed3dCases) {
      for (const dtype of ['float64', 'float32'] as DType[]) {
        const out = convTranspose3d(
          tensor(c.inputShape, c.input, dtype),
          tensor(c.weightShape, c.weight, dtype),
          c.bias ? tensor([c.bias.length], c.bias, dtype) : null,
          { ...optionsOf(c), path: 'fast' },
        );
        assert.deepEqual(out.shape, c.outputShape, c.id);
        assert.equal(out.data instanceof Float32Array, dtype === 'float32', `${c.id}: keeps the dtype`);
        const rel = relativeDiff(out.data, c.output);
        assert.ok(rel <= FAST_TOLERANCE, `${c.id} (${dtype}): ${rel}`);
      }
    }
  });

  it('conv3d equals torch.nn.functional.conv3d within 1e-9, also through conv()', () => {
    for (const c of forward3dCases) {
      const [x, w] = [tensor(c.inputShape, c.input), tensor(c.weightShape, c.weight)];
      const options = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
      assertExact(c.id, conv3d(x, w, biasOf(c), options), c);
      assertExact(`${c.id} (dispatcher)`, conv(x, w, biasOf(c), options), c);
    }
  });

  it('rejects what PyTorch rejects in 3-D, with its reason and words (checked with the 2-D ones too)', () => {
    const rejected3d = rejectedCases.filter((r) => r.dims === 3);
    for (const reason of [
      'output-padding-range',
      'output-size-nonpositive',
      'groups-not-divisible',
      'channel-mismatch',
      'bad-shape',
    ])
      assert.ok(
        rejected3d.some((r) => r.reason === reason),
        reason,
      );
    for (const r of rejected3d) {
      const bias = r.bias ? tensor([r.op === 'conv' ? r.weightShape[0] : r.weightShape[1] * r.groups]) : null;
      const [x, w] = [tensor(r.inputShape), tensor(r.weightShape)];
      const options = { stride: r.stride, padding: r.padding, dilation: r.dilation, groups: r.groups };
      const run = () =>
        r.op === 'conv'
          ? conv3d(x, w, bias, options)
          : convTranspose3d(x, w, bias, { ...options, outputPadding: r.outputPadding });
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof EngineError, `${r.id}: ${String(e)}`);
        assert.equal(e.code, r.reason, r.id);
        assert.equal(e.message, r.message, r.id);
        return true;
      });
    }
  });
});

describe('3-D: the depth decomposition against the definition', () => {
  const axis = fc.record({
    inSize: fc.integer({ min: 1, max: 4 }),
    kernel: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 2 }),
    dilation: fc.integer({ min: 1, max: 3 }),
    opSeed: fc.nat(),
  });
  const layer = fc.record({
    batch: fc.integer({ min: 1, max: 2 }),
    groups: fc.integer({ min: 1, max: 2 }),
    inPerGroup: fc.integer({ min: 1, max: 3 }),
    outPerGroup: fc.integer({ min: 1, max: 3 }),
    axes: fc.array(axis, { minLength: 3, maxLength: 3 }),
    bias: fc.boolean(),
    seed: fc.nat(),
  });

  it('convTranspose3d (exact: float64 to 1e-12; fast: 1e-4) equals the 3-D scatter loop on random layers', () => {
    fc.assert(
      fc.property(layer, ({ batch, groups, inPerGroup, outPerGroup, axes, bias, seed }) => {
        const outputPadding = axes.map((a) => a.opSeed % Math.max(a.stride, a.dilation));
        const sizes = axes.map(
          (a, i) => (a.inSize - 1) * a.stride - 2 * a.padding + a.dilation * (a.kernel - 1) + outputPadding[i] + 1,
        );
        fc.pre(sizes.every((s) => s > 0));
        const cIn = groups * inPerGroup;
        const x = generate([batch, cIn, ...axes.map((a) => a.inSize)], { init: 'random', seed, low: -1, high: 1 });
        const w = generate([cIn, outPerGroup, ...axes.map((a) => a.kernel)], {
          init: 'random',
          seed: seed + 1,
          low: -1,
          high: 1,
        });
        const b = bias ? generate([groups * outPerGroup], { init: 'random', seed: seed + 2, low: -1, high: 1 }) : null;
        const o = {
          stride: axes.map((a) => a.stride),
          padding: axes.map((a) => a.padding),
          outputPadding,
          dilation: axes.map((a) => a.dilation),
          groups,
        };
        const expected = naiveConvTranspose3d(x, w, b, o);
        const exact = convTranspose3d(x, w, b, { ...o, path: 'exact' });
        assert.deepEqual(exact.shape, expected.shape);
        assert.ok(allClose(exact, expected, 1e-12, 1e-14).ok);
        const fast = convTranspose3d(x, w, b, { ...o, path: 'fast' });
        assert.ok(relativeDiff(fast.data, expected.data) <= FAST_TOLERANCE);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it("'auto' is exact below FAST_PATH_MIN_MACS and takes the fast path from it up", () => {
    const small = { x: [1, 2, 3, 3, 3], w: [2, 2, 2, 2, 2] };
    const big = { x: [1, 32, 8, 8, 8], w: [32, 16, 2, 2, 2] }; // a MONAI-style 2× up-convolution
    assert.ok(convTranspose3dMacs(small.x, small.w) < FAST_PATH_MIN_MACS);
    assert.ok(convTranspose3dMacs(big.x, big.w) >= FAST_PATH_MIN_MACS);
    for (const [shapes, expected] of [
      [small, 'exact'],
      [big, 'fast'],
    ] as const) {
      const x = generate(shapes.x, { init: 'random', seed: 5, low: -1, high: 1 });
      const w = generate(shapes.w, { init: 'random', seed: 6, low: -1, high: 1 });
      const auto = convTranspose3d(x, w, null, { stride: 2 });
      const forced = convTranspose3d(x, w, null, { stride: 2, path: expected });
      const other = convTranspose3d(x, w, null, { stride: 2, path: expected === 'exact' ? 'fast' : 'exact' });
      assert.deepEqual(Array.from(auto.data), Array.from(forced.data), `${expected}: bit for bit`);
      assert.notDeepEqual(Array.from(auto.data), Array.from(other.data), 'the two paths round differently');
    }
  });

  it('rejects an unknown path', () => {
    const x = tensor([1, 1, 1, 1, 1], [1]);
    assert.throws(
      () => convTranspose3d(x, x, null, { path: 'gpu' as unknown as 'fast' }),
      (e: unknown) => e instanceof EngineError && e.code === 'invalid-parameter',
    );
  });
});

describe('3-D: verifications', () => {
  const layerOf = (seed: number, options: ConvOptions, xShape: number[], wShape: number[]): TransposedConvLayer => ({
    input: generate(xShape, { init: 'random', seed, low: -1, high: 1 }),
    weight: generate(wShape, { init: 'random', seed: seed + 1, low: -1, high: 1 }),
    bias: generate([wShape[1] * (options.groups ?? 1)], { init: 'random', seed: seed + 2, low: -1, high: 1 }),
    options,
  });
  const layers: Record<string, TransposedConvLayer> = {
    monai: layerOf(1, { stride: 2 }, [1, 4, 2, 3, 3], [4, 2, 2, 2, 2]),
    anisotropic: layerOf(
      2,
      { stride: [1, 2, 3], padding: [0, 1, 1], outputPadding: [0, 1, 2], dilation: [2, 1, 1], groups: 2 },
      [2, 4, 2, 3, 2],
      [4, 1, 3, 3, 2],
    ),
    'output_padding in depth': layerOf(
      3,
      { stride: [3, 1, 1], outputPadding: [2, 0, 0] },
      [1, 2, 2, 2, 2],
      [2, 2, 1, 2, 2],
    ),
  };

  for (const [name, layer] of Object.entries(layers)) {
    it(`${name}: every check runs and passes (W, Wᵀ and the scatter picture matrix-free)`, () => {
      const results = verifyLayer(layer, VERIFICATION_NAMES);
      for (const r of results) {
        assert.equal(r.notRun, undefined, `${r.name}: ${r.summary}`);
        assert.ok(r.passed, `${r.name}: ${r.summary}`);
      }
      const fd = verifyLayer(layer, ['gradient'], { gradientMethod: 'finite-differences' })[0];
      assert.ok(fd.passed && fd.details.method === 'finite-differences', fd.summary);
      const roundTrip = results.find((r) => r.name === 'roundTrip');
      assert.match(roundTrip?.summary ?? '', /output_padding D \d+, H \d+, W \d+ restores it/);
    });
  }

  it('each 3-D check fails when the operation it checks is wrong', () => {
    const layer = layers.anisotropic;
    // convTranspose off by a little in one element: adjoint and gradient see it.
    const wrongTranspose = (input: Tensor, weight: Tensor, bias: Tensor | null, options: ConvOptions) => {
      const out = convTranspose(input, weight, bias, { ...options, path: 'exact' });
      const data = Float64Array.from(out.data);
      data[data.length >> 1] += 1e-3;
      return { shape: out.shape, data };
    };
    for (const method of ['jacobian', 'finite-differences'] as const) {
      const [adjoint, gradient] = verifyLayer(layer, ['adjoint', 'gradient'], {
        ops: { convTranspose: wrongTranspose },
        gradientMethod: method,
      });
      assert.equal(adjoint.passed, false, adjoint.summary);
      // finite differences sample 64 of the inputs; the wrong one is found by the Jacobian for certain.
      if (method === 'jacobian') assert.equal(gradient.passed, false, gradient.summary);
    }
    // conv ignoring depth padding: the gradient's columns and the adjoint differ.
    const wrongConv = (input: Tensor, weight: Tensor, bias: Tensor | null, options: ConvOptions) => {
      const out = conv(input, weight, bias, options);
      const data = Float64Array.from(out.data, (v) => v * 1.001);
      return { shape: out.shape, data };
    };
    const [adjoint, gradient] = verifyLayer(layer, ['adjoint', 'gradient'], { ops: { conv: wrongConv } });
    assert.equal(adjoint.passed, false, adjoint.summary);
    assert.equal(gradient.passed, false, gradient.summary);
    // A roundTrip whose forward shape cannot come back.
    const roundTrip = verifyLayer(layer, ['roundTrip'], { forwardInputShape: [2, 4, 5, 8, 9] })[0];
    assert.equal(roundTrip.passed, false, roundTrip.summary);
  });

  it('the matrix, symbolic and step-by-step views refuse a 3-D layer with an EngineError, not a crash', () => {
    const { input, weight, options } = layers.monai;
    for (const run of [
      () => transposedConvMatrix(input.shape, weight, options),
      () => symbolicTransposedConv(input.shape, weight.shape, options),
      () => broadcastSteps(input, weight, null, options),
    ]) {
      assert.throws(run, (e: unknown) => {
        assert.ok(e instanceof EngineError && e.code === 'bad-shape', String(e));
        assert.match(e.message, /1-D and 2-D layers only/);
        return true;
      });
    }
  });
});

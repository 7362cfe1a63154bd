// Issue #14: the exact path's float64 kernel (src/engine/fast with precision 'float64': f64x2 WebAssembly, and the
// JS kernel where WebAssembly is unavailable) against the scalar loops it replaces on large layers
// (convTransposeScatter, conv2dScalar). Both are float64 sums of the same products in different orders, so they
// agree to float64 rounding: max|kernel − scalar| ≤ 1e-12 · max|scalar|.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { axisArbitrary } from './axisArbitrary';
import {
  conv1d,
  conv2d,
  conv2dScalar,
  conv3d,
  convOutputShape,
  convTranspose,
  convTranspose3d,
  convTransposeOutputShape,
  convTransposeScatter,
  generate,
  normalizeParams,
  transposedOutputSize,
  type ConvOptions,
  type ConvParams,
  type DType,
  type Tensor,
} from '../../../src/engine';
import {
  convTransposeFast,
  dimsOf,
  EXACT_KERNEL_MIN_MACS,
  fastKernelAvailable,
  macsOf,
  type ConvDims,
  type FastKernel,
} from '../../../src/engine/fast';
import { convFast, forwardMacsOf } from '../../../src/engine/fast/conv';
import { forwardDims } from '../../../src/engine/conv';
import { KernelInstance } from '../../../src/engine/fast/wasm/instance';
import { kernelF64ModuleBytes } from '../../../src/engine/fast/wasm/kernelF64';

const TOLERANCE = 1e-12;
const KERNELS: readonly FastKernel[] = ['wasm', 'js'];

interface Layer {
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly options: ConvOptions;
}

function random(shape: readonly number[], seed: number, dtype: DType = 'float64'): Tensor {
  return generate(shape, { init: 'random', low: -1, high: 1, seed }, dtype);
}

/** max|a − b| / max|b| (max|a − b| when b is all zeros); NaN where the other is not NaN counts as a mismatch. */
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

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

// ---- transposed convolution

function transposedDims(l: Layer): { dims: ConvDims; shape: number[] } {
  const rank = l.input.shape.length === 3 ? 1 : 2;
  const params = normalizeParams(rank, l.options);
  const shape = convTransposeOutputShape(l.input.shape, l.weight.shape, l.bias ? l.bias.data.length : null, params);
  return { dims: dimsOf(l.input.shape, l.weight.shape, shape, params), shape };
}

/** The scalar scatter, in the input's dtype. */
function scatter(l: Layer): Float32Array | Float64Array {
  const { dims, shape } = transposedDims(l);
  const length = shape.reduce((p, q) => p * q, 1);
  const out = l.input.data instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
  convTransposeScatter(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, out);
  return out;
}

const countNaN = (xs: ArrayLike<number>) => Array.from(xs).filter(Number.isNaN).length;

function kernel(l: Layer, which: FastKernel, channels?: readonly [number, number], into?: Float64Array): Float64Array {
  const { dims, shape } = transposedDims(l);
  const out = into ?? new Float64Array(shape.reduce((p, q) => p * q, 1));
  convTransposeFast(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, out, {
    precision: 'float64',
    kernel: which,
    ...(channels ? { channels } : {}),
  });
  return out;
}

function assertTransposedAgrees(l: Layer, label: string): void {
  const reference = scatter(l);
  for (const which of KERNELS) {
    const rel = relativeDiff(kernel(l, which), reference);
    assert.ok(rel <= TOLERANCE, `${label} (${which}): max rel diff ${rel.toExponential(2)} > ${TOLERANCE}`);
  }
}

const axis = axisArbitrary({ inSize: 13, kernel: 5, stride: 4, padding: 4, dilation: 3, outputPadding: 3 }).filter(
  (a) => transposedOutputSize(a) > 0,
);

const transposedLayer: fc.Arbitrary<Layer> = fc
  .record({
    rank: fc.constantFrom<1 | 2>(1, 2, 2),
    batch: fc.integer({ min: 1, max: 3 }),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: 7 }),
    outPerGroup: fc.integer({ min: 1, max: 9 }),
    axes: fc.array(axis, { minLength: 2, maxLength: 2 }),
    bias: fc.boolean(),
    seed: fc.nat(),
  })
  .map(({ rank, batch, groups, inPerGroup, outPerGroup, axes, bias, seed }) => {
    const used = axes.slice(2 - rank);
    const cIn = groups * inPerGroup;
    return {
      input: random([batch, cIn, ...used.map((a) => a.inSize)], seed),
      weight: random([cIn, outPerGroup, ...used.map((a) => a.kernel)], seed + 1),
      bias: bias ? random([groups * outPerGroup], seed + 2) : null,
      options: {
        stride: used.map((a) => a.stride),
        padding: used.map((a) => a.padding),
        outputPadding: used.map((a) => a.outputPadding),
        dilation: used.map((a) => a.dilation),
        groups,
      },
    };
  });

const describeLayer = (l: Layer) =>
  JSON.stringify({ input: l.input.shape, weight: l.weight.shape, bias: l.bias !== null, ...l.options });

describe('the float64 kernel (exact path) agrees with the scalar scatter to float64 rounding', () => {
  it('the f64x2 WebAssembly module validates, is small enough to compile on a main thread, and is used in Node', () => {
    const bytes = kernelF64ModuleBytes();
    const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    assert.ok(wasm.validate(bytes), 'module validates');
    assert.ok(bytes.length < 4096, `module is ${bytes.length} bytes`);
    assert.ok(fastKernelAvailable('wasm', 'float64'));
  });

  it('on random layers: 1-D and 2-D, batch > 1, groups, dilation, asymmetric stride and padding, output_padding, bias, odd sizes', () => {
    fc.assert(
      fc.property(transposedLayer, (l) => assertTransposedAgrees(l, describeLayer(l))),
      { numRuns: 300 },
    );
  });

  it('on layers large enough for every blocking edge: K in several 256-row chunks, partial channel blocks and column tiles', () => {
    const layers: [string, number[], number[], ConvOptions][] = [
      ['dcgan-like, C_out/groups = 13', [2, 96, 9, 11], [96, 13, 4, 4], { stride: 2, padding: 1 }],
      [
        'groups 3, asymmetric',
        [1, 96, 7, 10],
        [96, 6, 3, 5],
        { stride: [2, 3], padding: [1, 2], dilation: [1, 2], outputPadding: [1, 0], groups: 3 },
      ],
      ['stride 1, wide kernel (flattened tiles)', [1, 40, 5, 5], [40, 7, 7, 7], { padding: 3 }],
      ['stride > kernel (phases without taps)', [1, 8, 6, 6], [8, 5, 2, 2], { stride: 3, outputPadding: 2 }],
      ['1-D, long', [3, 70, 37], [70, 9, 5], { stride: 2, padding: 2, outputPadding: 1 }],
      ['one output channel, odd width', [2, 300, 3, 7], [300, 1, 3, 3], { stride: 1, padding: 1 }],
    ];
    layers.forEach(([label, xs, ws, options], i) => {
      const layer: Layer = {
        input: random(xs, 10 * i),
        weight: random(ws, 10 * i + 1),
        bias: random([ws[1] * (options.groups ?? 1)], 10 * i + 2),
        options,
      };
      assertTransposedAgrees(layer, label);
      assertTransposedAgrees({ ...layer, bias: null }, `${label}, no bias`);
    });
  });

  it('computes channel ranges: disjoint parts tile the output bit for bit and leave other channels alone', () => {
    fc.assert(
      fc.property(transposedLayer, fc.nat(), fc.nat(), (l, a, b) => {
        const { dims } = transposedDims(l);
        const per = dims.cOutPerGroup;
        const [c1, c2] = [a % (per + 1), b % (per + 1)].sort((p, q) => p - q);
        for (const which of KERNELS) {
          const whole = kernel(l, which);
          const parts = kernel(l, which, [c1, c2], new Float64Array(whole.length).fill(Number.NaN));
          const plane = whole.length / (dims.batch * dims.cOut);
          for (let i = 0; i < whole.length; i++) {
            const c = Math.floor(i / plane) % per;
            assert.ok(c >= c1 && c < c2 ? Object.is(parts[i], whole[i]) : Number.isNaN(parts[i]), `${which}: ${i}`);
          }
          kernel(l, which, [0, c1], parts);
          kernel(l, which, [c2, per], parts);
          assert.ok(sameBits(parts, whole), `${which}: the three parts make the whole`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the JS kernel is what runs where WebAssembly is missing or refuses to compile', () => {
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    try {
      global.WebAssembly = undefined;
      assert.equal(new KernelInstance(kernelF64ModuleBytes).get(), null, 'no WebAssembly');
      global.WebAssembly = {
        Module: function refused() {
          throw new Error("Refused to compile: 'wasm-unsafe-eval' is not allowed");
        },
      };
      assert.equal(new KernelInstance(kernelF64ModuleBytes).get(), null, 'compiling refused (CSP)');
    } finally {
      global.WebAssembly = saved;
    }
    assert.notEqual(new KernelInstance(kernelF64ModuleBytes).get(), null, 'WebAssembly restored');
  });
});

describe("convTranspose with path 'exact' routes large float64 layers to the float64 kernel", () => {
  const large: Layer = {
    input: random([4, 24, 7, 9], 1),
    weight: random([24, 10, 4, 3], 2),
    bias: random([10], 3),
    options: { stride: [2, 3], padding: 1, outputPadding: [1, 0] },
  };

  it(`from ${EXACT_KERNEL_MIN_MACS} multiply-adds: the kernel's numbers, within float64 rounding of the scatter`, () => {
    assert.ok(macsOf(transposedDims(large).dims) >= EXACT_KERNEL_MIN_MACS);
    const routed = convTranspose(large.input, large.weight, large.bias, { ...large.options, path: 'exact' });
    assert.ok(routed.data instanceof Float64Array);
    assert.ok(sameBits(routed.data, kernel(large, 'wasm')), 'the WebAssembly kernel ran');
    assert.ok(!sameBits(routed.data, scatter(large)), 'a different summation order shows somewhere');
    assert.ok(relativeDiff(routed.data, scatter(large)) <= TOLERANCE);
  });

  it('below the threshold, on float32 tensors and with a non-finite weight: the scatter, bit for bit', () => {
    const small: Layer = {
      input: random([1, 4, 4, 4], 4),
      weight: random([4, 3, 3, 3], 5),
      bias: random([3], 6),
      options: { stride: 2 },
    };
    assert.ok(macsOf(transposedDims(small).dims) < EXACT_KERNEL_MIN_MACS);
    const infinite = large.weight.data.slice();
    infinite[1] = Infinity; // (ci 0, co 0, kh 0, kw 1): on the last output rows its input row is past x, in the padding
    const withInfinity: Layer = { ...large, weight: { shape: large.weight.shape, data: infinite } };
    const f32: Layer = {
      input: random([2, 24, 7, 9], 1, 'float32'),
      weight: random([24, 10, 4, 3], 2, 'float32'),
      bias: null,
      options: large.options,
    };
    for (const [label, l] of [
      ['below the threshold', small],
      ['float32', f32],
      ['an infinite weight', withInfinity],
    ] as const) {
      const routed = convTranspose(l.input, l.weight, l.bias, { ...l.options, path: 'exact' });
      const reference = scatter(l);
      assert.deepEqual(routed.shape, transposedDims(l).shape);
      assert.equal(routed.data.constructor, reference.constructor, label);
      assert.ok(sameBits(routed.data, reference), label);
    }
    // The kernel would have multiplied the infinite weight by the zero padding: NaN where the scatter has no term.
    assert.ok(countNaN(kernel(withInfinity, 'wasm')) > countNaN(scatter(withInfinity)));
  });

  it('convTranspose3d on the exact path (2-D slices through the kernel) matches a direct 3-D scatter', () => {
    const x = random([2, 4, 5, 6, 7], 7);
    const w = random([4, 3, 3, 2, 3], 8);
    const b = random([6], 9);
    const options: ConvOptions = {
      stride: [2, 1, 2],
      padding: [1, 0, 1],
      dilation: [1, 2, 1],
      outputPadding: [1, 0, 1],
      groups: 2,
    };
    const out = convTranspose3d(x, w, b, { ...options, path: 'exact' });
    const params = normalizeParams(3, options);
    assert.deepEqual(out.shape, convTransposeOutputShape(x.shape, w.shape, 6, params));
    assert.ok(relativeDiff(out.data, scatter3d(x, w, b, params, out.shape)) <= TOLERANCE);
  });
});

// ---- forward convolution

const forwardAxis = fc.record({
  inSize: fc.integer({ min: 1, max: 14 }),
  kernel: fc.integer({ min: 1, max: 5 }),
  stride: fc.integer({ min: 1, max: 3 }),
  padding: fc.integer({ min: 0, max: 3 }),
  dilation: fc.integer({ min: 1, max: 3 }),
});

const forwardLayer = fc
  .record({
    batch: fc.integer({ min: 1, max: 3 }),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: 6 }),
    outPerGroup: fc.integer({ min: 1, max: 9 }),
    axes: fc.array(forwardAxis, { minLength: 2, maxLength: 2 }),
    bias: fc.boolean(),
    seed: fc.nat(),
  })
  .filter(({ axes }) => axes.every((a) => a.inSize + 2 * a.padding - a.dilation * (a.kernel - 1) >= 1))
  .map(({ batch, groups, inPerGroup, outPerGroup, axes, bias, seed }) => ({
    input: random([batch, groups * inPerGroup, axes[0].inSize, axes[1].inSize], seed),
    weight: random([groups * outPerGroup, inPerGroup, axes[0].kernel, axes[1].kernel], seed + 1),
    bias: bias ? random([groups * outPerGroup], seed + 2) : null,
    params: normalizeParams(2, {
      stride: axes.map((a) => a.stride),
      padding: axes.map((a) => a.padding),
      dilation: axes.map((a) => a.dilation),
      groups,
      outputPadding: 0,
    }),
  }));

describe('the forward conv on the float64 kernel (im2col + the same GEMM) agrees with the scalar loop', () => {
  it('on random layers: batch > 1, groups, stride, padding, dilation, bias, odd sizes; both kernels', () => {
    fc.assert(
      fc.property(forwardLayer, ({ input, weight, bias, params }) => {
        const shape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
        const reference = new Float64Array(shape.reduce((p, q) => p * q, 1));
        conv2dScalar(input, weight, bias, params, shape, reference);
        for (const which of KERNELS) {
          const out = new Float64Array(reference.length);
          convFast(input.data, weight.data, bias ? bias.data : null, forwardDims(input, weight, params, shape), out, {
            precision: 'float64',
            kernel: which,
          });
          const rel = relativeDiff(out, reference);
          assert.ok(
            rel <= TOLERANCE,
            `${which} ${JSON.stringify({ x: input.shape, w: weight.shape, params })}: ${rel}`,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it(`conv2d, conv1d and conv3d with path 'exact' from ${EXACT_KERNEL_MIN_MACS} multiply-adds up`, () => {
    const x = random([12, 12, 11, 13], 11);
    const w = random([18, 4, 3, 3], 12);
    const b = random([18], 13);
    const options = { stride: [1, 2], padding: [1, 2], dilation: [2, 1], groups: 3 };
    const params = normalizeParams(2, { ...options, outputPadding: 0 });
    const shape = convOutputShape(x.shape, w.shape, 18, params);
    assert.ok(forwardMacsOf(forwardDims(x, w, params, shape)) >= EXACT_KERNEL_MIN_MACS);
    const reference = new Float64Array(shape.reduce((p, q) => p * q, 1));
    conv2dScalar(x, w, b, params, shape, reference);
    const routed = conv2d(x, w, b, { ...options, path: 'exact' });
    assert.ok(relativeDiff(routed.data, reference) <= TOLERANCE, 'conv2d');

    const x1 = random([24, 16, 60], 14);
    const w1 = random([24, 8, 5], 15);
    const y1 = conv1d(x1, w1, null, { stride: 2, padding: 2, groups: 2, path: 'exact' });
    const x1as2 = { shape: [24, 16, 1, 60], data: x1.data };
    const w1as2 = { shape: [24, 8, 1, 5], data: w1.data };
    const p1 = normalizeParams(2, { stride: [1, 2], padding: [0, 2], groups: 2, outputPadding: 0 });
    const ref1 = new Float64Array(y1.data.length);
    conv2dScalar(x1as2, w1as2, null, p1, convOutputShape(x1as2.shape, w1as2.shape, null, p1), ref1);
    assert.ok(relativeDiff(y1.data, ref1) <= TOLERANCE, 'conv1d');

    // 3-D goes through 2-D calls (one kernel depth each, N × 3 or 4 output depths).
    const x3 = random([16, 4, 6, 9, 8], 16);
    const w3 = random([6, 2, 2, 3, 2], 17);
    const b3 = random([6], 18);
    const options3: ConvOptions = { stride: [2, 1, 1], padding: [1, 1, 0], dilation: [1, 1, 2], groups: 2 };
    const out3 = conv3d(x3, w3, b3, { ...options3, path: 'exact' });
    const params3 = normalizeParams(3, { ...options3, outputPadding: 0 });
    assert.ok(relativeDiff(out3.data, forward3d(x3, w3, b3, params3, out3.shape)) <= TOLERANCE, 'conv3d');
  });
});

// ---- direct 3-D references (textbook loops)

function scatter3d(x: Tensor, w: Tensor, b: Tensor, p: ConvParams, outShape: readonly number[]): Float64Array {
  const [batch, cIn, ...inSize] = x.shape;
  const [, cOutPerGroup, ...k] = w.shape;
  const [, cOut, ...outSize] = outShape;
  const cInPerGroup = cIn / p.groups;
  const out = new Float64Array(outShape.reduce((q, r) => q * r, 1));
  const outVolume = outSize[0] * outSize[1] * outSize[2];
  for (let n = 0; n < batch; n++)
    for (let co = 0; co < cOut; co++)
      out.fill(b.data[co], (n * cOut + co) * outVolume, (n * cOut + co + 1) * outVolume);
  for (let n = 0; n < batch; n++)
    for (let ci = 0; ci < cIn; ci++)
      for (let i0 = 0; i0 < inSize[0]; i0++)
        for (let i1 = 0; i1 < inSize[1]; i1++)
          for (let i2 = 0; i2 < inSize[2]; i2++) {
            const xv = x.data[(((n * cIn + ci) * inSize[0] + i0) * inSize[1] + i1) * inSize[2] + i2];
            const g = Math.floor(ci / cInPerGroup);
            for (let c = 0; c < cOutPerGroup; c++)
              for (let k0 = 0; k0 < k[0]; k0++)
                for (let k1 = 0; k1 < k[1]; k1++)
                  for (let k2 = 0; k2 < k[2]; k2++) {
                    const o = [i0, i1, i2].map(
                      (i, a) => i * p.stride[a] - p.padding[a] + [k0, k1, k2][a] * p.dilation[a],
                    );
                    if (o.some((v, a) => v < 0 || v >= outSize[a])) continue;
                    const co = g * cOutPerGroup + c;
                    const wv = w.data[(((ci * cOutPerGroup + c) * k[0] + k0) * k[1] + k1) * k[2] + k2];
                    out[(((n * cOut + co) * outSize[0] + o[0]) * outSize[1] + o[1]) * outSize[2] + o[2]] += xv * wv;
                  }
          }
  return out;
}

function forward3d(x: Tensor, w: Tensor, b: Tensor, p: ConvParams, outShape: readonly number[]): Float64Array {
  const [, cIn, ...inSize] = x.shape;
  const [, cInPerGroup, ...k] = w.shape;
  const [batch, cOut, ...outSize] = outShape;
  const cOutPerGroup = cOut / p.groups;
  const out = new Float64Array(outShape.reduce((q, r) => q * r, 1));
  let at = 0;
  for (let n = 0; n < batch; n++)
    for (let co = 0; co < cOut; co++)
      for (let o0 = 0; o0 < outSize[0]; o0++)
        for (let o1 = 0; o1 < outSize[1]; o1++)
          for (let o2 = 0; o2 < outSize[2]; o2++) {
            let sum = b.data[co];
            const g = Math.floor(co / cOutPerGroup);
            for (let c = 0; c < cInPerGroup; c++)
              for (let k0 = 0; k0 < k[0]; k0++)
                for (let k1 = 0; k1 < k[1]; k1++)
                  for (let k2 = 0; k2 < k[2]; k2++) {
                    const i = [o0, o1, o2].map(
                      (o, a) => o * p.stride[a] - p.padding[a] + [k0, k1, k2][a] * p.dilation[a],
                    );
                    if (i.some((v, a) => v < 0 || v >= inSize[a])) continue;
                    const ci = g * cInPerGroup + c;
                    sum +=
                      x.data[(((n * cIn + ci) * inSize[0] + i[0]) * inSize[1] + i[1]) * inSize[2] + i[2]] *
                      w.data[(((co * cInPerGroup + c) * k[0] + k0) * k[1] + k1) * k[2] + k2];
                  }
            out[at++] = sum;
          }
  return out;
}

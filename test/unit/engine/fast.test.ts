import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { axisArbitrary } from './axisArbitrary';
import { transposedCases } from '../../fixtures/torchCases';
import {
  convTranspose,
  convTranspose2d,
  convTransposeOutputShape,
  EngineError,
  FAST_PATH_MIN_MACS,
  generate,
  normalizeParams,
  tensor,
  transposedOutputSize,
  type ConvOptions,
  type DType,
  type Tensor,
} from '../../../src/engine';
import {
  convTransposeFast,
  dimsOf,
  fastKernelAvailable,
  macsOf,
  quickDims,
  type FastKernel,
} from '../../../src/engine/fast';
import { kernelModuleBytes } from '../../../src/engine/fast/wasm/kernel';

// The fast path (src/engine/fast) against the exact scatter: float32 arithmetic, so agreement is measured
// relative to the output's scale, max|out − exact| ≤ 1e-4 · max|exact| (like the benchmark's check).
const TOLERANCE = 1e-4;
const KERNELS: readonly FastKernel[] = ['wasm', 'js'];

interface Layer {
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly options: ConvOptions;
}

function exact(l: Layer): Tensor {
  return convTranspose(l.input, l.weight, l.bias, { ...l.options, path: 'exact' });
}

/** The fast path with the given kernel, through the same dims the dispatcher computes. */
function fast(l: Layer, kernel: FastKernel): Tensor {
  const rank = l.input.shape.length === 3 ? 1 : 2;
  const params = normalizeParams(rank, l.options);
  const shape = convTransposeOutputShape(l.input.shape, l.weight.shape, l.bias ? l.bias.data.length : null, params);
  const out: Tensor = tensor(shape, undefined, l.input.data instanceof Float32Array ? 'float32' : 'float64');
  convTransposeFast(
    l.input.data,
    l.weight.data,
    l.bias ? l.bias.data : null,
    dimsOf(l.input.shape, l.weight.shape, shape, params),
    out.data,
    { kernel },
  );
  return out;
}

/** max|a − b| / max|b| (max|a − b| when b is all zeros); NaN anywhere counts as a mismatch. */
function relativeDiff(a: Tensor, b: Tensor): number {
  assert.deepEqual(a.shape, b.shape);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    scale = Math.max(scale, Math.abs(b.data[i]));
  }
  return scale > 0 ? diff / scale : diff;
}

function assertClose(l: Layer, label: string): void {
  const reference = exact(l);
  for (const kernel of KERNELS) {
    const out = fast(l, kernel);
    assert.equal(out.data.constructor, reference.data.constructor, `${label} (${kernel}): dtype`);
    const rel = relativeDiff(out, reference);
    assert.ok(rel <= TOLERANCE, `${label} (${kernel}): max rel diff ${rel.toExponential(2)} > ${TOLERANCE}`);
  }
}

function random(shape: readonly number[], seed: number, dtype: DType = 'float64'): Tensor {
  return generate(shape, { init: 'random', low: -1, high: 1, seed }, dtype);
}

describe('fast path (src/engine/fast) agrees with the exact scatter', () => {
  it('the WebAssembly SIMD kernel validates and is used in Node', () => {
    const bytes = kernelModuleBytes();
    const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    assert.ok(wasm.validate(bytes), 'module validates');
    assert.ok(
      bytes.length < 4096,
      `module is ${bytes.length} bytes: browsers compile ≤ 4 kB synchronously on a main thread`,
    );
    assert.ok(fastKernelAvailable('wasm'));
  });

  it('on every PyTorch conformance case (test/fixtures/torch-conformance.json), both kernels', () => {
    const cases = transposedCases;
    for (const c of cases) {
      const l: Layer = {
        input: tensor(c.inputShape, c.input),
        weight: tensor(c.weightShape, c.weight),
        bias: c.bias ? tensor([c.bias.length], c.bias) : null,
        options: {
          stride: c.stride,
          padding: c.padding,
          outputPadding: c.outputPadding,
          dilation: c.dilation,
          groups: c.groups,
        },
      };
      assertClose(l, c.id);
      // and against PyTorch's own numbers
      const viaPath = convTranspose(l.input, l.weight, l.bias, { ...l.options, path: 'fast' });
      assert.ok(relativeDiff(viaPath, tensor(c.outputShape, c.output)) <= TOLERANCE, `${c.id}: vs PyTorch`);
    }
  });

  const axis = axisArbitrary({ inSize: 12, kernel: 5, stride: 4, padding: 4, dilation: 3, outputPadding: 3 }).filter(
    (a) => transposedOutputSize(a) > 0,
  );

  const layer: fc.Arbitrary<Layer> = fc
    .record({
      rank: fc.constantFrom<1 | 2>(1, 2, 2),
      batch: fc.integer({ min: 1, max: 3 }),
      groups: fc.integer({ min: 1, max: 3 }),
      inPerGroup: fc.integer({ min: 1, max: 6 }),
      outPerGroup: fc.integer({ min: 1, max: 9 }),
      axes: fc.array(axis, { minLength: 2, maxLength: 2 }),
      bias: fc.boolean(),
      dtype: fc.constantFrom<DType>('float64', 'float32'),
      seed: fc.nat(),
    })
    .map(({ rank, batch, groups, inPerGroup, outPerGroup, axes, bias, dtype, seed }) => {
      const used = axes.slice(2 - rank);
      const cIn = groups * inPerGroup;
      return {
        input: random([batch, cIn, ...used.map((a) => a.inSize)], seed, dtype),
        weight: random([cIn, outPerGroup, ...used.map((a) => a.kernel)], seed + 1, dtype),
        bias: bias ? random([groups * outPerGroup], seed + 2, dtype) : null,
        options: {
          stride: used.map((a) => a.stride),
          padding: used.map((a) => a.padding),
          outputPadding: used.map((a) => a.outputPadding),
          dilation: used.map((a) => a.dilation),
          groups,
        },
      };
    });

  it('on random layers: 1-D and 2-D, groups, dilation, asymmetric stride and padding, output_padding, bias, both dtypes', () => {
    fc.assert(
      fc.property(layer, (l) =>
        assertClose(
          l,
          JSON.stringify({ input: l.input.shape, weight: l.weight.shape, bias: l.bias !== null, ...l.options }),
        ),
      ),
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
    ];
    layers.forEach(([label, xs, ws, options], i) => {
      const withBias: Layer = {
        input: random(xs, 10 * i),
        weight: random(ws, 10 * i + 1),
        bias: random([ws[1] * (options.groups ?? 1)], 10 * i + 2),
        options,
      };
      assertClose(withBias, label);
      assertClose(
        { ...withBias, bias: null, input: random(xs, 10 * i, 'float32'), weight: random(ws, 10 * i + 1, 'float32') },
        `${label}, float32`,
      );
    });
  });

  it('computes channel ranges: disjoint parts tile the output bit for bit and leave other channels alone', () => {
    fc.assert(
      fc.property(layer, fc.nat(), fc.nat(), (l, a, b) => {
        const rank = l.input.shape.length === 3 ? 1 : 2;
        const params = normalizeParams(rank, l.options);
        const shape = convTransposeOutputShape(
          l.input.shape,
          l.weight.shape,
          l.bias ? l.bias.data.length : null,
          params,
        );
        const dims = dimsOf(l.input.shape, l.weight.shape, shape, params);
        const per = dims.cOutPerGroup;
        const [c1, c2] = [a % (per + 1), b % (per + 1)].sort((p, q) => p - q);
        for (const kernel of KERNELS) {
          const whole = new Float64Array(shape.reduce((p, q) => p * q));
          convTransposeFast(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, whole, { kernel });
          const parts = new Float64Array(whole.length).fill(Number.NaN);
          convTransposeFast(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, parts, {
            kernel,
            channels: [c1, c2],
          });
          const plane = whole.length / (dims.batch * dims.cOut);
          for (let i = 0; i < whole.length; i++) {
            const c = Math.floor(i / plane) % per;
            assert.ok(
              c >= c1 && c < c2 ? Object.is(parts[i], whole[i]) : Number.isNaN(parts[i]),
              `${kernel}: element ${i} (channel ${c} of [${c1}, ${c2}))`,
            );
          }
          convTransposeFast(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, parts, {
            kernel,
            channels: [0, c1],
          });
          convTransposeFast(l.input.data, l.weight.data, l.bias ? l.bias.data : null, dims, parts, {
            kernel,
            channels: [c2, per],
          });
          assert.ok(
            parts.every((v, i) => Object.is(v, whole[i])),
            `${kernel}: the three parts make the whole`,
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the input dtype and leaves nothing stale between calls of different sizes', () => {
    const big: Layer = {
      input: random([1, 16, 8, 8], 1, 'float32'),
      weight: random([16, 8, 4, 4], 2, 'float32'),
      bias: null,
      options: { stride: 2, padding: 1 },
    };
    const small: Layer = {
      input: random([1, 2, 3, 3], 3),
      weight: random([2, 3, 2, 2], 4),
      bias: random([3], 5),
      options: { stride: 2 },
    };
    for (const l of [big, small, big, small]) {
      const out = convTranspose(l.input, l.weight, l.bias, { ...l.options, path: 'fast' });
      assert.equal(out.data.constructor, l.input.data.constructor);
      assert.ok(relativeDiff(out, exact(l)) <= TOLERANCE);
    }
  });
});

describe("path: 'auto' | 'exact' | 'fast'", () => {
  const bitwise = (a: Tensor, b: Tensor) =>
    a.data.length === b.data.length && a.data.every((v, i) => Object.is(v, b.data[i]));

  it(`'auto' (the default) stays exact below ${FAST_PATH_MIN_MACS} multiply-adds: the d2l examples are the float64 numbers`, () => {
    const d2l: Layer = {
      input: random([1, 20, 6, 6], 1),
      weight: random([20, 10, 5, 5], 2),
      bias: null,
      options: { stride: 3, padding: 2 },
    };
    const below: Layer = {
      input: random([1, 64, 16, 16], 3),
      weight: random([64, 15, 2, 2], 4),
      bias: random([15], 5),
      options: {},
    };
    for (const l of [d2l, below]) {
      const dims = quickDims(l.input.shape, l.weight.shape, l.bias ? l.bias.data.length : null, l.options, 2);
      assert.ok(dims && macsOf(dims) < FAST_PATH_MIN_MACS);
      assert.ok(bitwise(convTranspose2d(l.input, l.weight, l.bias, l.options), exact(l)));
      assert.ok(bitwise(convTranspose2d(l.input, l.weight, l.bias, { ...l.options, path: 'auto' }), exact(l)));
    }
  });

  it("'auto' takes the fast path from the threshold up; 'exact' and 'fast' force either", () => {
    const at: Layer = { input: random([1, 64, 16, 16], 3), weight: random([64, 16, 2, 2], 4), bias: null, options: {} };
    const dims = quickDims(at.input.shape, at.weight.shape, null, at.options, 2);
    assert.equal(dims && macsOf(dims), FAST_PATH_MIN_MACS);
    const auto = convTranspose2d(at.input, at.weight, null);
    const forcedFast = convTranspose2d(at.input, at.weight, null, { path: 'fast' });
    const forcedExact = convTranspose2d(at.input, at.weight, null, { path: 'exact' });
    assert.ok(bitwise(auto, forcedFast));
    assert.ok(!bitwise(auto, forcedExact), 'float32 arithmetic differs from float64 somewhere');
    assert.ok(relativeDiff(auto, forcedExact) <= TOLERANCE);
    assert.ok(bitwise(forcedExact, exact(at)));
  });

  it('rejects an unknown path', () => {
    const x = random([1, 1, 2, 2], 1);
    assert.throws(
      () => convTranspose2d(x, x, null, { path: 'quick' as unknown as 'fast' }),
      (e: unknown) => e instanceof EngineError && e.code === 'invalid-parameter' && /path must be/.test(e.message),
    );
  });

  it('the allocation-free validation accepts only valid calls, with the shapes the full checks compute', () => {
    // Mostly valid calls, each part occasionally wrong (a bad value, a tuple of the wrong length, a mismatched channel).
    const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: odd });
    const call = fc.constantFrom<1 | 2>(1, 2).chain((rank) => {
      const value = (min: number) => sometimes(fc.integer({ min, max: 3 }), fc.constantFrom(min - 1, 1.5, Number.NaN));
      const tuple = (min: number) =>
        fc.option(
          sometimes(
            fc.oneof(value(min), fc.array(value(min), { minLength: rank, maxLength: rank })),
            fc.array(value(min), { maxLength: 3 }),
          ),
          { nil: undefined },
        );
      const spatial = sometimes(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: rank, maxLength: rank }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
      );
      return fc.record({
        rank: fc.constant(rank),
        groups: sometimes(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1.5)),
        inPerGroup: fc.integer({ min: 1, max: 3 }),
        channelSkew: sometimes(fc.constant(0), fc.constantFrom(-1, 1)),
        outPerGroup: fc.integer({ min: 0, max: 3 }),
        batch: fc.integer({ min: 0, max: 2 }),
        xSpatial: spatial,
        kSpatial: spatial,
        bias: fc.option(sometimes(fc.constant(0), fc.constantFrom(-1, 1)), { nil: null }),
        options: fc.record({ stride: tuple(1), padding: tuple(0), outputPadding: tuple(0), dilation: tuple(1) }),
      });
    });
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(call, (c) => {
        const groups = Number.isInteger(c.groups) && c.groups >= 1 ? c.groups : 1;
        const cIn = groups * c.inPerGroup;
        const inShape = [c.batch, cIn, ...c.xSpatial];
        const wShape = [cIn + c.channelSkew, c.outPerGroup, ...c.kSpatial];
        const biasLength = c.bias === null ? null : Math.max(0, c.outPerGroup * groups + c.bias);
        const options: ConvOptions = { ...c.options, groups: c.groups };
        const quick = quickDims(inShape, wShape, biasLength, options, c.rank);
        if (quick === null) {
          refused++;
          return;
        }
        accepted++;
        const params = normalizeParams(c.rank, options); // must not throw
        const outShape = convTransposeOutputShape(inShape, wShape, biasLength, params); // must not throw
        assert.deepEqual(quick, dimsOf(inShape, wShape, outShape, params));
      }),
      { numRuns: 3000 },
    );
    assert.ok(accepted > 300 && refused > 300, `both branches exercised: ${accepted} accepted, ${refused} refused`);
  });
});

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { axisArbitrary } from './axisArbitrary';
import {
  conv,
  conv1d,
  conv2d,
  convMatrix,
  convOutputSize,
  convTranspose,
  convTranspose1d,
  convTranspose2d,
  generate,
  matTVec,
  matVec,
  reshape,
  transposedConvMatrix,
  transposedOutputSize,
  type ConvOptions,
  type Tensor,
} from '../../../src/engine';

interface Axis {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly outputPadding: number;
}

interface Layer {
  readonly rank: 1 | 2;
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly options: ConvOptions;
  readonly axes: readonly Axis[];
}

const axisArb = axisArbitrary({ inSize: 5, kernel: 4, stride: 3, padding: 3, dilation: 3, outputPadding: 2 });

const forwardAxisArb = axisArb
  .map((a) => ({ ...a, inSize: a.inSize + 3, outputPadding: 0 }))
  .filter((a) => a.inSize + 2 * a.padding >= a.dilation * (a.kernel - 1) + 1);

function layerArb(axis: fc.Arbitrary<Axis>, transposed: boolean): fc.Arbitrary<Layer> {
  return fc
    .record({
      rank: fc.constantFrom<1 | 2>(1, 2),
      batch: fc.integer({ min: 1, max: 2 }),
      groups: fc.integer({ min: 1, max: 3 }),
      inPerGroup: fc.integer({ min: 1, max: 2 }),
      outPerGroup: fc.integer({ min: 1, max: 2 }),
      axes: fc.array(axis, { minLength: 2, maxLength: 2 }),
      seed: fc.nat(),
    })
    .map(({ rank, batch, groups, inPerGroup, outPerGroup, axes, seed }) => {
      const used = axes.slice(0, rank);
      const cIn = groups * inPerGroup;
      const weightShape = transposed
        ? [cIn, outPerGroup, ...used.map((a) => a.kernel)]
        : [groups * outPerGroup, inPerGroup, ...used.map((a) => a.kernel)];
      const options: ConvOptions = {
        stride: used.map((a) => a.stride),
        padding: used.map((a) => a.padding),
        dilation: used.map((a) => a.dilation),
        groups,
        ...(transposed ? { outputPadding: used.map((a) => a.outputPadding) } : {}),
      };
      return {
        rank,
        input: random([batch, cIn, ...used.map((a) => a.inSize)], seed),
        weight: random(weightShape, seed + 1),
        options,
        axes: used,
      };
    });
}

const transposedArb = layerArb(axisArb, true).filter((l) => l.axes.every((a) => transposedOutputSize(a) > 0));
const forwardArb = layerArb(forwardAxisArb, false);

function random(shape: number[], seed: number): Tensor {
  return generate(shape, { init: 'random', low: -1, high: 1, seed });
}

function forwardOptions(o: ConvOptions): Omit<ConvOptions, 'outputPadding'> {
  return { stride: o.stride, padding: o.padding, dilation: o.dilation, groups: o.groups };
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= tol)) return false;
  return true;
}

function perSample(x: Tensor, f: (v: Float64Array) => Float64Array): number[] {
  const size = x.data.length / x.shape[0];
  const out: number[] = [];
  for (let n = 0; n < x.shape[0]; n++) out.push(...f(Float64Array.from(x.data.subarray(n * size, (n + 1) * size))));
  return out;
}

/** The first `spatial` positions of each plane: conv rows beyond the transposed input (output_padding ≥ stride) dropped. */
function crop(t: Tensor, spatial: readonly number[]): number[] {
  const [h, w] = spatial.length === 1 ? [1, spatial[0]] : spatial;
  const [th, tw] = t.shape.length === 3 ? [1, t.shape[2]] : [t.shape[2], t.shape[3]];
  const out: number[] = [];
  for (let p = 0; p < t.shape[0] * t.shape[1]; p++) {
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out.push(t.data[(p * th + r) * tw + c]);
  }
  return out;
}

const RUNS = { numRuns: 150 };

describe('properties (fast-check)', () => {
  it('the shape formulas give the computed output shapes', () => {
    fc.assert(
      fc.property(transposedArb, (l) => {
        const out = convTranspose(l.input, l.weight, null, l.options);
        assert.deepEqual(out.shape.slice(2), l.axes.map(transposedOutputSize));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(forwardArb, (l) => {
        const out = conv(l.input, l.weight, null, forwardOptions(l.options));
        assert.deepEqual(out.shape.slice(2), l.axes.map(convOutputSize));
      }),
      RUNS,
    );
  });

  it('adjoint identity ⟨conv(x), y⟩ = ⟨x, convTranspose(y)⟩', () => {
    fc.assert(
      fc.property(transposedArb, fc.nat(), (l, seed) => {
        const y = l.input;
        const wty = convTranspose(y, l.weight, null, l.options);
        const x = random([...wty.shape], seed);
        const wx = crop(conv(x, l.weight, null, forwardOptions(l.options)), y.shape.slice(2));
        let left = 0;
        let right = 0;
        let scale = 0;
        for (let i = 0; i < wx.length; i++) {
          left += wx[i] * y.data[i];
          scale += Math.abs(wx[i] * y.data[i]);
        }
        for (let i = 0; i < x.data.length; i++) right += x.data[i] * wty.data[i];
        assert.ok(Math.abs(left - right) <= 1e-12 * Math.max(1, scale), `${left} vs ${right}`);
      }),
      RUNS,
    );
  });

  it('W·vec(x) = vec(conv(x))', () => {
    fc.assert(
      fc.property(forwardArb, (l) => {
        const W = convMatrix(l.input.shape, l.weight, forwardOptions(l.options));
        assert.ok(
          close(
            perSample(l.input, (v) => matVec(W, v)),
            conv(l.input, l.weight, null, forwardOptions(l.options)).data,
          ),
        );
      }),
      RUNS,
    );
  });

  it('Wᵀ·vec(y) = vec(convTranspose(y)), output_padding ≥ stride included', () => {
    fc.assert(
      fc.property(transposedArb, (l) => {
        const W = transposedConvMatrix(l.input.shape, l.weight, l.options);
        assert.ok(
          close(
            perSample(l.input, (v) => matTVec(W, v)),
            convTranspose(l.input, l.weight, null, l.options).data,
          ),
        );
      }),
      RUNS,
    );
  });

  it('1-D equals 2-D with H = 1', () => {
    const lift = (t: Tensor) => reshape(t, [t.shape[0], t.shape[1], 1, t.shape[2]]);
    const lift2d = (o: ConvOptions): ConvOptions => ({
      stride: [1, (o.stride as number[])[0]],
      padding: [0, (o.padding as number[])[0]],
      dilation: [1, (o.dilation as number[])[0]],
      outputPadding: [0, ((o.outputPadding ?? [0]) as number[])[0]],
      groups: o.groups,
    });
    const oneD = (arb: fc.Arbitrary<Layer>) => arb.filter((l) => l.rank === 1);
    fc.assert(
      fc.property(oneD(transposedArb), (l) => {
        const a = convTranspose1d(l.input, l.weight, null, l.options);
        const b = convTranspose2d(lift(l.input), lift(l.weight), null, lift2d(l.options));
        assert.deepEqual(b.shape, [a.shape[0], a.shape[1], 1, a.shape[2]]);
        assert.ok(close(a.data, b.data, 0));
        const W1 = transposedConvMatrix(l.input.shape, l.weight, l.options);
        const W2 = transposedConvMatrix(lift(l.input).shape, lift(l.weight), lift2d(l.options));
        assert.deepEqual([W1.rowPtr, W1.colIdx, W1.values], [W2.rowPtr, W2.colIdx, W2.values]);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(oneD(forwardArb), (l) => {
        const a = conv1d(l.input, l.weight, null, forwardOptions(l.options));
        const b = conv2d(lift(l.input), lift(l.weight), null, forwardOptions(lift2d(l.options)));
        assert.ok(close(a.data, b.data, 0));
      }),
      RUNS,
    );
  });
});

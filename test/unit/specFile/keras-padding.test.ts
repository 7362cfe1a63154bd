// Keras' padding="same" / "valid" written as a spec, against TensorFlow.js (pure JS, CPU backend, in Node):
// tf.layers.conv2dTranspose / conv2d are Keras' layers; for output_padding (which tfjs-layers lacks) the op
// tf.conv2dTranspose is given the output shape keras' deconv_output_length asks TensorFlow for, which is what
// tf.keras' Conv2DTranspose does. Values are small integers, so float32 is exact and the comparison is 1e-9.
import { strict as assert } from 'node:assert';
import { evaluateSpec, hasErrors, validateSpec } from '../../../src/specFile';

type TF = typeof import('@tensorflow/tfjs');
let tf: TF;

function ints(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s >>> 24) % 7) - 3;
  });
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const nest = (shape: readonly number[], data: readonly number[]): unknown => {
  if (shape.length === 0) return data[0];
  const [n, ...rest] = shape;
  const k = size(rest);
  return Array.from({ length: n }, (_, i) => nest(rest, data.slice(i * k, (i + 1) * k)));
};

/** NCHW data → NHWC (or back with `inverse`). */
function permute(data: readonly number[], [n, c, h, w]: readonly number[]): number[] {
  const out = new Array<number>(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let i = 0; i < h; i++)
        for (let j = 0; j < w; j++) out[((b * h + i) * w + j) * c + ch] = data[((b * c + ch) * h + i) * w + j];
  return out;
}
function unpermute(data: ArrayLike<number>, [n, h, w, c]: readonly number[]): number[] {
  const out = new Array<number>(data.length);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let ch = 0; ch < c; ch++) out[((b * c + ch) * h + i) * w + j] = data[((b * h + i) * w + j) * c + ch];
  return out;
}

interface KerasCase {
  readonly transposed: boolean;
  readonly padding: 'same' | 'valid';
  /** NCHW input, PyTorch weight layout. */
  readonly x: readonly [number, number, number, number];
  readonly cOut: number;
  readonly kernel: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly outputPadding?: readonly [number, number];
  readonly bias?: boolean;
}

const CASES: KerasCase[] = [
  // DCGAN's Conv2DTranspose(k5, s2, "same"): odd total, TensorFlow's extra row at the end.
  { transposed: true, padding: 'same', x: [1, 3, 4, 4], cOut: 2, kernel: [5, 5], strides: [2, 2], bias: true },
  { transposed: true, padding: 'same', x: [1, 2, 3, 5], cOut: 2, kernel: [4, 3], strides: [2, 3] },
  { transposed: true, padding: 'same', x: [1, 1, 3, 3], cOut: 1, kernel: [1, 2], strides: [3, 3] },
  { transposed: true, padding: 'valid', x: [1, 2, 3, 4], cOut: 3, kernel: [3, 2], strides: [2, 3], bias: true },
  { transposed: true, padding: 'valid', x: [1, 1, 3, 3], cOut: 2, kernel: [2, 3], strides: [3, 1] },
  // With output_padding (tf.keras' deconv_output_length, then TensorFlow's SAME / VALID rule).
  {
    transposed: true,
    padding: 'same',
    x: [1, 2, 3, 4],
    cOut: 2,
    kernel: [3, 3],
    strides: [2, 2],
    outputPadding: [1, 0],
  },
  {
    transposed: true,
    padding: 'same',
    x: [1, 1, 4, 3],
    cOut: 2,
    kernel: [4, 5],
    strides: [2, 3],
    outputPadding: [1, 2],
  },
  {
    transposed: true,
    padding: 'valid',
    x: [1, 2, 3, 3],
    cOut: 1,
    kernel: [3, 2],
    strides: [2, 3],
    outputPadding: [1, 2],
  },
  // Forward Conv2D.
  { transposed: false, padding: 'same', x: [1, 2, 7, 6], cOut: 3, kernel: [4, 3], strides: [2, 2], bias: true },
  { transposed: false, padding: 'same', x: [1, 1, 5, 8], cOut: 2, kernel: [2, 5], strides: [3, 1] },
  { transposed: false, padding: 'valid', x: [1, 2, 7, 6], cOut: 2, kernel: [3, 2], strides: [2, 3] },
];

/** keras' deconv_output_length (dilation 1). */
function deconvLength(inSize: number, k: number, s: number, padding: 'same' | 'valid', op: number | undefined) {
  if (op === undefined) return padding === 'valid' ? inSize * s + Math.max(k - s, 0) : inSize * s;
  return (inSize - 1) * s + k - 2 * (padding === 'same' ? Math.floor(k / 2) : 0) + op;
}

function tfOutput(c: KerasCase, x: number[], w: number[], b: number[] | null): { shape: number[]; data: number[] } {
  const [n, cIn, h, wd] = c.x;
  const [kH, kW] = c.kernel;
  const input = tf.tensor4d(permute(x, c.x), [n, h, wd, cIn]);
  let y: import('@tensorflow/tfjs').Tensor;
  if (c.transposed) {
    // PyTorch (C_in, C_out, kH, kW) → Keras (kH, kW, C_out, C_in).
    const kernel = tf.tensor4d(w, [cIn, c.cOut, kH, kW]).transpose([2, 3, 1, 0]) as import('@tensorflow/tfjs').Tensor4D;
    if (c.outputPadding) {
      const outH = deconvLength(h, kH, c.strides[0], c.padding, c.outputPadding[0]);
      const outW = deconvLength(wd, kW, c.strides[1], c.padding, c.outputPadding[1]);
      y = tf.conv2dTranspose(input, kernel, [n, outH, outW, c.cOut], [c.strides[0], c.strides[1]], c.padding);
      if (b) y = y.add(tf.tensor1d(b));
    } else {
      const layer = tf.layers.conv2dTranspose({
        filters: c.cOut,
        kernelSize: [kH, kW],
        strides: [c.strides[0], c.strides[1]],
        padding: c.padding,
        useBias: b !== null,
      });
      layer.build([null, h, wd, cIn]);
      layer.setWeights(b ? [kernel, tf.tensor1d(b)] : [kernel]);
      y = layer.apply(input) as import('@tensorflow/tfjs').Tensor;
    }
  } else {
    // PyTorch (C_out, C_in, kH, kW) → Keras (kH, kW, C_in, C_out).
    const kernel = tf.tensor4d(w, [c.cOut, cIn, kH, kW]).transpose([2, 3, 1, 0]);
    const layer = tf.layers.conv2d({
      filters: c.cOut,
      kernelSize: [kH, kW],
      strides: [c.strides[0], c.strides[1]],
      padding: c.padding,
      useBias: b !== null,
    });
    layer.build([null, h, wd, cIn]);
    layer.setWeights(b ? [kernel, tf.tensor1d(b)] : [kernel]);
    y = layer.apply(input) as import('@tensorflow/tfjs').Tensor;
  }
  const shape = y.shape as number[];
  return { shape: [shape[0], shape[3], shape[1], shape[2]], data: unpermute(y.dataSync(), shape) };
}

function specOutput(c: KerasCase, x: number[], w: number[], b: number[] | null) {
  const weightShape = c.transposed ? [c.x[1], c.cOut, ...c.kernel] : [c.cOut, c.x[1], ...c.kernel];
  const text = JSON.stringify({
    input: { shape: c.x, data: nest(c.x, x) },
    layer: {
      type: c.transposed ? 'convTranspose' : 'conv',
      kernel: { shape: weightShape, data: nest(weightShape, w) },
      stride: c.strides,
      padding: c.padding,
      ...(c.outputPadding ? { outputPadding: c.outputPadding } : {}),
      ...(b ? { bias: { data: b } } : {}),
    },
  });
  const result = validateSpec(text);
  assert.ok(!hasErrors(result.diagnostics), result.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  assert.ok(result.spec && result.plan);
  return evaluateSpec(result.spec, result.plan).output;
}

describe('Keras padding "same" / "valid" as specs, against TensorFlow.js', function () {
  this.timeout(60_000);
  before(async () => {
    tf = await import('@tensorflow/tfjs');
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  CASES.forEach((c, i) => {
    const what = `${c.transposed ? 'Conv2DTranspose' : 'Conv2D'} padding="${c.padding}" k${c.kernel.join('×')} s${c.strides.join('×')}${c.outputPadding ? ` output_padding ${c.outputPadding.join('×')}` : ''} on ${c.x.join('×')}`;
    it(what, () => {
      const wShape = [c.x[1], c.cOut, ...c.kernel];
      const x = ints(size(c.x), 10 + i);
      const w = ints(size(wShape), 20 + i);
      const b = c.bias ? ints(c.cOut, 30 + i) : null;
      const expected = tfOutput(c, x, w, b);
      const actual = specOutput(c, x, w, b);
      assert.deepEqual([...actual.shape], expected.shape, 'shape');
      expected.data.forEach((e, j) =>
        assert.ok(Math.abs(actual.data[j] - e) <= 1e-9 * (1 + Math.abs(e)), `[${j}] ${actual.data[j]} ≠ ${e}`),
      );
    });
  });
});

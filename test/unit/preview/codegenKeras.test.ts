// The Code view's TensorFlow / Keras chain (the ops of kerasGraph.ts, which the snippet prints) run with
// TensorFlow.js (pure JS, CPU backend) on the engine's input and weights, for the 2-D chains: Keras' semantics
// through TensorFlow's own ops. Conv{2}DTranspose is tf.conv2dTranspose with the output length keras'
// deconv_output_length asks for (what tf.keras does; a dilated kernel is spread out with zeros, which is what
// dilation_rate means); UpSampling2D is TensorFlow 2's tf.image.resize (half-pixel centres, as Keras 2 and 3 call
// it, not tfjs-layers' older align-corners-free resize). float32, so values agree within 1e-4 of max |output|.
import { strict as assert } from 'node:assert';
import type * as TfNamespace from '@tensorflow/tfjs';
import { kerasTransposedLength, type Tensor } from '../../../src/engine';
import { chainModel, type ChainModel } from '../../../src/preview/codegen/chain/chainModel';
import { kerasGraph, type AxisResample, type KerasOp, type Pairs } from '../../../src/preview/codegen/chain/kerasGraph';
import { evaluateSpec, hasErrors, validateSpec, type LayerEvaluation } from '../../../src/specFile';
import { FORWARD_INDEX } from '../../../src/specFile/labels';
import { CODEGEN_SPECS } from './codegenSpecs';
import { example } from './helpers';

type TF = typeof TfNamespace;
type T4 = TfNamespace.Tensor4D;
let tf: TF;

const paddings = (p: Pairs): [number, number][] => [[0, 0], ...p.map(([b, e]) => [b, e] as [number, number]), [0, 0]];

/** PyTorch's source rows along one axis, as resampleHelpers.ts computes them in NumPy. */
function nearestIndex(a: AxisResample): number[] {
  const scale = Math.fround(a.scale ? a.scale.numerator / a.scale.denominator : 0);
  return Array.from({ length: a.outSize }, (_, j) => Math.min(Math.floor(Math.fround(j * scale)), a.inSize - 1));
}

function linearTaps(a: AxisResample, alignCorners: boolean) {
  const i0: number[] = [];
  const i1: number[] = [];
  const w1: number[] = [];
  for (let j = 0; j < a.outSize; j++) {
    const src = alignCorners
      ? j * (a.outSize > 1 ? (a.inSize - 1) / (a.outSize - 1) : 0)
      : Math.max(((a.scale?.numerator ?? 0) / (a.scale?.denominator ?? 1)) * (j + 0.5) - 0.5, 0);
    const low = Math.floor(src);
    i0.push(low);
    i1.push(Math.min(low + 1, a.inSize - 1));
    w1.push(src - low);
  }
  return { i0, i1, w1 };
}

/** A kernel (kH, kW, a, b) with dilation − 1 zeros between its taps. */
function dilateKernel(kernel: T4, dilation: readonly number[]): T4 {
  const [kH, kW, a, b] = kernel.shape;
  const [dH, dW] = dilation;
  if (dH === 1 && dW === 1) return kernel;
  const values = kernel.arraySync();
  const out = tf.buffer([(kH - 1) * dH + 1, (kW - 1) * dW + 1, a, b]);
  for (let i = 0; i < kH; i++)
    for (let j = 0; j < kW; j++)
      for (let p = 0; p < a; p++) for (let q = 0; q < b; q++) out.set(values[i][j][p][q], i * dH, j * dW, p, q);
  return out.toTensor() as T4;
}

interface Context {
  readonly m: ChainModel;
  readonly layers: ReadonlyMap<number, LayerEvaluation>;
  readonly kept: Map<string, T4>;
}

function toNhwc(t: Tensor): T4 {
  const [n, c, h, w] = t.shape;
  return tf.tensor4d(Float32Array.from(t.data), [n, c, h, w]).transpose([0, 2, 3, 1]);
}

function conv(op: KerasOp & { kind: 'conv' }, h: T4, ctx: Context): T4 {
  const e = ctx.layers.get(op.step.plan.index);
  assert.ok(e, op.step.id);
  const p = op.step.plan.params;
  const [wa, wb, kH, kW] = e.weight.shape;
  // PyTorch (out, in/g, k) or (in, out/g, k) → Keras (kH, kW, in/g, out) or (kH, kW, out/g, in).
  const kernel = tf.tensor4d(Float32Array.from(e.weight.data), [wa, wb, kH, kW]).transpose([2, 3, 1, 0]) as T4;
  const groups = p.groups;
  const inputs = groups > 1 ? (tf.split(h, groups, 3) as T4[]) : [h];
  const kernels = groups > 1 ? (tf.split(kernel, groups, 3) as T4[]) : [kernel];
  const parts = inputs.map((x, g) => {
    if (!op.transposed)
      return tf.conv2d(x, kernels[g], [p.stride[0], p.stride[1]], op.padding, 'NHWC', [p.dilation[0], p.dilation[1]]);
    const spatial = [x.shape[1], x.shape[2]];
    const out = spatial.map((n, d) =>
      kerasTransposedLength(
        {
          inSize: n,
          kernel: [kH, kW][d],
          stride: p.stride[d],
          dilation: p.dilation[d],
          outputPadding: op.outputPadding ? op.outputPadding[d] : null,
        },
        op.padding,
      ),
    );
    const k = dilateKernel(kernels[g], p.dilation);
    return tf.conv2dTranspose(x, k, [x.shape[0], out[0], out[1], k.shape[2]], [p.stride[0], p.stride[1]], op.padding);
  });
  let y = parts.length > 1 ? tf.concat(parts, 3) : parts[0];
  if (op.useBias && e.bias) y = tf.add(y, tf.tensor1d(Float32Array.from(e.bias.data)));
  return y;
}

function apply(op: KerasOp, h: T4, ctx: Context): T4 {
  switch (op.kind) {
    case 'conv':
      return conv(op, h, ctx);
    case 'zeroPad':
      return tf.pad(h, paddings(op.pads));
    case 'constantPad':
      return tf.pad(h, paddings(op.pads), op.value);
    case 'crop': {
      const [n, hh, ww, c] = h.shape;
      const [[t, b], [l, r]] = op.crops;
      return tf.slice(h, [0, t, l, 0], [n, hh - t - b, ww - l - r, c]);
    }
    case 'addBias': {
      const bias = ctx.layers.get(op.step.plan.index)?.bias;
      assert.ok(bias);
      return tf.add(h, tf.tensor1d(Float32Array.from(bias.data)));
    }
    case 'pool': {
      const pool: [number, number] = [op.pool[0], op.pool[1]];
      const strides: [number, number] = [op.strides[0], op.strides[1]];
      return op.max ? tf.maxPool(h, pool, strides, op.padding) : tf.avgPool(h, pool, strides, op.padding);
    }
    case 'dilatedMax':
      return op.kernel.reduce((x, k, d) => {
        const starts = Array.from({ length: op.outSizes[d] }, (_, j) => j * op.strides[d]);
        const taps = Array.from({ length: k }, (_, i) =>
          tf.gather(
            x,
            tf.tensor1d(
              starts.map((s) => s + i * op.dilation[d]),
              'int32',
            ),
            d + 1,
          ),
        );
        return tf.max(tf.stack(taps), 0) as T4;
      }, h);
    case 'avgCounted': {
      const pool: [number, number] = [op.pool[0], op.pool[1]];
      const strides: [number, number] = [op.strides[0], op.strides[1]];
      const [n, hh, ww] = h.shape;
      const counted = tf.pad(tf.ones([n, hh, ww, 1]), paddings(op.counted), 1);
      const rest: Pairs = op.pads.map(([b, e], d) => [b - op.counted[d][0], e - op.counted[d][1]] as const);
      const count = tf.avgPool(tf.pad(counted, paddings(rest)) as T4, pool, strides, 'valid');
      return tf.div(tf.avgPool(tf.pad(h, paddings(op.pads)), pool, strides, 'valid'), count);
    }
    case 'upsampling': {
      const size: [number, number] = [h.shape[1] * op.size[0], h.shape[2] * op.size[1]];
      return op.interpolation === 'nearest'
        ? tf.image.resizeNearestNeighbor(h, size, false, true)
        : tf.image.resizeBilinear(h, size, false, true);
    }
    case 'nearest':
      return op.axes.reduce((x, a) => tf.gather(x, tf.tensor1d(nearestIndex(a), 'int32'), a.axis + 1), h);
    case 'linear':
      return op.axes.reduce((x, a) => {
        const taps = linearTaps(a, op.alignCorners);
        const shape = a.axis === 0 ? [-1, 1, 1] : [-1, 1];
        const w1 = tf.tensor1d(taps.w1).reshape(shape);
        const low = tf.gather(x, tf.tensor1d(taps.i0, 'int32'), a.axis + 1);
        const high = tf.gather(x, tf.tensor1d(taps.i1, 'int32'), a.axis + 1);
        return tf.add(tf.mul(low, tf.sub(1, w1)), tf.mul(high, w1));
      }, h);
    case 'concat':
    case 'add': {
      const other = ctx.kept.get(op.with);
      assert.ok(other, op.with);
      return op.kind === 'concat' ? tf.concat([h, other], 3) : tf.add(h, other);
    }
  }
}

function assertClose(y: T4, expected: Tensor, what: string): void {
  const nchw = y.transpose([0, 3, 1, 2]);
  assert.deepEqual(nchw.shape, [...expected.shape], `${what}: shape`);
  const data = nchw.dataSync();
  let scale = 1;
  for (const v of expected.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < expected.data.length; i++)
    assert.ok(
      Math.abs(data[i] - expected.data[i]) <= 1e-4 * scale,
      `${what}: [${i}] TensorFlow.js ${data[i]} ≠ engine ${expected.data[i]}`,
    );
}

const SPECS: { name: string; text: string }[] = [
  ...[
    'unet-skips',
    'keras-same-generator',
    'dcgan-generator',
    'd2l-round-trip',
    'onnx-autopad-same',
    'onnx-output-shape',
  ].map((name) => ({ name, text: example(name) })),
  ...CODEGEN_SPECS.filter((c) => !('dims' in c.spec)).map((c) => ({ name: c.name, text: JSON.stringify(c.spec) })),
];

describe('generated TensorFlow / Keras code, run with TensorFlow.js, equals the engine (2-D chains)', function () {
  this.timeout(120_000);
  before(async () => {
    tf = await import('@tensorflow/tfjs');
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  for (const s of SPECS) {
    it(s.name, () => {
      const result = validateSpec(s.text);
      assert.ok(result.spec && result.plan && !hasErrors(result.diagnostics));
      const evaluation = evaluateSpec(result.spec, result.plan);
      const layers = new Map<number, LayerEvaluation>();
      if (evaluation.forward) layers.set(FORWARD_INDEX, evaluation.forward);
      for (const l of evaluation.layers) layers.set(l.plan.index, l);
      const m = chainModel(result.spec, result.plan, { input: evaluation.input, layers });
      const ctx: Context = { m, layers, kept: new Map() };
      tf.tidy(() => {
        let h = toNhwc(evaluation.input);
        if (m.inputKept) ctx.kept.set('x_in', h);
        for (const step of kerasGraph(m)) {
          for (const op of step.ops) h = apply(op, h, ctx);
          if (step.step.kept) ctx.kept.set(step.step.id, h);
        }
        assertClose(h, evaluation.output, s.name);
      });
    });
  }
});

// What the TensorFlow.js adapters share: loading the pure-JS @tensorflow/tfjs (not tfjs-node) lazily, and the
// mapping of a PyTorch ConvTranspose2d onto tf.conv2dTranspose.
//
// The mapping (verified numerically by the correctness phase, including the alternatives below):
//  - data: tfjs is channels-last, so x (N, C_in, H, W) → transpose [0, 2, 3, 1] → (N, H, W, C_in),
//    and the output (N, H_out, W_out, C_out) → transpose [0, 3, 1, 2] → NCHW.
//  - weight: PyTorch (C_in, C_out, kH, kW) → transpose [2, 3, 1, 0] → tfjs [kH, kW, outDepth = C_out, inDepth = C_in].
//    No spatial flip: both libraries define the op as the input-gradient of the same forward convolution.
//  - padding: tfjs' `pad` is the padding of that forward convolution, which is exactly PyTorch's `padding`.
//    Explicit pads [[0,0],[pH,pH],[pW,pW],[0,0]] (timed), a number p (when pH = pW) and 'valid' followed by
//    cropping p from each side all agree. outputShape must be given: [N, H_out, W_out, C_out] with PyTorch's
//    H_out = (H − 1)·s − 2p + k + output_padding.
//  - not expressible: dilation ≠ 1 and groups ≠ 1 (tf.conv2dTranspose has neither); tfjs computes in float32 only.
import type { Tensor as TfTensor, Tensor4D } from '@tensorflow/tfjs';
import type { Tensor } from '../../src/engine';
import { is3d, paramsOf, type BenchCase, type CaseInputs } from '../cases';
import type { Adapter, CrossCheck, PreparedCall, Tier } from './types';

export type TF = typeof import('@tensorflow/tfjs');
type Pads4 = [[number, number], [number, number], [number, number], [number, number]];

let loading: Promise<TF> | null = null;

/** Loads @tensorflow/tfjs once, in production mode (no debug checks, no "install tfjs-node" banner). */
export function loadTf(): Promise<TF> {
  loading ??= import('@tensorflow/tfjs').then((tf) => {
    tf.enableProdMode();
    return tf;
  });
  return loading;
}

export interface TfjsAdapterSpec {
  readonly id: string;
  readonly label: string;
  readonly backend: string;
  readonly tier: Tier;
  /** Registers and configures the backend (called once, after tfjs is loaded). */
  setup(tf: TF): Promise<void>;
  describe(tf: TF): Promise<Record<string, unknown>>;
}

export function tfjsAdapter(spec: TfjsAdapterSpec): Adapter {
  let tfRef: TF | null = null;
  const tfOf = (): TF => {
    if (!tfRef) throw new Error(`${spec.id}: init() was not called`);
    return tfRef;
  };
  return {
    id: spec.id,
    label: spec.label,
    dtype: 'float32',
    tolerance: 1e-4,
    tier: spec.tier,
    timed:
      'tf.conv2dTranspose on NHWC tensors prepared once (explicit pads) + dataSync() of the result + dispose; ' +
      'the NCHW↔NHWC transposes are not timed',
    async init() {
      const tf = await loadTf();
      await spec.setup(tf);
      tfRef = tf;
    },
    async describe() {
      const tf = tfOf();
      return { tfjsVersion: tf.version_core, backend: spec.backend, ...(await spec.describe(tf)) };
    },
    unsupported(c) {
      if (is3d(c)) return 'a 3-D case (this adapter maps tf.conv2dTranspose only)';
      const p = paramsOf(c);
      if (p.groups !== 1) return `tf.conv2dTranspose has no groups (groups=${p.groups})`;
      if (p.dilation.some((d) => d !== 1))
        return `tf.conv2dTranspose has no dilation (dilation=${p.dilation.join('×')})`;
      return null;
    },
    async prepare(c, inputs) {
      const tf = tfOf();
      if (!(await tf.setBackend(spec.backend)) || tf.getBackend() !== spec.backend) {
        throw new Error(`${spec.id}: could not switch tfjs to the ${spec.backend} backend`);
      }
      return prepareTfjs(tf, spec.id, c, inputs);
    },
  };
}

function float32(t: Tensor): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error('tfjs adapters expect the float32 inputs');
  return t.data;
}

function prepareTfjs(tf: TF, id: string, c: BenchCase, inputs: CaseInputs): PreparedCall {
  const tensorsBefore = tf.memory().numTensors;
  const [n, cIn, h, w] = c.input;
  const [, cOut, hOut, wOut] = inputs.outShape;
  const [kH, kW] = c.kernel;
  const [sH, sW] = inputs.params.stride;
  const [pH, pW] = inputs.params.padding;
  const [opH, opW] = inputs.params.outputPadding;
  const cOutPerGroup = cOut; // groups = 1 (see unsupported)

  const x = tf.tidy(() => tf.tensor4d(float32(inputs.f32.x), [n, cIn, h, w]).transpose<Tensor4D>([0, 2, 3, 1]));
  const filter = tf.tidy(() =>
    tf.tensor4d(float32(inputs.f32.w), [cIn, cOutPerGroup, kH, kW]).transpose<Tensor4D>([2, 3, 1, 0]),
  );
  const outShape: [number, number, number, number] = [n, hOut, wOut, cOut];
  const pads: Pads4 = [
    [0, 0],
    [pH, pH],
    [pW, pW],
    [0, 0],
  ];

  const toNchw = (y: TfTensor): Tensor => {
    const t = tf.tidy(() => y.transpose([0, 3, 1, 2]));
    const data = Float64Array.from(t.dataSync());
    t.dispose();
    y.dispose();
    return { shape: [n, cOut, hOut, wOut], data };
  };

  const call = () => {
    const y = tf.conv2dTranspose(x, filter, outShape, [sH, sW], pads);
    const values = y.dataSync();
    y.dispose();
    return values;
  };

  const crossChecks: CrossCheck[] = [];
  if (pH === pW) {
    crossChecks.push({
      label: `pad = ${pH} (number)`,
      expect: 'agree',
      output: () => toNchw(tf.conv2dTranspose(x, filter, outShape, [sH, sW], pH)),
    });
  }
  if (opH <= pH && opW <= pW) {
    const full: [number, number, number, number] = [n, (h - 1) * sH + kH, (w - 1) * sW + kW, cOut];
    crossChecks.push({
      label: `'valid' to ${full[1]}×${full[2]}, crop ${pH}×${pW}`,
      expect: 'agree',
      output: () =>
        toNchw(tf.tidy(() => tf.conv2dTranspose(x, filter, full, [sH, sW], 'valid').slice([0, pH, pW, 0], outShape))),
    });
  }
  crossChecks.push({
    label: 'kernel flipped 180° (negative control)',
    expect: 'disagree',
    output: () => toNchw(tf.tidy(() => tf.conv2dTranspose(x, tf.reverse(filter, [0, 1]), outShape, [sH, sW], pads))),
  });

  return {
    call,
    output: () => toNchw(tf.conv2dTranspose(x, filter, outShape, [sH, sW], pads)),
    crossChecks,
    dispose() {
      x.dispose();
      filter.dispose();
      const leaked = tf.memory().numTensors - tensorsBefore;
      if (leaked !== 0) throw new Error(`${id}: ${leaked} tfjs tensor(s) leaked on case ${c.name}`);
    },
  };
}

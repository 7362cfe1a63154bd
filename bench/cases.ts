// Benchmark cases: PyTorch ConvTranspose2d (and ConvTranspose3d) problems, their seeded inputs and their timing policies.
// Add a case by appending to CASES; every adapter is checked against the float64 reference on it first.
import {
  convTransposeOutputShape,
  generate,
  normalizeParams,
  type ConvParams,
  type DType,
  type Tensor,
} from '../src/engine';
import type { Tier } from './adapters/types';

/**
 * Per-core peak GFLOP/s of each instruction tier (issue #5's figures for this machine kind, 2 vCPU AMD EPYC
 * at ~3.7 GHz: 2 multiplies + 2 adds per cycle, scalar or on 4 float32 lanes), for "% of ceiling".
 */
export const CEILING_GFLOPS: Readonly<Record<Tier, number>> = { scalar: 15, simd128: 66 };

/** How long to measure one (case, engine) pair. All times in milliseconds. */
export interface TimingPolicy {
  /** Keep calling (after the correctness call) until this much time has passed; at least one call. */
  readonly warmupMs: number;
  /** Stop sampling once both minTimeMs has elapsed and minSamples samples were taken … */
  readonly minTimeMs: number;
  readonly minSamples: number;
  /** … or as soon as maxSamples samples were taken, or maxTimeMs elapsed (with at least one sample). */
  readonly maxSamples: number;
  readonly maxTimeMs: number;
  /**
   * One sample times a batch of back-to-back calls, sized so a sample lasts about this long
   * (gives per-call microseconds for tiny problems; a batch of 1 for large ones).
   */
  readonly targetSampleMs: number;
}

export const DEFAULT_POLICY: TimingPolicy = {
  warmupMs: 300,
  minTimeMs: 500,
  minSamples: 10,
  maxSamples: 200,
  maxTimeMs: 10_000,
  targetSampleMs: 10,
};

/** A short smoke-test policy (`--quick`): numbers are noisy, the correctness check is the same. */
export const QUICK_POLICY: TimingPolicy = {
  warmupMs: 50,
  minTimeMs: 100,
  minSamples: 3,
  maxSamples: 50,
  maxTimeMs: 2_000,
  targetSampleMs: 5,
};

export interface BenchCase {
  readonly name: string;
  readonly description: string;
  /** NCHW input shape (NCDHW for a 3-D case, which the 2-D-only peers skip as unsupported). */
  readonly input: readonly number[];
  readonly outChannels: number;
  /** (kH, kW), or (kD, kH, kW) for a 3-D case. */
  readonly kernel: readonly number[];
  readonly stride?: number | readonly number[];
  readonly padding?: number | readonly number[];
  readonly outputPadding?: number | readonly number[];
  readonly dilation?: number | readonly number[];
  readonly groups?: number;
  /** Seeds of the input and the weight (src/engine/init.ts `generate`, uniform in [-1, 1)). */
  readonly seed: number;
  /** Overrides of DEFAULT_POLICY. */
  readonly policy?: Partial<TimingPolicy>;
  /** Sample process memory while this case is timed. */
  readonly trackMemory?: boolean;
  /** Run the adapters' extra mapping cross-checks (alternative paddings, negative controls) on this case. */
  readonly crossChecks?: boolean;
}

export const CASES: readonly BenchCase[] = [
  {
    name: 'tiny',
    description: '1×1×2×2 → 1 channel, k2 s1 (shape of the first d2l trans_conv example)',
    input: [1, 1, 2, 2],
    outChannels: 1,
    kernel: [2, 2],
    stride: 1,
    seed: 101,
    crossChecks: true,
  },
  {
    name: 'd2l',
    description: '1×20×6×6 → 10 channels, k5 s3 p2 (the multi-channel d2l tconv(conv(X)) example)',
    input: [1, 20, 6, 6],
    outChannels: 10,
    kernel: [5, 5],
    stride: 3,
    padding: 2,
    seed: 202,
    crossChecks: true,
  },
  {
    name: 'dcgan',
    description: '1×128×16×16 → 64 channels, k4 s2 p1 (DCGAN generator block)',
    input: [1, 128, 16, 16],
    outChannels: 64,
    kernel: [4, 4],
    stride: 2,
    padding: 1,
    seed: 303,
    crossChecks: true,
  },
  {
    name: 'big',
    description: '8×256×16×16 → 128 channels, k4 s2 p1 (batched DCGAN block)',
    input: [8, 256, 16, 16],
    outChannels: 128,
    kernel: [4, 4],
    stride: 2,
    padding: 1,
    seed: 404,
    // One call of the exact path takes seconds here: one warm-up call and three samples are enough for a median.
    // The fast engines (~25–60 ms a call) sample for 2 s, so a burst of load on a shared machine moves the median less.
    policy: { minSamples: 3, minTimeMs: 2_000, maxTimeMs: 15_000 },
    trackMemory: true,
  },
  {
    name: 'monai3d',
    description: '1×32×16×16×16 → 16 channels, k2×2×2 s2 (MONAI UNet / UNETR 3-D up-convolution), 3-D: ours only',
    input: [1, 32, 16, 16, 16],
    outChannels: 16,
    kernel: [2, 2, 2],
    stride: 2,
    seed: 505,
    policy: { minSamples: 3, minTimeMs: 1_000 },
  },
];

/** A 3-D case (ConvTranspose3d): the peers and our 2-D-only adapters skip it. */
export function is3d(c: BenchCase): boolean {
  return c.input.length === 5;
}

export function policyOf(c: BenchCase, base: TimingPolicy = DEFAULT_POLICY): TimingPolicy {
  return { ...base, ...c.policy };
}

export function paramsOf(c: BenchCase): ConvParams {
  return normalizeParams(c.input.length - 2, {
    stride: c.stride,
    padding: c.padding,
    outputPadding: c.outputPadding,
    dilation: c.dilation,
    groups: c.groups,
  });
}

/** PyTorch weight layout (C_in, C_out / groups, kH, kW), or (C_in, C_out / groups, kD, kH, kW). */
export function weightShapeOf(c: BenchCase): number[] {
  const groups = c.groups ?? 1;
  return [c.input[1], c.outChannels / groups, ...c.kernel];
}

export function outputShapeOf(c: BenchCase): number[] {
  return convTransposeOutputShape(c.input, weightShapeOf(c), null, paramsOf(c));
}

/** Multiply-adds ×2 over every tap of the scatter: 2·N·C_in·H_in·W_in·(C_out/groups)·kH·kW (and ·D_in·kD in 3-D). */
export function flopsOf(c: BenchCase): number {
  const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);
  return 2 * product(c.input) * product(weightShapeOf(c).slice(1));
}

export interface CaseTensors {
  readonly x: Tensor;
  readonly w: Tensor;
}

export interface CaseInputs {
  readonly params: ConvParams;
  readonly outShape: readonly number[];
  /** The same seeded values in both precisions (the float32 ones are the float64 ones rounded). */
  readonly f64: CaseTensors;
  readonly f32: CaseTensors;
}

function tensorsOf(c: BenchCase, dtype: DType): CaseTensors {
  return {
    x: generate(c.input, { init: 'random', seed: c.seed, low: -1, high: 1 }, dtype),
    w: generate(weightShapeOf(c), { init: 'random', seed: c.seed + 1, low: -1, high: 1 }, dtype),
  };
}

export function makeInputs(c: BenchCase): CaseInputs {
  return {
    params: paramsOf(c),
    outShape: outputShapeOf(c),
    f64: tensorsOf(c, 'float64'),
    f32: tensorsOf(c, 'float32'),
  };
}

export function describeCase(c: BenchCase): string {
  const p = paramsOf(c);
  const parts = [`k${c.kernel.join('×')}`, `s${p.stride.join('×')}`, `p${p.padding.join('×')}`];
  if (p.outputPadding.some((v) => v !== 0)) parts.push(`op${p.outputPadding.join('×')}`);
  if (p.dilation.some((v) => v !== 1)) parts.push(`d${p.dilation.join('×')}`);
  if (p.groups !== 1) parts.push(`g${p.groups}`);
  return `${c.input.join('×')} → ${outputShapeOf(c).join('×')} (${parts.join(' ')})`;
}

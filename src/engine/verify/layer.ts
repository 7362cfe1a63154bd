import * as l10n from '@vscode/l10n';
import { convTransposeOutputShape } from '../checks';
import { conv } from '../conv';
import { convTranspose, FAST_PATH_MIN_MACS } from '../convTranspose';
import { EngineError } from '../errors';
import { generate, seededUniform } from '../init';
import { DEFAULT_MAX_NNZ, transposedConvMatrix, transposedConvMatrixSize, type ForwardConvOptions } from '../matrix';
import { liftParams1d, normalizeParams, type ConvParams } from '../params';
import { broadcastSteps } from '../steps';
import { numel, reshape, stridesOf, type Tensor } from '../tensor';
import type { TransposedConvLayer, VerifyOps, VerifyOptions } from './types';

export const DEFAULT_RTOL = 1e-9;

/**
 * Below FAST_PATH_MIN_MACS (or with `path: 'exact'`) the checks run the exact float64 conv and convTranspose and
 * compare at rtol 1e-9. From it up (`path: 'auto'`, the default, or 'fast') they run them as `auto` does, on the
 * float32 fast path for the layer-sized calls, and allow each compared value its float32 rounding bound
 * (precision.ts); the small calls of the gradient check stay exact either way.
 */
const EXACT_OPS: VerifyOps = {
  conv: (input, weight, bias, options) => conv(input, weight, bias, { ...options, path: 'exact' }),
  convTranspose: (input, weight, bias, options) => convTranspose(input, weight, bias, { ...options, path: 'exact' }),
  transposedConvMatrix,
  transposedConvMatrixSize,
  broadcastSteps,
};

const AUTO_OPS: VerifyOps = {
  ...EXACT_OPS,
  conv: (input, weight, bias, options) => conv(input, weight, bias, { ...options, path: 'auto' }),
  convTranspose: (input, weight, bias, options) => convTranspose(input, weight, bias, { ...options, path: 'auto' }),
};

/** A validated layer in float64 with everything the checks share. */
export interface LayerContext {
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly rank: 1 | 2 | 3;
  readonly params: ConvParams;
  /** Output shape of the transposed convolution, (N, C_out, ...spatial). */
  readonly outputShape: readonly number[];
  /** The paired forward convolution's options: same stride, padding, dilation, groups. */
  readonly forward: ForwardConvOptions;
  readonly ops: VerifyOps;
  readonly rtol: number;
  readonly seed: number;
  readonly maxNnz: number;
  /** True when the layer held float32 tensors; the checks' own arithmetic is always float64. */
  readonly promoted: boolean;
  /**
   * True when the engine's layer-sized conv and convTranspose may run on the float32 fast path (the layer has at
   * least FAST_PATH_MIN_MACS multiply-adds, or `path: 'fast'`): comparisons then allow the float32 bound.
   */
  readonly fast: boolean;
  readonly options: VerifyOptions;
  /** What the checks of this layer share (its engine outputs, seeded inputs, max |x|), computed once: shared(). */
  readonly shared: Map<string, unknown>;
}

function toFloat64(t: Tensor): Tensor {
  return t.data instanceof Float64Array ? t : { shape: [...t.shape], data: Float64Array.from(t.data) };
}

/**
 * The context of the last prepareLayer per layer object, with the options object it was made for: the checks of one
 * verification run (verifySpec asks for them one at a time, with one options object per layer) share it, and so
 * the tensors in its `shared` map. Held weakly: it goes with the layer.
 */
const PREPARED = new WeakMap<TransposedConvLayer, { readonly options: VerifyOptions; readonly ctx: LayerContext }>();

/** Validates the layer the way PyTorch would (throws EngineError) and promotes it to float64. */
export function prepareLayer(layer: TransposedConvLayer, options: VerifyOptions = {}): LayerContext {
  const prepared = PREPARED.get(layer);
  if (prepared && prepared.options === options) return prepared.ctx;
  const ctx = newContext(layer, options);
  PREPARED.set(layer, { options, ctx });
  return ctx;
}

/**
 * A value the checks of one layer share (for example convTranspose(Y) without bias, read by transpose and
 * gradient), computed by the first check that asks for it. `key` names what `compute` returns for this context.
 */
export function shared<T>(ctx: LayerContext, key: string, compute: () => T): T {
  if (ctx.shared.has(key)) return ctx.shared.get(key) as T;
  const value = compute();
  ctx.shared.set(key, value);
  return value;
}

/**
 * How many entries a check compares on a layer that runs on the float32 fast path (from FAST_PATH_MIN_MACS
 * multiply-adds up): a seeded sample of this many, or every entry when there are no more. Below it every entry.
 */
export const SAMPLED_ENTRIES = 4096;

/** `count` distinct indices of 0 … total − 1 drawn from the seed, ascending; all of them when total ≤ count. */
export function sampleIndices(total: number, count: number, seed: number): number[] {
  if (total <= count) return Array.from({ length: total }, (_, i) => i);
  const next = seededUniform(seed);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(next() * total));
  return [...chosen].sort((a, b) => a - b);
}

function newContext(layer: TransposedConvLayer, options: VerifyOptions): LayerContext {
  const rank = layer.input.shape.length - 2;
  if (rank !== 1 && rank !== 2 && rank !== 3) {
    throw new EngineError(
      'bad-shape',
      l10n.t(
        'verifications need a (N, C, L), (N, C, H, W) or (N, C, D, H, W) input, got {0}',
        `[${layer.input.shape.join(', ')}]`,
      ),
    );
  }
  const params = normalizeParams(rank, layer.options);
  const outputShape = convTransposeOutputShape(
    layer.input.shape,
    layer.weight.shape,
    layer.bias ? layer.bias.data.length : null,
    params,
  );
  const path = options.path ?? 'auto';
  const fast =
    path === 'fast' ||
    (path === 'auto' && numel(layer.input.shape) * numel(layer.weight.shape.slice(1)) >= FAST_PATH_MIN_MACS);
  const promoted = !(
    layer.input.data instanceof Float64Array &&
    layer.weight.data instanceof Float64Array &&
    (!layer.bias || layer.bias.data instanceof Float64Array)
  );
  return {
    input: toFloat64(layer.input),
    weight: toFloat64(layer.weight),
    bias: layer.bias ? toFloat64(layer.bias) : null,
    rank,
    params,
    outputShape,
    forward: { stride: params.stride, padding: params.padding, dilation: params.dilation, groups: params.groups },
    ops: { ...(fast ? AUTO_OPS : EXACT_OPS), ...options.ops },
    fast,
    rtol: options.rtol ?? DEFAULT_RTOL,
    seed: options.seed ?? 0,
    maxNnz: options.maxNnz ?? DEFAULT_MAX_NNZ,
    promoted,
    options,
    shared: new Map(),
  };
}

/** Uniform in [−1, 1), reproducible from the seed. */
export function randomTensor(shape: readonly number[], seed: number): Tensor {
  return generate(shape, { init: 'random', low: -1, high: 1, seed });
}

/** A 1-D tensor (N, C, L) seen as 2-D (N, C, 1, L); 2-D (and 3-D) tensors unchanged. */
export function lift(t: Tensor, rank: number): Tensor {
  return rank === 1 ? reshape(t, [t.shape[0], t.shape[1], 1, t.shape[2]]) : t;
}

export function liftedParams(ctx: LayerContext): ConvParams {
  return ctx.rank === 1 ? liftParams1d(ctx.params) : ctx.params;
}

/**
 * The leading `spatial` positions of every (N, C) plane of t: the rows of the paired convolution that
 * correspond to elements of the layer's input. Null when t is smaller than that.
 */
export function cropSpatial(t: Tensor, spatial: readonly number[]): Tensor | null {
  const rank = t.shape.length - 2;
  if (spatial.length !== rank || t.shape.slice(2).some((s, d) => s < spatial[d])) return null;
  const shape = [t.shape[0], t.shape[1], ...spatial];
  const from = stridesOf(t.shape);
  const w = shape[shape.length - 1];
  const out = new Float64Array(numel(shape));
  // Every row (all indices but the last) of the crop, copied from the same indices of t.
  const rows = out.length / Math.max(1, w);
  for (let r = 0; r < rows && w > 0; r++) {
    let rest = r;
    let at = 0;
    for (let d = shape.length - 2; d >= 0; d--) {
      at += (rest % shape[d]) * from[d];
      rest = Math.floor(rest / shape[d]);
    }
    out.set(t.data.subarray(at, at + w), r * w);
  }
  return { shape, data: out };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; absolute: number } {
  let value = 0;
  let absolute = 0;
  for (let i = 0; i < a.length; i++) {
    const term = a[i] * b[i];
    value += term;
    absolute += Math.abs(term);
  }
  return { value, absolute };
}

/** Elements of one sample: C·H·W. */
export function perSample(shape: readonly number[]): number {
  return numel(shape.slice(1));
}

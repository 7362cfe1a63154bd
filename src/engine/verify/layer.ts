import * as l10n from '@vscode/l10n';
import { convTransposeOutputShape } from '../checks';
import { conv } from '../conv';
import { convTranspose } from '../convTranspose';
import { EngineError } from '../errors';
import { generate } from '../init';
import { DEFAULT_MAX_NNZ, transposedConvMatrix, transposedConvMatrixSize, type ForwardConvOptions } from '../matrix';
import { liftParams1d, normalizeParams, type ConvParams } from '../params';
import { broadcastSteps } from '../steps';
import { numel, reshape, stridesOf, type Tensor } from '../tensor';
import type { TransposedConvLayer, VerifyOps, VerifyOptions } from './types';

export const DEFAULT_RTOL = 1e-9;

/** The checks compare in float64 at rtol 1e-9: always the exact convTranspose, however large the layer (see FAST_PATH_MIN_MACS). */
const exactConvTranspose: VerifyOps['convTranspose'] = (input, weight, bias, options) =>
  convTranspose(input, weight, bias, { ...options, path: 'exact' });

const ENGINE_OPS: VerifyOps = {
  conv,
  convTranspose: exactConvTranspose,
  transposedConvMatrix,
  transposedConvMatrixSize,
  broadcastSteps,
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
  /** True when the layer held float32 tensors; the checks always compute in float64. */
  readonly promoted: boolean;
  readonly options: VerifyOptions;
}

function toFloat64(t: Tensor): Tensor {
  return t.data instanceof Float64Array ? t : { shape: [...t.shape], data: Float64Array.from(t.data) };
}

/** Validates the layer the way PyTorch would (throws EngineError) and promotes it to float64. */
export function prepareLayer(layer: TransposedConvLayer, options: VerifyOptions = {}): LayerContext {
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
    ops: { ...ENGINE_OPS, ...options.ops },
    rtol: options.rtol ?? DEFAULT_RTOL,
    seed: options.seed ?? 0,
    maxNnz: options.maxNnz ?? DEFAULT_MAX_NNZ,
    promoted,
    options,
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

import { convOutputShape, convTransposeOutputShape } from './checks';
import { conv2d } from './conv';
import { convTranspose2d, FAST_PATH_MIN_MACS } from './convTranspose';
import { computePathOf, normalizeParams, type ComputePath, type ConvOptions, type ConvParams } from './params';
import { allocate, assertShape, dtypeOf, numel, type Tensor, type TensorData } from './tensor';

/**
 * 3-D convolutions (PyTorch's ConvTranspose3d / Conv3d) computed by decomposing over depth onto the 2-D kernels,
 * so the exact path (the scalar loops, or the float64 kernel on large float64 slices) and the float32 fast path
 * (WebAssembly) serve 3-D unchanged:
 *
 *   transposed: out[:, :, od] += convTranspose2d(in[:, :, id], W[:, :, kd])   for od = id·s_D − p_D + kd·d_D
 *   forward:    out[:, :, od]  = Σ_kd conv2d(in[:, :, od·s_D − p_D + kd·d_D], W[:, :, kd])
 *
 * For each kernel depth kd, every depth slice that lands inside the output goes through one 2-D call as a batch
 * of N·(slices) samples. Output padding on D adds output depth slices that no input reaches (they hold the bias
 * only), exactly as in PyTorch; output padding on H and W is the 2-D call's own.
 */

/** Elements of one batched 2-D call's output at most; larger calls are split into chunks of depth slices. */
const MAX_CHUNK_ELEMENTS = 1 << 22;

type ForwardOptions = Omit<ConvOptions, 'outputPadding'>;

/** Multiply-adds of a 3-D transposed convolution: N·C_in·D·H·W·(C_out/groups)·kD·kH·kW. */
export function convTranspose3dMacs(inputShape: readonly number[], weightShape: readonly number[]): number {
  return numel(inputShape) * numel(weightShape.slice(1));
}

/**
 * ConvTranspose3d with PyTorch semantics: input (N, C_in, D, H, W), weight (C_in, C_out/groups, kD, kH, kW),
 * optional bias (C_out); stride, padding, output_padding and dilation per dimension (D, H, W), groups.
 * `options.path` picks the 2-D kernel the depth slices go through ('exact' | 'fast' | 'auto', see
 * FAST_PATH_MIN_MACS, counted over the whole 3-D layer).
 */
export function convTranspose3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  const path = computePathOf(options);
  const params = normalizeParams(3, options);
  const outShape = convTransposeOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  assertShape(outShape);
  const slicePath: ComputePath =
    path === 'fast' || (path === 'auto' && convTranspose3dMacs(input.shape, weight.shape) >= FAST_PATH_MIN_MACS)
      ? 'fast'
      : 'exact';
  const options2d: ConvOptions = { ...hw(params), outputPadding: params.outputPadding.slice(1), path: slicePath };
  return sumOverKernelDepths(input, weight, bias, params, outShape, true, (x2, w2) =>
    convTranspose2d(x2, w2, null, options2d),
  );
}

/**
 * Conv3d (cross-correlation) with PyTorch semantics: input (N, C_in, D, H, W), weight
 * (C_out, C_in/groups, kD, kH, kW), optional bias (C_out); stride, padding and dilation per dimension, groups.
 * Each output depth slice sums one 2-D correlation per kernel depth (the exact conv2d, float64 for float64).
 */
export function conv3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ForwardOptions = {},
): Tensor {
  const params = normalizeParams(3, { ...options, outputPadding: 0 });
  const outShape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  assertShape(outShape);
  // The path is decided for the whole 3-D layer (its multiply-adds: every output times C_in/groups·kD·kH·kW), as
  // convTranspose3d does, and every depth slice takes it: 'exact' stays exact, however large a slice.
  const path = computePathOf(options);
  const slicePath: ComputePath =
    path === 'fast' || (path === 'auto' && numel(outShape) * numel(weight.shape.slice(1)) >= FAST_PATH_MIN_MACS)
      ? 'fast'
      : 'exact';
  const options2d: ForwardOptions = { ...hw(params), path: slicePath };
  return sumOverKernelDepths(input, weight, bias, params, outShape, false, (x2, w2) => conv2d(x2, w2, null, options2d));
}

/** The H and W hyperparameters of a 3-D layer, for the 2-D calls of its depth slices. */
function hw(params: ConvParams): ForwardOptions {
  return {
    stride: params.stride.slice(1),
    padding: params.padding.slice(1),
    dilation: params.dilation.slice(1),
    groups: params.groups,
  };
}

/**
 * The depth decomposition shared by both directions. For each kernel depth kd, the depths t of the iterated axis
 * (the input's when transposed, the output's when forward) whose partner depth t·s_D − p_D + kd·d_D lies inside
 * the other axis go through `call2d` as one batch of N·(slices) samples, and each result is added into its output
 * depth slice (the partner when transposed, t itself when forward).
 */
function sumOverKernelDepths(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  params: ConvParams,
  outShape: readonly number[],
  transposed: boolean,
  call2d: (x2: Tensor, w2: Tensor) => Tensor,
): Tensor {
  const [batch, cIn, dIn, hIn, wIn] = input.shape;
  const [, , kD, kH, kW] = weight.shape;
  const [, cOut, dOut, hOut, wOut] = outShape;
  const [sD] = params.stride;
  const [pD] = params.padding;
  const [dD] = params.dilation;
  const out = allocate(numel(outShape), dtypeOf(input));
  const plane = hOut * wOut;
  if (bias) fillBias(out, bias.data, batch, cOut, dOut * plane);
  const [iterated, partners] = transposed ? [dIn, dOut] : [dOut, dIn];
  // One output depth slice of the 2-D call, per sample: C_out·H_out·W_out.
  const sliceOut = cOut * plane;
  for (let kd = 0; kd < kD; kd++) {
    const offset = kd * dD - pD;
    const first = Math.max(0, Math.ceil(-offset / sD));
    const last = Math.min(iterated - 1, Math.floor((partners - 1 - offset) / sD));
    if (first > last || batch === 0) continue;
    const w2 = depthSlice(weight, kd, [weight.shape[0], weight.shape[1], kH, kW], kD);
    for (const [from, to] of chunks(first, last, batch * sliceOut)) {
      const count = to - from + 1;
      // Transposed: input depths from … to. Forward: input depths t·s_D + offset for t = from … to (a stride-s_D gather).
      const x2 = transposed
        ? gatherDepths(input.data, batch, cIn, dIn, hIn * wIn, from, count, dtypeOf(input))
        : gatherDepths(input.data, batch, cIn, dIn, hIn * wIn, from * sD + offset, count, dtypeOf(input), sD);
      const y2 = call2d({ shape: [batch * count, cIn, hIn, wIn], data: x2 }, w2);
      for (let n = 0; n < batch; n++) {
        for (let j = 0; j < count; j++) {
          const od = transposed ? (from + j) * sD + offset : from + j;
          addSlice(out, y2.data, (n * count + j) * cOut * plane, n, cOut, dOut, od, plane);
        }
      }
    }
  }
  return { shape: outShape, data: out };
}

function fillBias(out: TensorData, bias: TensorData, batch: number, cOut: number, volume: number): void {
  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < cOut; co++) out.fill(bias[co], (n * cOut + co) * volume, (n * cOut + co + 1) * volume);
  }
}

/** Ranges [from, to] of depth slices covering first … last, each batch of slices ≤ MAX_CHUNK_ELEMENTS outputs. */
function chunks(first: number, last: number, perSlice: number): Array<[number, number]> {
  const size = Math.max(1, Math.floor(MAX_CHUNK_ELEMENTS / Math.max(1, perSlice)));
  const ranges: Array<[number, number]> = [];
  for (let from = first; from <= last; from += size) ranges.push([from, Math.min(last, from + size - 1)]);
  return ranges;
}

/** W[:, :, kd] of a (A, B, kD, kH, kW) weight: (A, B, kH, kW), in the weight's dtype. */
function depthSlice(weight: Tensor, kd: number, shape: readonly number[], kD: number): Tensor {
  const [a, b, kH, kW] = shape;
  const kk = kH * kW;
  const data = allocate(a * b * kk, dtypeOf(weight));
  for (let r = 0; r < a * b; r++) data.set(weight.data.subarray((r * kD + kd) * kk, (r * kD + kd + 1) * kk), r * kk);
  return { shape: [...shape], data };
}

/**
 * Depth slices start, start + step, … (count of them) of every (n, c) volume of an (N, C, D, H, W) tensor, as a
 * batch (N·count, C, H, W): sample n·count + j holds depth start + j·step of sample n.
 */
function gatherDepths(
  x: TensorData,
  batch: number,
  channels: number,
  depth: number,
  plane: number,
  start: number,
  count: number,
  dtype: 'float64' | 'float32',
  step = 1,
): TensorData {
  const out = allocate(batch * count * channels * plane, dtype);
  for (let n = 0; n < batch; n++) {
    for (let j = 0; j < count; j++) {
      const d = start + j * step;
      for (let c = 0; c < channels; c++) {
        const from = ((n * channels + c) * depth + d) * plane;
        out.set(x.subarray(from, from + plane), ((n * count + j) * channels + c) * plane);
      }
    }
  }
  return out;
}

/** Adds one 2-D output sample (C_out planes from `at`) into depth od of sample n of the 3-D output. */
function addSlice(
  out: TensorData,
  y: TensorData,
  at: number,
  n: number,
  cOut: number,
  dOut: number,
  od: number,
  plane: number,
): void {
  for (let co = 0; co < cOut; co++) {
    const dst = ((n * cOut + co) * dOut + od) * plane;
    const src = at + co * plane;
    for (let i = 0; i < plane; i++) out[dst + i] += y[src + i];
  }
}

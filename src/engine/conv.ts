import { convOutputShape } from './checks';
import { conv3d } from './conv3d';
import { FAST_PATH_MIN_MACS } from './convTranspose';
import { convFast, forwardMacsOf, type ForwardDims } from './fast/conv';
import { exactKernelApplies } from './fast/exactKernel';
import { computePathOf, liftParams1d, normalizeParams, type ConvOptions, type ConvParams } from './params';
import { allocate, assertShape, dtypeOf, numel, reshape, type Tensor, type TensorData } from './tensor';

type ForwardOptions = Omit<ConvOptions, 'outputPadding'>;

/**
 * Conv2d (cross-correlation, d2l's corr2d generalised) with PyTorch semantics: input (N, C_in, H, W),
 * weight (C_out, C_in/groups, kH, kW), optional bias (C_out).
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ForwardOptions = {},
): Tensor {
  const params = normalizeParams(2, { ...options, outputPadding: 0 });
  const outShape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  return correlate2d(input, weight, bias, params, outShape, computePathOf(options));
}

export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ForwardOptions = {},
): Tensor {
  const params = normalizeParams(1, { ...options, outputPadding: 0 });
  const outShape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  const [n, c, l] = input.shape;
  const [co, ci, k] = weight.shape;
  const out = correlate2d(
    reshape(input, [n, c, 1, l]),
    reshape(weight, [co, ci, 1, k]),
    bias,
    liftParams1d(params),
    [outShape[0], outShape[1], 1, outShape[2]],
    computePathOf(options),
  );
  return reshape(out, outShape);
}

/** Dispatches on the input's rank: 3-D → conv1d, 4-D → conv2d, 5-D → conv3d. */
export function conv(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ForwardOptions = {}): Tensor {
  if (input.shape.length === 5) return conv3d(input, weight, bias, options);
  return input.shape.length === 3 ? conv1d(input, weight, bias, options) : conv2d(input, weight, bias, options);
}

/** The call's sizes as the fast kernel reads them (input and output lifted to 2-D). */
export function forwardDims(input: Tensor, weight: Tensor, p: ConvParams, outShape: readonly number[]): ForwardDims {
  return {
    batch: input.shape[0],
    cIn: input.shape[1],
    hIn: input.shape[2],
    wIn: input.shape[3],
    cOut: outShape[1],
    kH: weight.shape[2],
    kW: weight.shape[3],
    hOut: outShape[2],
    wOut: outShape[3],
    sH: p.stride[0],
    sW: p.stride[1],
    pH: p.padding[0],
    pW: p.padding[1],
    dH: p.dilation[0],
    dW: p.dilation[1],
    groups: p.groups,
  };
}

/**
 * `path` 'fast', or 'auto' from FAST_PATH_MIN_MACS multiply-adds up (the same threshold as convTranspose): im2col
 * and the float32 GEMM kernel of src/engine/fast (fast/conv.ts), within float32 rounding of the exact result.
 * Otherwise the exact path: a float64 layer from EXACT_KERNEL_MIN_MACS multiply-adds up goes through the same
 * im2col and GEMM in float64 (the same products as the scalar loop, summed in float64 in another order); smaller
 * layers and float32 tensors run conv2dScalar.
 */
function correlate2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  p: ConvParams,
  outShape: readonly number[],
  path: 'exact' | 'fast' | 'auto' = 'auto',
): Tensor {
  assertShape(outShape);
  const dims = forwardDims(input, weight, p, outShape);
  const macs = forwardMacsOf(dims);
  const out = allocate(numel(outShape), dtypeOf(input));
  const biasData = bias ? bias.data : null;
  if (path === 'fast' || (path === 'auto' && macs >= FAST_PATH_MIN_MACS))
    convFast(input.data, weight.data, biasData, dims, out);
  else if (exactKernelApplies(out, weight.data, macs))
    convFast(input.data, weight.data, biasData, dims, out, { precision: 'float64' });
  else conv2dScalar(input, weight, bias, p, outShape, out);
  return { shape: [...outShape], data: out };
}

/**
 * The exact path's scalar loop, writing every element of `out` (N·C_out·H_out·W_out). For each output position: the taps
 * that land inside the input (in kh, kw order), the input patch under them for every channel of the group, then
 * one dot product per output channel. Each output is summed in the same order as the textbook loop (bias, then
 * channel by channel, tap by tap; float32 rounded at every step), so the result is bit for bit that loop's, but a
 * layer with many channels and a small output no longer pays a bounds check per channel and tap. Exported as the
 * reference the float64 kernel is tested against.
 */
export function conv2dScalar(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  p: ConvParams,
  outShape: readonly number[],
  out: TensorData,
): void {
  const [batch, cIn, hIn, wIn] = input.shape;
  const [, cInPerGroup, kH, kW] = weight.shape;
  const [, cOut, hOut, wOut] = outShape;
  const [sH, sW] = p.stride;
  const [pH, pW] = p.padding;
  const [dH, dW] = p.dilation;
  const groups = p.groups;
  const cOutPerGroup = cOut / groups;
  const x = input.data;
  const w = weight.data;
  const f32 = out instanceof Float32Array;
  const plane = hOut * wOut;
  const kk = kH * kW;
  const inPlane = hIn * wIn;
  const taps = new Int32Array(kk);
  const tapInput = new Float64Array(kk);
  const patch = new Float64Array(cInPerGroup * kk);

  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < hOut; oh++) {
      for (let ow = 0; ow < wOut; ow++) {
        let count = 0;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * sH - pH + kh * dH;
          if (ih < 0 || ih >= hIn) continue;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * sW - pW + kw * dW;
            if (iw < 0 || iw >= wIn) continue;
            taps[count] = kh * kW + kw;
            tapInput[count] = ih * wIn + iw;
            count++;
          }
        }
        for (let g = 0; g < groups; g++) {
          for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
            const inBase = (n * cIn + g * cInPerGroup + ciLocal) * inPlane;
            const at = ciLocal * count;
            for (let t = 0; t < count; t++) patch[at + t] = x[inBase + tapInput[t]];
          }
          for (let co = g * cOutPerGroup, end = co + cOutPerGroup; co < end; co++) {
            let sum = bias ? bias.data[co] : 0;
            if (f32) sum = Math.fround(sum);
            const wBase = co * cInPerGroup * kk;
            if (count === kk && !f32) {
              // Every tap inside (most positions): weights and patch are both contiguous, in the same order.
              for (let j = 0, m = cInPerGroup * kk; j < m; j++) sum += w[wBase + j] * patch[j];
            } else {
              for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
                const wAt = wBase + ciLocal * kk;
                const at = ciLocal * count;
                if (f32) for (let t = 0; t < count; t++) sum = Math.fround(sum + w[wAt + taps[t]] * patch[at + t]);
                else for (let t = 0; t < count; t++) sum += w[wAt + taps[t]] * patch[at + t];
              }
            }
            out[(n * cOut + co) * plane + oh * wOut + ow] = sum;
          }
        }
      }
    }
  }
}

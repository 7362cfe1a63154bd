import { convTransposeOutputShape } from './checks';
import { convTranspose3d } from './conv3d';
import { convTransposeFast, dimsOf, exactKernelApplies, macsOf, quickDims, type ConvDims } from './fast';
import { computePathOf, normalizeParams, type ConvOptions } from './params';
import { allocate, assertShape, dtypeOf, type Tensor, type TensorData } from './tensor';

/**
 * Multiply-adds (N·C_in·H_in·W_in·(C_out/groups)·kH·kW) from which `path: 'auto'` (the default) takes the fast
 * path: 2^20 ≈ 1.05 M, about 4 ms on the exact scatter and ~0.05 ms on the fast path. Below it — every d2l
 * example and teaching-sized spec — results are the exact ones (float64 for float64 inputs); from it up they
 * are float32-accurate: within 1e-4 of max|output| (typically ~1e-6), in the input's dtype.
 */
export const FAST_PATH_MIN_MACS = 2 ** 20;

/**
 * ConvTranspose2d with PyTorch semantics: input (N, C_in, H, W), weight (C_in, C_out/groups, kH, kW),
 * optional bias (C_out). Each input element scatters x·K into the output at (i·stride − padding + k·dilation).
 * `options.path` picks the implementation ('exact' | 'fast' | 'auto', see FAST_PATH_MIN_MACS). On the exact path a
 * float64 layer from EXACT_KERNEL_MIN_MACS multiply-adds up runs on the float64 matrix-product kernel of
 * src/engine/fast (the same products as the scatter, summed in float64 in another order); smaller layers and
 * float32 tensors run the scatter.
 */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  return convTransposeNd(input, weight, bias, options, 2);
}

/** ConvTranspose1d: input (N, C_in, L), weight (C_in, C_out/groups, k); computed as 2-D with H = 1. */
export function convTranspose1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  return convTransposeNd(input, weight, bias, options, 1);
}

/** Dispatches on the input's rank: 3-D → convTranspose1d, 4-D → convTranspose2d, 5-D → convTranspose3d. */
export function convTranspose(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  options: ConvOptions = {},
): Tensor {
  if (input.shape.length === 5) return convTranspose3d(input, weight, bias, options);
  return input.shape.length === 3
    ? convTranspose1d(input, weight, bias, options)
    : convTranspose2d(input, weight, bias, options);
}

function convTransposeNd(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  options: ConvOptions,
  rank: 1 | 2,
): Tensor {
  const path = computePathOf(options);
  const biasLength = bias ? bias.data.length : null;
  // A certainly valid call is read without normalising anything; otherwise the full checks throw PyTorch's error.
  let dims = quickDims(input.shape, weight.shape, biasLength, options, rank);
  if (dims === null) {
    const params = normalizeParams(rank, options);
    const outShape = convTransposeOutputShape(input.shape, weight.shape, biasLength, params);
    assertShape(outShape);
    dims = dimsOf(input.shape, weight.shape, outShape, params);
  }
  const { batch, cOut, hOut, wOut } = dims;
  const out = allocate(batch * cOut * hOut * wOut, dtypeOf(input));
  const biasData = bias ? bias.data : null;
  const macs = macsOf(dims);
  if (path === 'fast' || (path === 'auto' && macs >= FAST_PATH_MIN_MACS))
    convTransposeFast(input.data, weight.data, biasData, dims, out);
  else if (exactKernelApplies(out, weight.data, macs))
    convTransposeFast(input.data, weight.data, biasData, dims, out, { precision: 'float64' });
  else convTransposeScatter(input.data, weight.data, biasData, dims, out);
  return { shape: rank === 2 ? [batch, cOut, hOut, wOut] : [batch, cOut, wOut], data: out };
}

/**
 * The exact path's scalar loop: every input element's x·K added into the output, in the output's dtype (float64
 * sums for float64). Exported as the reference the float64 kernel is tested against.
 */
export function convTransposeScatter(
  x: TensorData,
  w: TensorData,
  bias: TensorData | null,
  d: ConvDims,
  out: TensorData,
): void {
  const { batch, cIn, hIn, wIn, cOut, cOutPerGroup, kH, kW, hOut, wOut, sH, sW, pH, pW, dH, dW, groups } = d;
  const cInPerGroup = cIn / groups;
  const plane = hOut * wOut;

  for (let n = 0; n < batch; n++) {
    if (bias) {
      for (let co = 0; co < cOut; co++) out.fill(bias[co], (n * cOut + co) * plane, (n * cOut + co + 1) * plane);
    }
    for (let g = 0; g < groups; g++) {
      for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
        const ci = g * cInPerGroup + ciLocal;
        const inBase = (n * cIn + ci) * hIn * wIn;
        for (let coLocal = 0; coLocal < cOutPerGroup; coLocal++) {
          const outBase = (n * cOut + g * cOutPerGroup + coLocal) * plane;
          const wBase = (ci * cOutPerGroup + coLocal) * kH * kW;
          for (let ih = 0; ih < hIn; ih++) {
            for (let kh = 0; kh < kH; kh++) {
              const oh = ih * sH - pH + kh * dH;
              if (oh < 0 || oh >= hOut) continue;
              const outRow = outBase + oh * wOut;
              const wRow = wBase + kh * kW;
              const inRow = inBase + ih * wIn;
              for (let iw = 0; iw < wIn; iw++) {
                const xv = x[inRow + iw];
                const owStart = iw * sW - pW;
                for (let kw = 0; kw < kW; kw++) {
                  const ow = owStart + kw * dW;
                  if (ow >= 0 && ow < wOut) out[outRow + ow] += xv * w[wRow + kw];
                }
              }
            }
          }
        }
      }
    }
  }
}

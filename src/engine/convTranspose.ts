import { convTransposeOutputShape } from './checks';
import { liftParams1d, normalizeParams, type ConvOptions, type ConvParams } from './params';
import { allocate, assertShape, dtypeOf, numel, reshape, type Tensor } from './tensor';

/**
 * ConvTranspose2d with PyTorch semantics: input (N, C_in, H, W), weight (C_in, C_out/groups, kH, kW),
 * optional bias (C_out). Each input element scatters x·K into the output at (i·stride − padding + k·dilation).
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  const params = normalizeParams(2, options);
  const outShape = convTransposeOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  return scatter2d(input, weight, bias, params, outShape);
}

/** ConvTranspose1d: input (N, C_in, L), weight (C_in, C_out/groups, k); computed as 2-D with H = 1. */
export function convTranspose1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  const params = normalizeParams(1, options);
  const outShape = convTransposeOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  const [n, c, l] = input.shape;
  const [ci, co, k] = weight.shape;
  const out = scatter2d(reshape(input, [n, c, 1, l]), reshape(weight, [ci, co, 1, k]), bias, liftParams1d(params), [outShape[0], outShape[1], 1, outShape[2]]);
  return reshape(out, outShape);
}

/** Dispatches on the input's rank: 3-D → convTranspose1d, 4-D → convTranspose2d. */
export function convTranspose(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return input.shape.length === 3 ? convTranspose1d(input, weight, bias, options) : convTranspose2d(input, weight, bias, options);
}

function scatter2d(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams, outShape: readonly number[]): Tensor {
  assertShape(outShape);
  const [batch, cIn, hIn, wIn] = input.shape;
  const [, cOutPerGroup, kH, kW] = weight.shape;
  const [, cOut, hOut, wOut] = outShape;
  const [sH, sW] = p.stride;
  const [pH, pW] = p.padding;
  const [dH, dW] = p.dilation;
  const cInPerGroup = cIn / p.groups;
  const x = input.data;
  const w = weight.data;
  const out = allocate(numel(outShape), dtypeOf(input));
  const plane = hOut * wOut;

  for (let n = 0; n < batch; n++) {
    if (bias) {
      for (let co = 0; co < cOut; co++) out.fill(bias.data[co], (n * cOut + co) * plane, (n * cOut + co + 1) * plane);
    }
    for (let g = 0; g < p.groups; g++) {
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
  return { shape: [...outShape], data: out };
}

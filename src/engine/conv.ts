import { convOutputShape } from './checks';
import { liftParams1d, normalizeParams, type ConvOptions, type ConvParams } from './params';
import { allocate, assertShape, dtypeOf, numel, reshape, type Tensor } from './tensor';

type ForwardOptions = Omit<ConvOptions, 'outputPadding'>;

/**
 * Conv2d (cross-correlation, d2l's corr2d generalised) with PyTorch semantics: input (N, C_in, H, W),
 * weight (C_out, C_in/groups, kH, kW), optional bias (C_out).
 */
export function conv2d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ForwardOptions = {}): Tensor {
  const params = normalizeParams(2, { ...options, outputPadding: 0 });
  const outShape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  return correlate2d(input, weight, bias, params, outShape);
}

export function conv1d(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ForwardOptions = {}): Tensor {
  const params = normalizeParams(1, { ...options, outputPadding: 0 });
  const outShape = convOutputShape(input.shape, weight.shape, bias ? bias.data.length : null, params);
  const [n, c, l] = input.shape;
  const [co, ci, k] = weight.shape;
  const out = correlate2d(reshape(input, [n, c, 1, l]), reshape(weight, [co, ci, 1, k]), bias, liftParams1d(params), [outShape[0], outShape[1], 1, outShape[2]]);
  return reshape(out, outShape);
}

/** Dispatches on the input's rank: 3-D → conv1d, 4-D → conv2d. */
export function conv(input: Tensor, weight: Tensor, bias: Tensor | null = null, options: ForwardOptions = {}): Tensor {
  return input.shape.length === 3 ? conv1d(input, weight, bias, options) : conv2d(input, weight, bias, options);
}

function correlate2d(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams, outShape: readonly number[]): Tensor {
  assertShape(outShape);
  const [batch, cIn, hIn, wIn] = input.shape;
  const [, cInPerGroup, kH, kW] = weight.shape;
  const [, cOut, hOut, wOut] = outShape;
  const [sH, sW] = p.stride;
  const [pH, pW] = p.padding;
  const [dH, dW] = p.dilation;
  const cOutPerGroup = cOut / p.groups;
  const x = input.data;
  const w = weight.data;
  const out = allocate(numel(outShape), dtypeOf(input));
  const plane = hOut * wOut;

  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < cOut; co++) {
      const outBase = (n * cOut + co) * plane;
      if (bias) out.fill(bias.data[co], outBase, outBase + plane);
      const g = Math.floor(co / cOutPerGroup);
      for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
        const inBase = (n * cIn + g * cInPerGroup + ciLocal) * hIn * wIn;
        const wBase = (co * cInPerGroup + ciLocal) * kH * kW;
        for (let kh = 0; kh < kH; kh++) {
          for (let kw = 0; kw < kW; kw++) {
            const wv = w[wBase + kh * kW + kw];
            for (let oh = 0; oh < hOut; oh++) {
              const ih = oh * sH - pH + kh * dH;
              if (ih < 0 || ih >= hIn) continue;
              const inRow = inBase + ih * wIn;
              const outRow = outBase + oh * wOut;
              for (let ow = 0; ow < wOut; ow++) {
                const iw = ow * sW - pW + kw * dW;
                if (iw >= 0 && iw < wIn) out[outRow + ow] += wv * x[inRow + iw];
              }
            }
          }
        }
      }
    }
  }
  return { shape: [...outShape], data: out };
}

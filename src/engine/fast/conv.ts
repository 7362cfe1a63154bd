import type { TensorData } from '../tensor';
import type { ConvDims } from './dims';
import { convTransposeFast, type FastOptions } from './index';

/**
 * The fast path of the forward convolution (cross-correlation), on the same float32 GEMM kernel as
 * convTranspose: im2col, then a 1×1 transposed convolution, which is exactly a matrix product per group.
 *
 *   cols[n, g·K + k, p] = x[n, g·C_in/g + ci, oh·s − pad + kh·d, ow·s − pad + kw·d]   (0 outside x), k = (ci, kh, kw)
 *   out[n, g·C_out/g + q, p] = bias + Σ_k W[g·C_out/g + q, k] · cols[n, g·K + k, p]         p = (oh, ow)
 *
 * The right-hand side is a ConvTranspose2d with kernel 1×1, stride 1, padding 0 and `groups` groups, whose weight
 * (g·K, C_out/g, 1, 1) is W read transposed. With precision 'float32' (the fast path) results are float32-accurate
 * like convTranspose's fast path: each output is a float32 sum of K = C_in/groups·kH·kW float32 products. With
 * 'float64' (the exact path's kernel) im2col and the product are float64: each output is the float64 sum of the
 * same products as the scalar loop, in another order.
 */
export interface ForwardDims {
  readonly batch: number;
  readonly cIn: number;
  readonly hIn: number;
  readonly wIn: number;
  readonly cOut: number;
  readonly kH: number;
  readonly kW: number;
  readonly hOut: number;
  readonly wOut: number;
  readonly sH: number;
  readonly sW: number;
  readonly pH: number;
  readonly pW: number;
  readonly dH: number;
  readonly dW: number;
  readonly groups: number;
}

/** Multiply-adds of the forward convolution: N·C_out·H_out·W_out·(C_in/groups)·kH·kW. */
export function forwardMacsOf(d: ForwardDims): number {
  return d.batch * d.cOut * d.hOut * d.wOut * (d.cIn / d.groups) * d.kH * d.kW;
}

/** Bytes of im2col built at once at most (16 MiB); larger layers go a sample or a band of rows at a time. */
const MAX_COLS_BYTES = 1 << 24;

/**
 * Writes conv(x, w) + bias into `out` (N·C_out·H_out·W_out, any float dtype). x (N, C_in, H, W), w (C_out,
 * C_in/groups, kH, kW), both read in `options.precision` (default float32).
 */
export function convFast(
  x: TensorData,
  w: TensorData,
  bias: TensorData | null,
  d: ForwardDims,
  out: TensorData,
  options: Pick<FastOptions, 'kernel' | 'precision'> = {},
): void {
  const { batch, cIn, cOut, kH, kW, hOut, wOut, groups } = d;
  const f64 = options.precision === 'float64';
  const storage = (length: number) => (f64 ? new Float64Array(length) : new Float32Array(length));
  const maxCols = MAX_COLS_BYTES / (f64 ? 8 : 4);
  const plane = hOut * wOut;
  if (batch === 0 || cOut === 0 || plane === 0) return;
  const cInPerGroup = cIn / groups;
  const cOutPerGroup = cOut / groups;
  const K = cInPerGroup * kH * kW;
  // The transposed 1×1 weight: wt[g·K + k, q] = w[g·C_out/g + q, k].
  const wt = storage(groups * K * cOutPerGroup);
  for (let g = 0; g < groups; g++) {
    for (let q = 0; q < cOutPerGroup; q++) {
      const from = (g * cOutPerGroup + q) * K;
      for (let k = 0; k < K; k++) wt[(g * K + k) * cOutPerGroup + q] = w[from + k];
    }
  }
  const perSample = groups * K * plane;
  if (perSample <= maxCols) {
    const samples = Math.max(1, Math.floor(maxCols / Math.max(1, perSample)));
    for (let n0 = 0; n0 < batch; n0 += samples) {
      const count = Math.min(samples, batch - n0);
      const cols = storage(count * perSample);
      for (let n = 0; n < count; n++) im2col(x, d, n0 + n, 0, hOut, cols, n * perSample);
      const target = out.subarray(n0 * cOut * plane, (n0 + count) * cOut * plane);
      convTransposeFast(
        cols,
        wt,
        bias,
        gemmDims(count, groups * K, cOut, cOutPerGroup, plane, groups),
        target,
        options,
      );
    }
    return;
  }
  // One sample's im2col is too large: bands of output rows, each computed into a scratch and copied per channel.
  const rowsPerBand = Math.max(1, Math.floor(maxCols / Math.max(1, groups * K * wOut)));
  for (let n = 0; n < batch; n++) {
    for (let r0 = 0; r0 < hOut; r0 += rowsPerBand) {
      const rows = Math.min(rowsPerBand, hOut - r0);
      const band = rows * wOut;
      const cols = storage(groups * K * band);
      im2col(x, d, n, r0, rows, cols, 0);
      const scratch = storage(cOut * band);
      convTransposeFast(cols, wt, bias, gemmDims(1, groups * K, cOut, cOutPerGroup, band, groups), scratch, options);
      for (let co = 0; co < cOut; co++) {
        out.set(scratch.subarray(co * band, (co + 1) * band), (n * cOut + co) * plane + r0 * wOut);
      }
    }
  }
}

function gemmDims(batch: number, cIn: number, cOut: number, cOutPerGroup: number, p: number, groups: number): ConvDims {
  return {
    batch,
    cIn,
    hIn: 1,
    wIn: p,
    cOut,
    cOutPerGroup,
    kH: 1,
    kW: 1,
    hOut: 1,
    wOut: p,
    sH: 1,
    sW: 1,
    pH: 0,
    pW: 0,
    dH: 1,
    dW: 1,
    groups,
  };
}

/** Output rows r0 … r0 + rows − 1 of sample n as im2col columns: (C_in·kH·kW) rows of rows·W_out, from `at`. */
function im2col(
  x: TensorData,
  d: ForwardDims,
  n: number,
  r0: number,
  rows: number,
  cols: Float32Array | Float64Array,
  at: number,
) {
  const { cIn, hIn, wIn, kH, kW, wOut, sH, sW, pH, pW, dH, dW } = d;
  const band = rows * wOut;
  let row = at;
  for (let c = 0; c < cIn; c++) {
    const inBase = (n * cIn + c) * hIn * wIn;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++, row += band) {
        // Output columns whose input column ow·s − p + kw·d is inside [0, W_in).
        const offset = kw * dW - pW;
        const owLo = Math.min(wOut, Math.max(0, Math.ceil(-offset / sW)));
        const owHi = Math.max(owLo, Math.min(wOut, Math.floor((wIn - 1 - offset) / sW) + 1));
        for (let r = 0; r < rows; r++) {
          const ih = (r0 + r) * sH - pH + kh * dH;
          const dst = row + r * wOut;
          if (ih < 0 || ih >= hIn) continue; // the fresh array is zero already
          const src = inBase + ih * wIn + offset;
          if (sW === 1) {
            for (let ow = owLo; ow < owHi; ow++) cols[dst + ow] = x[src + ow];
          } else {
            for (let ow = owLo; ow < owHi; ow++) cols[dst + ow] = x[src + ow * sW];
          }
        }
      }
    }
  }
}

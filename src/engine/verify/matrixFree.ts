/**
 * The convolution matrix W of a transposed-convolution layer, used without being stored: its rows are generated
 * from the geometry as they are used. Row r of W is element r of one input sample Y (C_in, D, H, W); its entries
 * sit in the columns of the output elements that input element reaches, (co, id·s − p + kd·d, …), in ascending
 * column order (the order of matrix.ts's CSR), each holding the weight tap that takes it there.
 *
 * Every tensor is lifted to 3-D (1-D and 2-D layers have D = 1, and 1-D H = 1), so one code serves all ranks.
 */
import type { Tensor } from '../tensor';
import type { LayerContext } from './layer';

export interface Geometry3d {
  readonly cIn: number;
  readonly cOut: number;
  readonly groups: number;
  readonly cInPerGroup: number;
  readonly cOutPerGroup: number;
  /** Input (Y) and output (X) spatial sizes, and the kernel, each (D, H, W). */
  readonly inSize: readonly [number, number, number];
  readonly outSize: readonly [number, number, number];
  readonly kernel: readonly [number, number, number];
  /** Per axis and input index i: the first valid tap and one past the last (o = i·s − p + k·d inside [0, O)). */
  readonly tapLo: readonly [Int32Array, Int32Array, Int32Array];
  readonly tapHi: readonly [Int32Array, Int32Array, Int32Array];
  readonly stride: readonly [number, number, number];
  readonly padding: readonly [number, number, number];
  readonly dilation: readonly [number, number, number];
  /** Elements of one input sample (rows of W) and one output sample (columns). */
  readonly rows: number;
  readonly cols: number;
  /** Stored entries of W (every in-bounds tap), counted from the tap tables. */
  readonly nnz: number;
}

function lift3<T>(values: readonly T[], fill: T): [T, T, T] {
  const v = [...values];
  while (v.length < 3) v.unshift(fill);
  return [v[0], v[1], v[2]];
}

export function geometryOf(ctx: LayerContext): Geometry3d {
  const [, cIn, ...inSpatial] = ctx.input.shape;
  const [, cOut, ...outSpatial] = ctx.outputShape;
  const inSize = lift3(inSpatial, 1);
  const outSize = lift3(outSpatial, 1);
  const kernel = lift3(ctx.weight.shape.slice(2), 1);
  const stride = lift3(ctx.params.stride, 1);
  const padding = lift3(ctx.params.padding, 0);
  const dilation = lift3(ctx.params.dilation, 1);
  const tapLo: Int32Array[] = [];
  const tapHi: Int32Array[] = [];
  let taps = 1;
  for (let a = 0; a < 3; a++) {
    const lo = new Int32Array(inSize[a]);
    const hi = new Int32Array(inSize[a]);
    let total = 0;
    for (let i = 0; i < inSize[a]; i++) {
      const origin = i * stride[a] - padding[a];
      lo[i] = Math.min(kernel[a], Math.max(0, Math.ceil(-origin / dilation[a])));
      hi[i] = Math.max(lo[i], Math.min(kernel[a], Math.floor((outSize[a] - 1 - origin) / dilation[a]) + 1));
      total += hi[i] - lo[i];
    }
    tapLo.push(lo);
    tapHi.push(hi);
    taps *= total;
  }
  const groups = ctx.params.groups;
  return {
    cIn,
    cOut,
    groups,
    cInPerGroup: cIn / groups,
    cOutPerGroup: cOut / groups,
    inSize,
    outSize,
    kernel,
    tapLo: [tapLo[0], tapLo[1], tapLo[2]],
    tapHi: [tapHi[0], tapHi[1], tapHi[2]],
    stride,
    padding,
    dilation,
    rows: cIn * inSize[0] * inSize[1] * inSize[2],
    cols: cOut * outSize[0] * outSize[1] * outSize[2],
    nnz: cIn * (cOut / groups) * taps,
  };
}

/** A product with W or Wᵀ and, entry by entry, the sum of the magnitudes of its terms (for rounding bounds). */
export interface Product {
  readonly value: Float64Array;
  readonly absolute: Float64Array;
}

/**
 * W·x for one sample x (the output's size), row by row: y[r] = Σ W[r, c]·x[c], the row's entries generated in
 * forEachEntry's order (written out here so the loop stays tight). `xAbs`, when given, is what the magnitudes are
 * summed against (|W|·xAbs); otherwise Σ|W[r, c]·x[c]|.
 */
export function timesW(g: Geometry3d, weight: Tensor, x: ArrayLike<number>, xAbs?: ArrayLike<number>): Product {
  return rowsLoop(g, weight, x, xAbs, false);
}

/** Wᵀ·y for one sample y (the input's size), scattering row r of W scaled by y[r]; magnitudes as in timesW. */
export function timesWt(g: Geometry3d, weight: Tensor, y: ArrayLike<number>, yAbs?: ArrayLike<number>): Product {
  return rowsLoop(g, weight, y, yAbs, true);
}

function rowsLoop(
  g: Geometry3d,
  weight: Tensor,
  v: ArrayLike<number>,
  vAbs: ArrayLike<number> | undefined,
  transposed: boolean,
): Product {
  const w = weight.data;
  const [D, H, W] = g.inSize;
  const [Do, Ho, Wo] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const [sD, sH, sW] = g.stride;
  const [pD, pH, pW] = g.padding;
  const [dD, dH, dW] = g.dilation;
  const size = transposed ? g.cols : g.rows;
  const value = new Float64Array(size);
  const absolute = new Float64Array(size);
  let r = 0;
  for (let ci = 0; ci < g.cIn; ci++) {
    const group = Math.floor(ci / g.cInPerGroup);
    for (let id = 0; id < D; id++) {
      const [kd0, kd1] = [g.tapLo[0][id], g.tapHi[0][id]];
      for (let ih = 0; ih < H; ih++) {
        const [kh0, kh1] = [g.tapLo[1][ih], g.tapHi[1][ih]];
        for (let iw = 0; iw < W; iw++, r++) {
          const kw0 = g.tapLo[2][iw];
          const kw1 = g.tapHi[2][iw];
          const yr = transposed ? v[r] : 0;
          const ya = transposed ? (vAbs ? vAbs[r] : Math.abs(yr)) : 0;
          if (transposed && yr === 0 && ya === 0) continue;
          let sum = 0;
          let abs = 0;
          for (let q = 0; q < g.cOutPerGroup; q++) {
            const co = group * g.cOutPerGroup + q;
            const tapBase = (ci * g.cOutPerGroup + q) * kD;
            for (let kd = kd0; kd < kd1; kd++) {
              const od = id * sD - pD + kd * dD;
              for (let kh = kh0; kh < kh1; kh++) {
                const colRow = ((co * Do + od) * Ho + ih * sH - pH + kh * dH) * Wo + iw * sW - pW;
                const tapRow = ((tapBase + kd) * kH + kh) * kW;
                if (transposed) {
                  for (let kw = kw0; kw < kw1; kw++) {
                    const wv = w[tapRow + kw];
                    value[colRow + kw * dW] += wv * yr;
                    absolute[colRow + kw * dW] += Math.abs(wv) * ya;
                  }
                } else if (vAbs) {
                  for (let kw = kw0; kw < kw1; kw++) {
                    const wv = w[tapRow + kw];
                    sum += wv * v[colRow + kw * dW];
                    abs += Math.abs(wv) * vAbs[colRow + kw * dW];
                  }
                } else {
                  for (let kw = kw0; kw < kw1; kw++) {
                    const term = w[tapRow + kw] * v[colRow + kw * dW];
                    sum += term;
                    abs += Math.abs(term);
                  }
                }
              }
            }
          }
          if (!transposed) {
            value[r] = sum;
            absolute[r] = abs;
          }
        }
      }
    }
  }
  return { value, absolute };
}

/**
 * d2l's picture, streamed: for every (output channel) plane, each input element of the group broadcast through
 * its kernel slice (value·K[ci, co]) and added where each tap lands, the padding crop applied as it lands (no
 * canvas, no step list). One sample y; bias not added. Magnitudes as in timesW.
 */
export function broadcastSum(g: Geometry3d, weight: Tensor, y: ArrayLike<number>, yAbs?: ArrayLike<number>): Product {
  return broadcastPlanes(g, weight, y, yAbs, 0, g.cOut);
}

/**
 * broadcastSum for the output channels coFrom … coTo − 1 only (d2l's picture of those planes, whole): the result
 * holds (coTo − coFrom) planes, plane by plane.
 */
export function broadcastPlanes(
  g: Geometry3d,
  weight: Tensor,
  y: ArrayLike<number>,
  yAbs: ArrayLike<number> | undefined,
  coFrom: number,
  coTo: number,
): Product {
  const w = weight.data;
  const [D, H, W] = g.inSize;
  const [Do, Ho, Wo] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const [sD, sH, sW] = g.stride;
  const [pD, pH, pW] = g.padding;
  const [dD, dH, dW] = g.dilation;
  const [loD, loH, loW] = g.tapLo;
  const [hiD, hiH, hiW] = g.tapHi;
  const plane = Do * Ho * Wo;
  const value = new Float64Array((coTo - coFrom) * plane);
  const absolute = new Float64Array((coTo - coFrom) * plane);
  const kk = kD * kH * kW;
  for (let co = coFrom; co < coTo; co++) {
    const group = Math.floor(co / g.cOutPerGroup);
    const q = co % g.cOutPerGroup;
    const outBase = (co - coFrom) * plane;
    for (let c = 0; c < g.cInPerGroup; c++) {
      const ci = group * g.cInPerGroup + c;
      const K = (ci * g.cOutPerGroup + q) * kk;
      let at = ci * D * H * W;
      for (let id = 0; id < D; id++) {
        const kd0 = loD[id];
        const kd1 = hiD[id];
        for (let ih = 0; ih < H; ih++) {
          const kh0 = loH[ih];
          const kh1 = hiH[ih];
          for (let iw = 0; iw < W; iw++, at++) {
            const v = y[at];
            const va = yAbs ? yAbs[at] : Math.abs(v);
            if (v === 0 && va === 0) continue;
            const kw0 = loW[iw];
            const kw1 = hiW[iw];
            const col = iw * sW - pW;
            for (let kd = kd0; kd < kd1; kd++) {
              const od = id * sD - pD + kd * dD;
              for (let kh = kh0; kh < kh1; kh++) {
                const row = outBase + (od * Ho + ih * sH - pH + kh * dH) * Wo + col;
                const tap = K + (kd * kH + kh) * kW;
                for (let kw = kw0; kw < kw1; kw++) {
                  const wv = w[tap + kw];
                  value[row + kw * dW] += v * wv;
                  absolute[row + kw * dW] += va * Math.abs(wv);
                }
              }
            }
          }
        }
      }
    }
  }
  return { value, absolute };
}

/** Σ|W[r, c]| over the stored entries of one sample's W: each tap's |w| times the input positions it is in bounds at. */
export function entryMagnitude(g: Geometry3d, weight: Tensor): number {
  const counts = [0, 1, 2].map((a) => {
    const c = new Float64Array(g.kernel[a]);
    for (let i = 0; i < g.inSize[a]; i++) for (let k = g.tapLo[a][i]; k < g.tapHi[a][i]; k++) c[k]++;
    return c;
  });
  const [kD, kH, kW] = g.kernel;
  let total = 0;
  const w = weight.data;
  for (let base = 0; base < w.length; base += kD * kH * kW) {
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        const m = counts[0][kd] * counts[1][kh];
        for (let kw = 0; kw < kW; kw++) total += Math.abs(w[base + (kd * kH + kh) * kW + kw]) * m * counts[2][kw];
      }
    }
  }
  return total;
}

/** One entry and the sum of the magnitudes of its terms. */
export interface Entry {
  value: number;
  absolute: number;
}

/**
 * Row r of W (element r of one input sample: channel ci at (id, ih, iw)) times one output-sized sample x, which
 * starts at `offset` of `x`: Σ_c W[r, c]·x[c], the row's entries generated from the geometry: for each in-bounds
 * tap (kd, kh, kw) of that position, the output channels of the group in one run (stride kD·kH·kW in W, one
 * output plane in x).
 */
export function rowTimes(g: Geometry3d, weight: Tensor, r: number, x: ArrayLike<number>, offset: number): Entry {
  const w = weight.data;
  const [D, H, W] = g.inSize;
  const [Do, Ho, Wo] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const iw = r % W;
  const ih = Math.floor(r / W) % H;
  const id = Math.floor(r / (W * H)) % D;
  const ci = Math.floor(r / (W * H * D));
  const group = Math.floor(ci / g.cInPerGroup);
  const kk = kD * kH * kW;
  const plane = Do * Ho * Wo;
  const wBase = ci * g.cOutPerGroup * kk;
  const xBase = offset + group * g.cOutPerGroup * plane;
  let value = 0;
  let absolute = 0;
  for (let kd = g.tapLo[0][id]; kd < g.tapHi[0][id]; kd++) {
    const od = id * g.stride[0] - g.padding[0] + kd * g.dilation[0];
    for (let kh = g.tapLo[1][ih]; kh < g.tapHi[1][ih]; kh++) {
      const oh = ih * g.stride[1] - g.padding[1] + kh * g.dilation[1];
      for (let kw = g.tapLo[2][iw]; kw < g.tapHi[2][iw]; kw++) {
        const ow = iw * g.stride[2] - g.padding[2] + kw * g.dilation[2];
        let wi = wBase + (kd * kH + kh) * kW + kw;
        let xi = xBase + (od * Ho + oh) * Wo + ow;
        for (let q = 0; q < g.cOutPerGroup; q++, wi += kk, xi += plane) {
          const term = w[wi] * x[xi];
          value += term;
          absolute += Math.abs(term);
        }
      }
    }
  }
  return { value, absolute };
}

/** The taps k of one axis that take some input index i to output index o (o = i·s − p + k·d), with those i. */
function tapsTo(o: number, a: number, g: Geometry3d): [number[], number[]] {
  const ks: number[] = [];
  const is: number[] = [];
  for (let k = 0; k < g.kernel[a]; k++) {
    const t = o + g.padding[a] - k * g.dilation[a];
    if (t < 0 || t % g.stride[a] !== 0) continue;
    const i = t / g.stride[a];
    if (i < g.inSize[a]) {
      ks.push(k);
      is.push(i);
    }
  }
  return [ks, is];
}

/**
 * Column c of W (element c of one output sample: channel co at (od, oh, ow)) dotted with one input-sized sample y
 * from `offset`: Σ_r W[r, c]·y[r], i.e. entry c of Wᵀ·y, the column's entries generated from the geometry: for
 * each tap that reaches that position, the input channels of the group in one run.
 */
export function columnTimes(g: Geometry3d, weight: Tensor, c: number, y: ArrayLike<number>, offset: number): Entry {
  const w = weight.data;
  const [D, H, W] = g.inSize;
  const [Do, Ho, Wo] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const ow = c % Wo;
  const oh = Math.floor(c / Wo) % Ho;
  const od = Math.floor(c / (Wo * Ho)) % Do;
  const co = Math.floor(c / (Wo * Ho * Do));
  const group = Math.floor(co / g.cOutPerGroup);
  const q = co % g.cOutPerGroup;
  const [kds, ids] = tapsTo(od, 0, g);
  const [khs, ihs] = tapsTo(oh, 1, g);
  const [kws, iws] = tapsTo(ow, 2, g);
  const kk = kD * kH * kW;
  const plane = D * H * W;
  const wStride = g.cOutPerGroup * kk;
  const ci0 = group * g.cInPerGroup;
  let value = 0;
  let absolute = 0;
  for (let a = 0; a < kds.length; a++) {
    for (let b = 0; b < khs.length; b++) {
      for (let e = 0; e < kws.length; e++) {
        let wi = (ci0 * g.cOutPerGroup + q) * kk + (kds[a] * kH + khs[b]) * kW + kws[e];
        let yi = offset + ci0 * plane + (ids[a] * H + ihs[b]) * W + iws[e];
        for (let cl = 0; cl < g.cInPerGroup; cl++, wi += wStride, yi += plane) {
          const term = w[wi] * y[yi];
          value += term;
          absolute += Math.abs(term);
        }
      }
    }
  }
  return { value, absolute };
}

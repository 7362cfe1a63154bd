import type { ConvParams } from '../params';
import { numel, stridesOf, type Tensor } from '../tensor';

/**
 * The paired convolution conv(X) of a transposed layer, as the gradient check reads it: Y is the layer's input,
 * X (the conv's input) has the layer's output shape. Any number of spatial axes (1-D layers come lifted to 2-D).
 */
export interface Geometry {
  readonly y: Tensor;
  readonly weight: Tensor;
  readonly p: ConvParams;
  /** conv input shape (N, C, ...spatial) = the layer's output shape. */
  readonly x: readonly number[];
  readonly cPerGroup: number;
  readonly outPerGroup: number;
}

/**
 * The part of the convolution that sees one input element (channel c at spatial position pos of sample n): output
 * positions lo … lo + rows − 1 per axis (limited to Y's size) and the input crop they read. Everything outside it is
 * unaffected by that element, so the engine's conv run on the crop (padding 0, zeros where the crop leaves the input)
 * gives exactly the affected part of conv(X).
 */
export interface ReceptiveWindow {
  readonly group: number;
  readonly cLocal: number;
  /** First output position per spatial axis, and how many. */
  readonly lo: readonly number[];
  readonly rows: readonly number[];
  /** The crop of X the window's outputs read: its first position per axis (may be negative) and size. */
  readonly start: readonly number[];
  readonly crop: readonly number[];
}

/** The window of input element (c, pos), or null when no output reads it. */
export function windowOf(g: Geometry, c: number, pos: readonly number[]): ReceptiveWindow | null {
  const lo: number[] = [];
  const rows: number[] = [];
  const start: number[] = [];
  const crop: number[] = [];
  for (let a = 0; a < pos.length; a++) {
    const k = g.weight.shape[a + 2];
    const [s, pad, d] = [g.p.stride[a], g.p.padding[a], g.p.dilation[a]];
    const first = Math.max(0, Math.ceil((pos[a] + pad - (k - 1) * d) / s));
    const last = Math.min(g.y.shape[a + 2] - 1, Math.floor((pos[a] + pad) / s));
    if (first > last) return null;
    lo.push(first);
    rows.push(last - first + 1);
    start.push(first * s - pad);
    crop.push((last - first) * s + (k - 1) * d + 1);
  }
  return { group: Math.floor(c / g.cPerGroup), cLocal: c % g.cPerGroup, lo, rows, start, crop };
}

/** The largest window per axis: as many outputs as taps can reach, each stride apart. */
export function largestWindow(weightShape: readonly number[], p: ConvParams): number[] {
  return weightShape.slice(2).map((k, a) => {
    const reach = (k - 1) * p.dilation[a];
    return Math.floor(reach / p.stride[a]) * p.stride[a] + reach + 1;
  });
}

/** Steps an odometer `at` (each axis from lo[a] up to hi[a] − 1, the last fastest); false once it wraps. */
function nextPosition(at: number[], lo: readonly number[], hi: readonly number[]): boolean {
  for (let a = at.length - 1; a >= 0; a--) {
    if (++at[a] < hi[a]) return true;
    at[a] = lo[a];
  }
  return false;
}

/** ⟨out, Y⟩ over the window, `out` holding the window's outputs (C_out/groups × rows) from `offset`. */
export function dotWithY(
  g: Geometry,
  win: ReceptiveWindow,
  n: number,
  out: ArrayLike<number>,
  offset: number,
): { value: number; absolute: number } {
  const [, cY, ...spatial] = g.y.shape;
  const last = spatial.length - 1;
  const zeros = new Array<number>(last).fill(0);
  const lineRows = win.rows.slice(0, last);
  let value = 0;
  let absolute = 0;
  let at = offset;
  for (let q = 0; q < g.outPerGroup; q++) {
    const line = [...zeros];
    do {
      let yRow = n * cY + win.group * g.outPerGroup + q;
      for (let a = 0; a < last; a++) yRow = yRow * spatial[a] + win.lo[a] + line[a];
      yRow = yRow * spatial[last] + win.lo[last];
      for (let b = 0; b < win.rows[last]; b++, at++) {
        const term = out[at] * g.y.data[yRow + b];
        value += term;
        absolute += Math.abs(term);
      }
    } while (nextPosition(line, zeros, lineRows));
  }
  return { value, absolute };
}

/** Weight rows of one input channel: (C_out/groups of the group, 1, ...k). */
export function channelSlice(g: Geometry, c: number): Tensor {
  const k = g.weight.shape.slice(2);
  const kk = numel(k);
  const group = Math.floor(c / g.cPerGroup);
  const data = new Float64Array(g.outPerGroup * kk);
  for (let q = 0; q < g.outPerGroup; q++) {
    const from = ((group * g.outPerGroup + q) * g.cPerGroup + (c % g.cPerGroup)) * kk;
    data.set(g.weight.data.subarray(from, from + kk), q * kk);
  }
  return { shape: [g.outPerGroup, 1, ...k], data };
}

/** Index of spatial position pos within the window's crop of one channel (channel cLocal of the group's crops). */
export function cropIndex(win: ReceptiveWindow, cLocal: number, pos: readonly number[]): number {
  const strides = stridesOf(win.crop);
  return pos.reduce((at, p, a) => at + (p - win.start[a]) * strides[a], cLocal * numel(win.crop));
}

/** The window's crop of X for all channels of its group, zero outside X (the layer's padding). */
export function cropOf(g: Geometry, X: Tensor, win: ReceptiveWindow, n: number): Float64Array {
  const [, channels, ...spatial] = g.x;
  const last = spatial.length - 1;
  const { crop: size, start } = win;
  const crop = new Float64Array(g.cPerGroup * numel(size));
  // The crop's lines (every axis but the last) that lie inside X, and the part of each line inside X.
  const lo = spatial.slice(0, last).map((_, a) => Math.max(0, -start[a]));
  const hi = spatial.slice(0, last).map((s, a) => Math.min(size[a], s - start[a]));
  if (lo.some((l, a) => l >= hi[a])) return crop;
  const c0 = Math.max(0, -start[last]);
  const c1 = Math.min(size[last], spatial[last] - start[last]);
  for (let cl = 0; cl < g.cPerGroup; cl++) {
    const plane = n * channels + win.group * g.cPerGroup + cl;
    const line = [...lo];
    do {
      let from = plane;
      let to = cl;
      for (let a = 0; a < last; a++) {
        from = from * spatial[a] + start[a] + line[a];
        to = to * size[a] + line[a];
      }
      from = from * spatial[last] + start[last];
      to *= size[last];
      crop.set(X.data.subarray(from + c0, from + c1), to + c0);
    } while (nextPosition(line, lo, hi));
  }
  return crop;
}

/**
 * torch.nn.Upsample over N×C×spatial tensors: mode "nearest" (PyTorch's legacy nearest, not nearest-exact)
 * or linear interpolation along every spatial axis ("linear" 1-D, "bilinear" 2-D, "trilinear" 3-D), with
 * align_corners. Output size: `size` as given, or ⌊in · scale_factor⌋.
 */
import { EngineError } from './errors';
import type { DimCalc } from './shape';
import { allocate, dtypeOf, numel, type Tensor } from './tensor';

export type UpsampleMode = 'nearest' | 'linear' | 'bilinear' | 'trilinear';

export interface UpsampleOptions {
  /** One output size per spatial axis (PyTorch's `size`), or … */
  readonly size?: readonly number[];
  /** … one scale factor per spatial axis (PyTorch's `scale_factor`). */
  readonly scaleFactor?: readonly number[];
  readonly mode: UpsampleMode;
  readonly alignCorners?: boolean;
}

/** The interpolating mode PyTorch requires for a number of spatial axes. */
export function linearModeFor(rank: number): UpsampleMode {
  return rank === 1 ? 'linear' : rank === 2 ? 'bilinear' : 'trilinear';
}

export function upsampleDimCalc(axis: string, inSize: number, size?: number, scaleFactor?: number): DimCalc {
  if (size !== undefined)
    return { axis, out: size, formula: `${axis}_out = size`, substituted: `${size}` + ` = ${size}` };
  const factor = scaleFactor ?? 1;
  const out = Math.floor(inSize * factor);
  return {
    axis,
    out,
    formula: `${axis}_out = ⌊${axis}_in · scale_factor⌋`,
    substituted: `⌊${inSize} · ${factor}⌋ = ${out}`,
  };
}

function outSizes(x: Tensor, o: UpsampleOptions): number[] {
  const rank = x.shape.length - 2;
  const sizes = o.size ? [...o.size] : x.shape.slice(2).map((n, d) => Math.floor(n * (o.scaleFactor?.[d] ?? 1)));
  if (sizes.length !== rank || sizes.some((s) => !Number.isInteger(s) || s < 1))
    throw new EngineError('output-size-nonpositive', `invalid upsample output size [${sizes.join(', ')}]`);
  return sizes;
}

/**
 * PyTorch's compute_scales_value: 1 / scale_factor when one was given, else in / out. Nearest computes it
 * (and the source index) in float32, as PyTorch's CPU kernel does; the linear modes in float64 (opmath of double).
 */
function scaleOf(o: UpsampleOptions, d: number, inSize: number, outSize: number): number {
  const factor = o.size === undefined ? o.scaleFactor?.[d] : undefined;
  return factor !== undefined && factor > 0 ? 1 / factor : inSize / outSize;
}

/** Per output position along one axis: the two source indices and their weights. */
interface AxisTaps {
  readonly i0: Int32Array;
  readonly i1: Int32Array;
  readonly w0: Float64Array;
  readonly w1: Float64Array;
}

function nearestTaps(o: UpsampleOptions, d: number, inSize: number, outSize: number): AxisTaps {
  const taps = {
    i0: new Int32Array(outSize),
    i1: new Int32Array(outSize),
    w0: new Float64Array(outSize),
    w1: new Float64Array(outSize),
  };
  const scale = Math.fround(scaleOf(o, d, inSize, outSize));
  for (let j = 0; j < outSize; j++) {
    let src: number;
    if (outSize === inSize) src = j;
    else if (outSize === 2 * inSize) src = j >> 1;
    else src = Math.min(Math.floor(Math.fround(j * scale)), inSize - 1);
    taps.i0[j] = src;
    taps.i1[j] = src;
    taps.w0[j] = 1;
  }
  return taps;
}

function linearTaps(o: UpsampleOptions, d: number, inSize: number, outSize: number): AxisTaps {
  const taps = {
    i0: new Int32Array(outSize),
    i1: new Int32Array(outSize),
    w0: new Float64Array(outSize),
    w1: new Float64Array(outSize),
  };
  const align = o.alignCorners ?? false;
  // area_pixel_compute_scale / area_pixel_compute_source_index.
  const scale = align ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scaleOf(o, d, inSize, outSize);
  for (let j = 0; j < outSize; j++) {
    let src = align ? scale * j : scale * (j + 0.5) - 0.5;
    if (!align && src < 0) src = 0;
    const i0 = Math.trunc(src);
    const step = i0 < inSize - 1 ? 1 : 0;
    const lambda1 = src - i0;
    taps.i0[j] = i0;
    taps.i1[j] = i0 + step;
    taps.w1[j] = lambda1;
    taps.w0[j] = 1 - lambda1;
  }
  return taps;
}

export function upsample(x: Tensor, o: UpsampleOptions): Tensor {
  const rank = x.shape.length - 2;
  if (o.mode !== 'nearest' && o.mode !== linearModeFor(rank))
    throw new EngineError(
      'invalid-parameter',
      `mode "${o.mode}" needs ${o.mode === 'linear' ? 1 : o.mode === 'bilinear' ? 2 : 3} spatial dimensions, got ${rank}`,
    );
  const inSpatial = x.shape.slice(2);
  const outSpatial = outSizes(x, o);
  const outShape = [x.shape[0], x.shape[1], ...outSpatial];
  const taps = inSpatial.map((n, d) =>
    o.mode === 'nearest' ? nearestTaps(o, d, n, outSpatial[d]) : linearTaps(o, d, n, outSpatial[d]),
  );
  const planes = x.shape[0] * x.shape[1];
  const inPlane = numel(inSpatial);
  const outPlane = numel(outSpatial);
  const out = allocate(numel(outShape), dtypeOf(x));
  const corners = o.mode === 'nearest' ? 1 : 1 << rank;
  const pos = new Array<number>(rank).fill(0);
  for (let i = 0; i < outPlane; i++) {
    // The weights and input offsets of this output position's 2^rank corners (1 for nearest).
    const offsets: number[] = [];
    const weights: number[] = [];
    for (let c = 0; c < corners; c++) {
      let offset = 0;
      let weight = 1;
      for (let d = 0; d < rank; d++) {
        const high = (c >> (rank - 1 - d)) & 1;
        const t = taps[d];
        offset = offset * inSpatial[d] + (high ? t.i1[pos[d]] : t.i0[pos[d]]);
        weight *= high ? t.w1[pos[d]] : t.w0[pos[d]];
      }
      offsets.push(offset);
      weights.push(weight);
    }
    for (let p = 0; p < planes; p++) {
      const base = p * inPlane;
      let sum = 0;
      for (let c = 0; c < corners; c++) sum += weights[c] * x.data[base + offsets[c]];
      out[p * outPlane + i] = sum;
    }
    for (let d = rank - 1; d >= 0; d--) {
      if (++pos[d] < outSpatial[d]) break;
      pos[d] = 0;
    }
  }
  return { shape: outShape, data: out };
}

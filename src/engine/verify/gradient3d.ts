import * as l10n from '@vscode/l10n';
import { seededUniform } from '../init';
import type { ConvParams } from '../params';
import { DEFAULT_MAX_ELEMENTS, numel, stridesOf, type Tensor } from '../tensor';
import { compareValues, comparisonDetails, comparisonSummary, fmt, notRunResult } from './compare';
import { randomTensor, type LayerContext } from './layer';
import { verificationTitle, type VerificationResult } from './types';

/**
 * (f) for a 3-D layer: the same two methods as gradient.ts (Jacobian columns up to JACOBIAN_MAX_INPUTS inputs,
 * finite differences at `samples` seeded positions above), with the receptive window of an input element spanning
 * D, H and W. Each column is conv(one-hot crop) through the engine's conv (conv3d), dotted with Y over the window.
 */

interface Window3d {
  readonly group: number;
  readonly cLocal: number;
  /** First output position per axis (D, H, W) and how many. */
  readonly lo: readonly number[];
  readonly rows: readonly number[];
  /** The crop of X the window's outputs read: its first position per axis (may be negative) and size. */
  readonly start: readonly number[];
  readonly crop: readonly number[];
}

interface Geometry3d {
  readonly y: Tensor;
  readonly weight: Tensor;
  readonly p: ConvParams;
  /** conv input shape (N, C, D, H, W) = the layer's output shape. */
  readonly x: readonly number[];
  readonly cPerGroup: number;
  readonly outPerGroup: number;
}

export interface Gradient3dLimits {
  readonly samples: number;
  readonly step: number;
  readonly maxWindowCells: number;
}

function windowOf(g: Geometry3d, c: number, pos: readonly number[]): Window3d | null {
  const lo: number[] = [];
  const rows: number[] = [];
  const start: number[] = [];
  const crop: number[] = [];
  for (let a = 0; a < 3; a++) {
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
export function largestWindow3d(weightShape: readonly number[], p: ConvParams): number[] {
  return [0, 1, 2].map((a) => {
    const reach = (weightShape[a + 2] - 1) * p.dilation[a];
    return Math.floor(reach / p.stride[a]) * p.stride[a] + reach + 1;
  });
}

/** ⟨out, Y⟩ over the window, `out` holding the window's outputs (C_out/groups × rows) from `offset`. */
function dotWithY(
  g: Geometry3d,
  win: Window3d,
  n: number,
  out: ArrayLike<number>,
  offset: number,
): { value: number; absolute: number } {
  const [, cY, dY, hY, wY] = g.y.shape;
  const [rd, rh, rw] = win.rows;
  let value = 0;
  let absolute = 0;
  let at = offset;
  for (let q = 0; q < g.outPerGroup; q++) {
    for (let a = 0; a < rd; a++) {
      for (let b = 0; b < rh; b++) {
        const yRow = (((n * cY + win.group * g.outPerGroup + q) * dY + win.lo[0] + a) * hY + win.lo[1] + b) * wY;
        for (let c = 0; c < rw; c++, at++) {
          const term = out[at] * g.y.data[yRow + win.lo[2] + c];
          value += term;
          absolute += Math.abs(term);
        }
      }
    }
  }
  return { value, absolute };
}

/** Weight rows of one input channel: (C_out/groups of the group, 1, kD, kH, kW). */
function channelSlice(g: Geometry3d, c: number): Tensor {
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

const JACOBIAN_BATCH = 64;
const JACOBIAN_BATCH_CELLS = 1 << 16;

interface Column {
  readonly j: number;
  readonly n: number;
  readonly pos: readonly number[];
  readonly win: Window3d;
}

function basisColumns(
  ctx: LayerContext,
  g: Geometry3d,
  columns: readonly Column[],
  slice: Tensor,
  result: Float64Array,
): void {
  const { crop } = columns[0].win;
  const cells = numel(crop);
  const cropStrides = stridesOf(crop);
  const basis = new Float64Array(columns.length * cells);
  for (const [b, { pos, win }] of columns.entries()) {
    let at = b * cells;
    for (let a = 0; a < 3; a++) at += (pos[a] - win.start[a]) * cropStrides[a];
    basis[at] = 1;
  }
  const out = ctx.ops.conv({ shape: [columns.length, 1, ...crop], data: basis }, slice, null, {
    stride: g.p.stride,
    padding: 0,
    dilation: g.p.dilation,
  });
  const perColumn = g.outPerGroup * numel(columns[0].win.rows);
  for (const [b, { j, n, win }] of columns.entries()) {
    result[j] =
      out.data.length === columns.length * perColumn ? dotWithY(g, win, n, out.data, b * perColumn).value : NaN;
  }
}

/** ⟨J[:, j], Y⟩ with J[:, j] = conv(e_j) for every input element j, windows of one shape batched together. */
function jacobianColumns(ctx: LayerContext, g: Geometry3d): Float64Array {
  const [batch, channels, d, h, w] = g.x;
  const result = new Float64Array(numel(g.x));
  for (let c = 0; c < channels; c++) {
    const slice = channelSlice(g, c);
    const waiting = new Map<string, Column[]>();
    for (let n = 0; n < batch; n++) {
      for (let id = 0; id < d; id++) {
        for (let ih = 0; ih < h; ih++) {
          for (let iw = 0; iw < w; iw++) {
            const j = (((n * channels + c) * d + id) * h + ih) * w + iw;
            const pos = [id, ih, iw];
            const win = windowOf(g, c, pos);
            if (!win) continue;
            const shape = `${win.rows.join('×')}/${win.crop.join('×')}`;
            const columns = waiting.get(shape) ?? [];
            columns.push({ j, n, pos, win });
            const batchSize = Math.max(1, Math.min(JACOBIAN_BATCH, Math.floor(JACOBIAN_BATCH_CELLS / numel(win.crop))));
            if (columns.length < batchSize) waiting.set(shape, columns);
            else {
              waiting.delete(shape);
              basisColumns(ctx, g, columns, slice, result);
            }
          }
        }
      }
    }
    for (const columns of waiting.values()) basisColumns(ctx, g, columns, slice, result);
  }
  return result;
}

/** The window's crop of X for all channels of its group, zero outside X (the layer's padding). */
function cropOf(g: Geometry3d, X: Tensor, win: Window3d, n: number): Float64Array {
  const [, channels, d, h, w] = g.x;
  const [cd, ch, cw] = win.crop;
  const [sd, sh, sw] = win.start;
  const crop = new Float64Array(g.cPerGroup * cd * ch * cw);
  const c0 = Math.max(0, -sw);
  const c1 = Math.min(cw, w - sw);
  for (let cl = 0; cl < g.cPerGroup; cl++) {
    const volume = (n * channels + win.group * g.cPerGroup + cl) * d;
    for (let a = Math.max(0, -sd); a < Math.min(cd, d - sd); a++) {
      for (let b = Math.max(0, -sh); b < Math.min(ch, h - sh); b++) {
        const from = ((volume + sd + a) * h + sh + b) * w + sw;
        crop.set(X.data.subarray(from + c0, from + c1), ((cl * cd + a) * ch + b) * cw + c0);
      }
    }
  }
  return crop;
}

/**
 * The gradient check of a 3-D layer; `ctx` is prepared (rank 3). The caller (verifyGradient) chose the method
 * and passes its limits, so both ranks share one set of constants.
 */
export function verifyGradient3d(
  ctx: LayerContext,
  method: 'jacobian' | 'finite-differences',
  limits: Gradient3dLimits,
): VerificationResult {
  const g: Geometry3d = {
    y: ctx.input,
    weight: ctx.weight,
    p: ctx.params,
    x: ctx.outputShape,
    cPerGroup: ctx.outputShape[1] / ctx.params.groups,
    outPerGroup: ctx.input.shape[1] / ctx.params.groups,
  };
  const gradient = ctx.ops.convTranspose(ctx.input, ctx.weight, null, ctx.params).data;
  const inputs = numel(g.x);
  const window = largestWindow3d(ctx.weight.shape, ctx.params);
  const windowCells = numel(window) * (method === 'jacobian' ? 1 : g.cPerGroup);
  if (numel(window) > limits.maxWindowCells || windowCells > DEFAULT_MAX_ELEMENTS) {
    // The 2-D wording with the window written D×H in its first number.
    const reason = l10n.t(
      'a receptive window of {0}×{1} = {2} cells, above the cap of {3} per channel and {4} in all',
      `${window[0]}×${window[1]}`,
      window[2],
      windowCells,
      limits.maxWindowCells,
      DEFAULT_MAX_ELEMENTS,
    );
    return notRunResult('gradient', verificationTitle('gradient'), reason, {
      window,
      channels: g.cPerGroup,
      cells: windowCells,
      capPerChannel: limits.maxWindowCells,
      cap: DEFAULT_MAX_ELEMENTS,
    });
  }
  if (method === 'jacobian') {
    const cmp = compareValues(jacobianColumns(ctx, g), gradient, ctx.rtol);
    return {
      name: 'gradient',
      title: verificationTitle('gradient'),
      passed: cmp.passed,
      summary: l10n.t('{0} (⟨conv(e_j), Y⟩ vs convTranspose(Y)[j])', comparisonSummary(cmp, 'Jacobian columns')),
      details: { ...comparisonDetails(cmp, ctx.rtol), method: 'jacobian-columns', inputs, biasIncluded: false },
    };
  }

  const X = randomTensor(g.x, ctx.seed + 2);
  const next = seededUniform(ctx.seed + 3);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(limits.samples, inputs)) chosen.add(Math.floor(next() * inputs));
  const positions = [...chosen].sort((a, b) => a - b);
  const [, channels, d, h, w] = g.x;
  const kernel = ctx.weight.shape.slice(2);
  const blockSize = g.outPerGroup * g.cPerGroup * numel(kernel);
  let maxAbsDiff = 0;
  let worstRatio = 0;
  let worstTolerance = 0;
  for (const j of positions) {
    const pos = [Math.floor(j / (h * w)) % d, Math.floor(j / w) % h, j % w];
    const c = Math.floor(j / (d * h * w)) % channels;
    const n = Math.floor(j / (d * h * w * channels));
    const win = windowOf(g, c, pos);
    let fd = 0;
    let scale = 0;
    if (win) {
      const weight: Tensor = {
        shape: [g.outPerGroup, g.cPerGroup, ...kernel],
        data: g.weight.data.subarray(win.group * blockSize, (win.group + 1) * blockSize),
      };
      const crop = cropOf(g, X, win, n);
      const shape = [1, g.cPerGroup, ...win.crop];
      const at =
        ((win.cLocal * win.crop[0] + pos[0] - win.start[0]) * win.crop[1] + pos[1] - win.start[1]) * win.crop[2] +
        pos[2] -
        win.start[2];
      const forward = { stride: g.p.stride, padding: 0, dilation: g.p.dilation };
      const size = g.outPerGroup * numel(win.rows);
      const before = ctx.ops.conv({ shape, data: crop }, weight, null, forward);
      const lBefore = before.data.length === size ? dotWithY(g, win, n, before.data, 0) : { value: NaN, absolute: NaN };
      crop[at] += limits.step;
      const after = ctx.ops.conv({ shape, data: crop }, weight, null, forward);
      const lAfter = after.data.length === size ? dotWithY(g, win, n, after.data, 0) : { value: NaN, absolute: NaN };
      fd = (lAfter.value - lBefore.value) / limits.step;
      scale = (lBefore.absolute + lAfter.absolute) / limits.step;
    }
    const diff = Math.abs(fd - gradient[j]);
    const tolerance = ctx.rtol * Math.max(1, Math.abs(gradient[j]), scale);
    const ratio = Number.isNaN(diff) ? Infinity : diff / tolerance;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstTolerance = tolerance;
    }
    maxAbsDiff = Math.max(maxAbsDiff, Number.isNaN(diff) ? Infinity : diff);
  }
  const passed = worstRatio <= 1 && gradient.length === inputs;
  return {
    name: 'gradient',
    title: verificationTitle('gradient'),
    passed,
    summary: l10n.t(
      'finite differences at {0} of {1} inputs: max |Δ| = {2}, worst |Δ|/tolerance = {3} {4} 1 (h = {5})',
      positions.length,
      inputs,
      fmt(maxAbsDiff),
      fmt(worstRatio),
      passed ? '≤' : '>',
      limits.step,
    ),
    details: {
      method: 'finite-differences',
      inputs,
      positions,
      step: limits.step,
      maxAbsDiff,
      worstRatio,
      worstTolerance,
      rtol: ctx.rtol,
      tolerance: l10n.t('rtol · max(1, |gradient_j|, Σ|terms of L| / h)'),
      seed: ctx.seed + 2,
      biasIncluded: false,
    },
  };
}

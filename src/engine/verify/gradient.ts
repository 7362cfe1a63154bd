import * as l10n from '@vscode/l10n';
import { seededUniform } from '../init';
import type { ConvParams } from '../params';
import { DEFAULT_MAX_ELEMENTS, numel, type Tensor } from '../tensor';
import { compareValues, comparisonDetails, comparisonSummary, fmt, notRunResult } from './compare';
import { verifyGradient3d } from './gradient3d';
import { lift, liftedParams, prepareLayer, randomTensor, type LayerContext } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

export const JACOBIAN_MAX_INPUTS = 4096;
export const FINITE_DIFFERENCE_SAMPLES = 64;
/** ⟨conv(X), Y⟩ is linear in X, so a forward difference has no truncation error and h = 1 keeps rounding smallest. */
export const FINITE_DIFFERENCE_STEP = 1;
/**
 * Cells of the largest receptive window (the input crop one element's column reads). It grows with
 * dilation·(kernel − 1), so a huge dilation with a matching padding keeps the output small but the window not.
 */
export const MAX_RECEPTIVE_WINDOW_CELLS = 1 << 20;

/**
 * The part of the convolution that sees input element (channel c, row ih, col iw) of sample n: output
 * rows lo…lo+rows−1 (and columns likewise, limited to Y's size) and the input crop they read.
 * Everything outside it is unaffected by that element, so the engine conv run on the crop (padding 0,
 * zeros where the crop leaves the input) gives exactly the affected part of conv(X).
 */
interface ReceptiveWindow {
  readonly group: number;
  readonly cLocal: number;
  readonly rowLo: number;
  readonly colLo: number;
  readonly rows: number;
  readonly cols: number;
  readonly top: number;
  readonly left: number;
  readonly cropH: number;
  readonly cropW: number;
}

interface Geometry {
  readonly y: Tensor;
  readonly weight: Tensor;
  readonly p: ConvParams;
  /** Lifted conv input shape (N, C, H, W) = the layer's output shape. */
  readonly x: readonly number[];
  readonly cPerGroup: number;
  readonly outPerGroup: number;
}

function axisWindow(i: number, size: number, k: number, s: number, pad: number, d: number): [number, number] {
  const lo = Math.max(0, Math.ceil((i + pad - (k - 1) * d) / s));
  const hi = Math.min(size - 1, Math.floor((i + pad) / s));
  return [lo, hi];
}

function windowOf(g: Geometry, c: number, ih: number, iw: number): ReceptiveWindow | null {
  const [kH, kW] = [g.weight.shape[2], g.weight.shape[3]];
  const [sH, sW] = g.p.stride;
  const [pH, pW] = g.p.padding;
  const [dH, dW] = g.p.dilation;
  const [rowLo, rowHi] = axisWindow(ih, g.y.shape[2], kH, sH, pH, dH);
  const [colLo, colHi] = axisWindow(iw, g.y.shape[3], kW, sW, pW, dW);
  if (rowLo > rowHi || colLo > colHi) return null;
  return {
    group: Math.floor(c / g.cPerGroup),
    cLocal: c % g.cPerGroup,
    rowLo,
    colLo,
    rows: rowHi - rowLo + 1,
    cols: colHi - colLo + 1,
    top: rowLo * sH - pH,
    left: colLo * sW - pW,
    cropH: (rowHi - rowLo) * sH + (kH - 1) * dH + 1,
    cropW: (colHi - colLo) * sW + (kW - 1) * dW + 1,
  };
}

/** ⟨conv(crop), Y restricted to the window⟩ and Σ|terms|; NaN when conv returns the wrong size. */
function windowDot(
  ctx: LayerContext,
  g: Geometry,
  win: ReceptiveWindow,
  n: number,
  crop: Tensor,
  weight: Tensor,
): { value: number; absolute: number } {
  const out = ctx.ops.conv(crop, weight, null, { stride: g.p.stride, padding: 0, dilation: g.p.dilation });
  if (out.data.length !== g.outPerGroup * win.rows * win.cols) return { value: NaN, absolute: NaN };
  return dotWithY(g, win, n, out.data, 0);
}

/** ⟨out, Y⟩ over the window, `out` holding the window's outputs (C_out/groups × rows × cols) from `offset`. */
function dotWithY(
  g: Geometry,
  win: ReceptiveWindow,
  n: number,
  out: ArrayLike<number>,
  offset: number,
): { value: number; absolute: number } {
  const [, cY, hY, wY] = g.y.shape;
  let value = 0;
  let absolute = 0;
  for (let q = 0; q < g.outPerGroup; q++) {
    for (let a = 0; a < win.rows; a++) {
      const yRow = ((n * cY + win.group * g.outPerGroup + q) * hY + win.rowLo + a) * wY + win.colLo;
      const outRow = offset + (q * win.rows + a) * win.cols;
      for (let b = 0; b < win.cols; b++) {
        const term = out[outRow + b] * g.y.data[yRow + b];
        value += term;
        absolute += Math.abs(term);
      }
    }
  }
  return { value, absolute };
}

/** Weight rows of one input channel: (C_out/groups of the group, 1, kH, kW). */
function channelSlice(g: Geometry, c: number): Tensor {
  const [, , kH, kW] = g.weight.shape;
  const kk = kH * kW;
  const group = Math.floor(c / g.cPerGroup);
  const data = new Float64Array(g.outPerGroup * kk);
  for (let q = 0; q < g.outPerGroup; q++) {
    const from = ((group * g.outPerGroup + q) * g.cPerGroup + (c % g.cPerGroup)) * kk;
    data.set(g.weight.data.subarray(from, from + kk), q * kk);
  }
  return { shape: [g.outPerGroup, 1, kH, kW], data };
}

/** The largest window [H, W]: as many output rows as taps can reach, each stride apart. */
function largestWindow(g: Geometry): [number, number] {
  const [, , kH, kW] = g.weight.shape;
  const [sH, sW] = g.p.stride;
  const [dH, dW] = g.p.dilation;
  return [
    Math.floor(((kH - 1) * dH) / sH) * sH + (kH - 1) * dH + 1,
    Math.floor(((kW - 1) * dW) / sW) * sW + (kW - 1) * dW + 1,
  ];
}

/** Basis vectors that go through the engine's conv in one call: at most this many… */
const JACOBIAN_BATCH = 64;
/** …and at most this many crop cells in all (a window can hold up to MAX_RECEPTIVE_WINDOW_CELLS: one at a time). */
const JACOBIAN_BATCH_CELLS = 1 << 16;

interface Column {
  /** Index of the input element in X. */
  readonly j: number;
  readonly n: number;
  readonly ih: number;
  readonly iw: number;
  readonly win: ReceptiveWindow;
}

/**
 * ⟨J[:, j], Y⟩ with J[:, j] = conv(e_j), for every input element j. The basis vectors whose windows have the
 * same shape go through the engine's conv together, as a batch of one-hot crops: each is computed exactly as in
 * a call of its own (the samples of a batch are independent), without the cost of thousands of calls.
 */
function jacobianColumns(ctx: LayerContext, g: Geometry): Float64Array {
  const [batch, channels, h, w] = g.x;
  const result = new Float64Array(numel(g.x));
  for (let c = 0; c < channels; c++) {
    const slice = channelSlice(g, c);
    const waiting = new Map<string, Column[]>();
    for (let n = 0, j = c * h * w; n < batch; n++, j += (channels - 1) * h * w) {
      for (let ih = 0; ih < h; ih++) {
        for (let iw = 0; iw < w; iw++, j++) {
          const win = windowOf(g, c, ih, iw);
          if (!win) continue;
          const shape = `${win.rows}×${win.cols}×${win.cropH}×${win.cropW}`;
          const columns = waiting.get(shape) ?? [];
          columns.push({ j, n, ih, iw, win });
          const batchSize = Math.max(
            1,
            Math.min(JACOBIAN_BATCH, Math.floor(JACOBIAN_BATCH_CELLS / (win.cropH * win.cropW))),
          );
          if (columns.length < batchSize) waiting.set(shape, columns);
          else {
            waiting.delete(shape);
            basisColumns(ctx, g, columns, slice, result);
          }
        }
      }
    }
    for (const columns of waiting.values()) basisColumns(ctx, g, columns, slice, result);
  }
  return result;
}

/** conv of a batch of one-hot crops (all of one window shape), each output dotted with Y into result[j]. */
function basisColumns(
  ctx: LayerContext,
  g: Geometry,
  columns: readonly Column[],
  slice: Tensor,
  result: Float64Array,
): void {
  const { rows, cols, cropH, cropW } = columns[0].win;
  const cells = cropH * cropW;
  const basis = new Float64Array(columns.length * cells);
  columns.forEach(({ ih, iw, win }, b) => (basis[b * cells + (ih - win.top) * cropW + iw - win.left] = 1));
  const out = ctx.ops.conv({ shape: [columns.length, 1, cropH, cropW], data: basis }, slice, null, {
    stride: g.p.stride,
    padding: 0,
    dilation: g.p.dilation,
  });
  const perColumn = g.outPerGroup * rows * cols;
  for (const [b, { j, n, win }] of columns.entries()) {
    result[j] =
      out.data.length === columns.length * perColumn ? dotWithY(g, win, n, out.data, b * perColumn).value : NaN;
  }
}

/** The window's crop of X for all channels of its group, zero outside X (the layer's padding). */
function cropOf(g: Geometry, X: Tensor, win: ReceptiveWindow, n: number): Float64Array {
  const [, channels, h, w] = g.x;
  const crop = new Float64Array(g.cPerGroup * win.cropH * win.cropW);
  for (let cl = 0; cl < g.cPerGroup; cl++) {
    const plane = (n * channels + win.group * g.cPerGroup + cl) * h;
    for (let r = Math.max(0, -win.top); r < Math.min(win.cropH, h - win.top); r++) {
      const from = (plane + win.top + r) * w;
      const c0 = Math.max(0, -win.left);
      const c1 = Math.min(win.cropW, w - win.left);
      crop.set(X.data.subarray(from + win.left + c0, from + win.left + c1), (cl * win.cropH + r) * win.cropW + c0);
    }
  }
  return crop;
}

interface FiniteDifferences {
  readonly positions: number[];
  readonly maxAbsDiff: number;
  /** max over positions of |Δ| / tolerance; ≤ 1 passes. */
  readonly worstRatio: number;
  readonly worstTolerance: number;
}

/** (L(X + h·e_j) − L(X)) / h with L = ⟨conv(X), Y⟩, at seeded positions j. */
function finiteDifferences(ctx: LayerContext, g: Geometry, gradient: ArrayLike<number>): FiniteDifferences {
  const total = numel(g.x);
  const X = randomTensor(g.x, ctx.seed + 2);
  const next = seededUniform(ctx.seed + 3);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(FINITE_DIFFERENCE_SAMPLES, total)) chosen.add(Math.floor(next() * total));
  const positions = [...chosen].sort((a, b) => a - b);
  const [, channels, h, w] = g.x;
  const [, , kH, kW] = g.weight.shape;
  const blockSize = g.outPerGroup * g.cPerGroup * kH * kW;
  let maxAbsDiff = 0;
  let worstRatio = 0;
  let worstTolerance = 0;
  for (const j of positions) {
    const iw = j % w;
    const ih = Math.floor(j / w) % h;
    const c = Math.floor(j / (w * h)) % channels;
    const n = Math.floor(j / (w * h * channels));
    const win = windowOf(g, c, ih, iw);
    let fd = 0;
    let scale = 0;
    if (win) {
      const weight: Tensor = {
        shape: [g.outPerGroup, g.cPerGroup, kH, kW],
        data: g.weight.data.subarray(win.group * blockSize, (win.group + 1) * blockSize),
      };
      const crop = cropOf(g, X, win, n);
      const shape = [1, g.cPerGroup, win.cropH, win.cropW];
      const before = windowDot(ctx, g, win, n, { shape, data: crop }, weight);
      crop[(win.cLocal * win.cropH + ih - win.top) * win.cropW + iw - win.left] += FINITE_DIFFERENCE_STEP;
      const after = windowDot(ctx, g, win, n, { shape, data: crop }, weight);
      fd = (after.value - before.value) / FINITE_DIFFERENCE_STEP;
      scale = (before.absolute + after.absolute) / FINITE_DIFFERENCE_STEP;
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
  return { positions, maxAbsDiff, worstRatio, worstTolerance };
}

/**
 * (f) convTranspose(Y) is the gradient of L(X) = ⟨conv(X), Y⟩ with respect to X. Up to 4096 input
 * elements: column by column, ⟨J[:, j], Y⟩ with J[:, j] = conv(e_j). Above: forward finite differences at
 * 64 seeded positions, each within 1e-9 · max(1, |gradient|, Σ|terms of L|/h). Bias excluded.
 */
export function verifyGradient(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  if (ctx.rank === 3) {
    const inputs3d = numel(ctx.outputShape);
    const requested3d = options.gradientMethod ?? 'auto';
    return verifyGradient3d(
      ctx,
      requested3d === 'auto' ? (inputs3d <= JACOBIAN_MAX_INPUTS ? 'jacobian' : 'finite-differences') : requested3d,
      {
        samples: FINITE_DIFFERENCE_SAMPLES,
        step: FINITE_DIFFERENCE_STEP,
        maxWindowCells: MAX_RECEPTIVE_WINDOW_CELLS,
      },
    );
  }
  const y = lift(ctx.input, ctx.rank);
  const x = ctx.rank === 1 ? [ctx.outputShape[0], ctx.outputShape[1], 1, ctx.outputShape[2]] : ctx.outputShape;
  const p = liftedParams(ctx);
  const g: Geometry = {
    y,
    weight: lift(ctx.weight, ctx.rank),
    p,
    x,
    cPerGroup: x[1] / p.groups,
    outPerGroup: y.shape[1] / p.groups,
  };
  const gradient = ctx.ops.convTranspose(ctx.input, ctx.weight, null, ctx.params).data;
  const inputs = numel(x);
  const requested = options.gradientMethod ?? 'auto';
  const method = requested === 'auto' ? (inputs <= JACOBIAN_MAX_INPUTS ? 'jacobian' : 'finite-differences') : requested;
  // The Jacobian reads one channel's window at a time; finite differences read all channels of the group.
  const [windowH, windowW] = largestWindow(g);
  const windowCells = windowH * windowW * (method === 'jacobian' ? 1 : g.cPerGroup);
  if (windowH * windowW > MAX_RECEPTIVE_WINDOW_CELLS || windowCells > DEFAULT_MAX_ELEMENTS) {
    const reason =
      method === 'jacobian'
        ? l10n.t(
            'a receptive window of {0}×{1} = {2} cells, above the cap of {3} per channel and {4} in all',
            windowH,
            windowW,
            windowCells,
            MAX_RECEPTIVE_WINDOW_CELLS,
            DEFAULT_MAX_ELEMENTS,
          )
        : g.cPerGroup === 1
          ? l10n.t(
              'a receptive window of {0}×{1} × 1 channel = {2} cells, above the cap of {3} per channel and {4} in all',
              windowH,
              windowW,
              windowCells,
              MAX_RECEPTIVE_WINDOW_CELLS,
              DEFAULT_MAX_ELEMENTS,
            )
          : l10n.t(
              'a receptive window of {0}×{1} × {2} channels = {3} cells, above the cap of {4} per channel and {5} in all',
              windowH,
              windowW,
              g.cPerGroup,
              windowCells,
              MAX_RECEPTIVE_WINDOW_CELLS,
              DEFAULT_MAX_ELEMENTS,
            );
    return notRunResult('gradient', verificationTitle('gradient'), reason, {
      window: [windowH, windowW],
      channels: g.cPerGroup,
      cells: windowCells,
      capPerChannel: MAX_RECEPTIVE_WINDOW_CELLS,
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
  const fd = finiteDifferences(ctx, g, gradient);
  const passed = fd.worstRatio <= 1 && gradient.length === inputs;
  return {
    name: 'gradient',
    title: verificationTitle('gradient'),
    passed,
    summary: l10n.t(
      'finite differences at {0} of {1} inputs: max |Δ| = {2}, worst |Δ|/tolerance = {3} {4} 1 (h = {5})',
      fd.positions.length,
      inputs,
      fmt(fd.maxAbsDiff),
      fmt(fd.worstRatio),
      passed ? '≤' : '>',
      FINITE_DIFFERENCE_STEP,
    ),
    details: {
      method: 'finite-differences',
      inputs,
      positions: fd.positions,
      step: FINITE_DIFFERENCE_STEP,
      maxAbsDiff: fd.maxAbsDiff,
      worstRatio: fd.worstRatio,
      worstTolerance: fd.worstTolerance,
      rtol: ctx.rtol,
      tolerance: l10n.t('rtol · max(1, |gradient_j|, Σ|terms of L| / h)'),
      seed: ctx.seed + 2,
      biasIncluded: false,
    },
  };
}

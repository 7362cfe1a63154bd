import * as l10n from '@vscode/l10n';
import { seededUniform } from '../init';
import { DEFAULT_MAX_ELEMENTS, numel, type Tensor } from '../tensor';
import { compareValues, comparisonDetails, comparisonSummary, fmt, notRunResult } from './compare';
import { lift, liftedParams, prepareLayer, randomTensor, sampleIndices, type LayerContext } from './layer';
import { convTransposeOfY } from './matrixProducts';
import { compareWithinBound, convTransposeSlack, overflowReason } from './precision';
import {
  channelSlice,
  cropIndex,
  cropOf,
  dotWithY,
  largestWindow,
  windowOf,
  type Geometry,
  type ReceptiveWindow,
} from './receptiveWindow';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

export const JACOBIAN_MAX_INPUTS = 4096;
/**
 * Above JACOBIAN_MAX_INPUTS the check compares this many Jacobian columns at seeded inputs (each one conv of a
 * one-hot crop, batched by window shape), exact below FAST_PATH_MIN_MACS; finite differences when asked for.
 */
export const JACOBIAN_SAMPLED_COLUMNS = 256;
export const FINITE_DIFFERENCE_SAMPLES = 64;
/** ⟨conv(X), Y⟩ is linear in X, so a forward difference has no truncation error and h = 1 keeps rounding smallest. */
export const FINITE_DIFFERENCE_STEP = 1;
/**
 * Cells of the largest receptive window (the input crop one element's column reads). It grows with
 * dilation·(kernel − 1), so a huge dilation with a matching padding keeps the output small but the window not.
 */
export const MAX_RECEPTIVE_WINDOW_CELLS = 1 << 20;

/** Basis vectors that go through the engine's conv in one call: at most this many… */
const JACOBIAN_BATCH = 64;
/** …and at most this many crop cells in all (a window can hold up to MAX_RECEPTIVE_WINDOW_CELLS: one at a time). */
const JACOBIAN_BATCH_CELLS = 1 << 16;

interface Column {
  /** Index of the input element in X. */
  readonly j: number;
  readonly n: number;
  readonly pos: readonly number[];
  readonly win: ReceptiveWindow;
}

/** Spatial position of flat index s in a row-major grid of the given sizes. */
function positionOf(s: number, spatial: readonly number[]): number[] {
  const pos = new Array<number>(spatial.length);
  for (let a = spatial.length - 1; a >= 0; a--) {
    pos[a] = s % spatial[a];
    s = Math.floor(s / spatial[a]);
  }
  return pos;
}

/**
 * ⟨J[:, j], Y⟩ with J[:, j] = conv(e_j), for every input element j (or those of `only`; the other entries stay 0).
 * The basis vectors whose windows have the same shape go through the engine's conv together, as a batch of one-hot
 * crops: each is computed exactly as in a call of its own (the samples of a batch are independent), without the
 * cost of thousands of calls.
 */
function jacobianColumns(ctx: LayerContext, g: Geometry, only?: readonly number[]): Float64Array {
  const [, channels, ...spatial] = g.x;
  const volume = numel(spatial);
  const result = new Float64Array(numel(g.x));
  // The columns channel by channel: one weight slice per channel.
  const byChannel = new Map<number, number[]>();
  for (const j of only ?? Array.from({ length: result.length }, (_, j) => j)) {
    const c = Math.floor(j / volume) % channels;
    const list = byChannel.get(c) ?? [];
    list.push(j);
    byChannel.set(c, list);
  }
  for (const [c, js] of byChannel) {
    const slice = channelSlice(g, c);
    const waiting = new Map<string, Column[]>();
    for (const j of js) {
      const n = Math.floor(j / (volume * channels));
      const pos = positionOf(j % volume, spatial);
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
  const { crop } = columns[0].win;
  const cells = numel(crop);
  const basis = new Float64Array(columns.length * cells);
  for (const [b, { pos, win }] of columns.entries()) basis[b * cells + cropIndex(win, 0, pos)] = 1;
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
  if (out.data.length !== g.outPerGroup * numel(win.rows)) return { value: NaN, absolute: NaN };
  return dotWithY(g, win, n, out.data, 0);
}

interface FiniteDifferences {
  readonly positions: number[];
  readonly maxAbsDiff: number;
  /** max over positions of |Δ| / tolerance; ≤ 1 passes. */
  readonly worstRatio: number;
  readonly worstTolerance: number;
}

/** (L(X + h·e_j) − L(X)) / h with L = ⟨conv(X), Y⟩, at seeded positions j. */
function finiteDifferences(
  ctx: LayerContext,
  g: Geometry,
  gradient: ArrayLike<number>,
  slack: ((j: number) => number) | null,
): FiniteDifferences {
  const total = numel(g.x);
  const X = randomTensor(g.x, ctx.seed + 2);
  const next = seededUniform(ctx.seed + 3);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(FINITE_DIFFERENCE_SAMPLES, total)) chosen.add(Math.floor(next() * total));
  const positions = [...chosen].sort((a, b) => a - b);
  const [, channels, ...spatial] = g.x;
  const volume = numel(spatial);
  const kernel = g.weight.shape.slice(2);
  const blockSize = g.outPerGroup * g.cPerGroup * numel(kernel);
  let maxAbsDiff = 0;
  let worstRatio = 0;
  let worstTolerance = 0;
  for (const j of positions) {
    const pos = positionOf(j % volume, spatial);
    const c = Math.floor(j / volume) % channels;
    const n = Math.floor(j / (volume * channels));
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
      const before = windowDot(ctx, g, win, n, { shape, data: crop }, weight);
      crop[cropIndex(win, win.cLocal, pos)] += FINITE_DIFFERENCE_STEP;
      const after = windowDot(ctx, g, win, n, { shape, data: crop }, weight);
      fd = (after.value - before.value) / FINITE_DIFFERENCE_STEP;
      scale = (before.absolute + after.absolute) / FINITE_DIFFERENCE_STEP;
    }
    const diff = Math.abs(fd - gradient[j]);
    const tolerance = ctx.rtol * Math.max(1, Math.abs(gradient[j]), scale) + (slack ? slack(j) : 0);
    const ratio = Number.isNaN(diff) ? Infinity : diff / tolerance;
    if (ratio > worstRatio) {
      worstRatio = ratio;
      worstTolerance = tolerance;
    }
    maxAbsDiff = Math.max(maxAbsDiff, Number.isNaN(diff) ? Infinity : diff);
  }
  return { positions, maxAbsDiff, worstRatio, worstTolerance };
}

/** Why the check does not run on a window of this size (the cap per channel and in all). */
function windowTooLarge(window: readonly number[], channels: number, cells: number): string {
  // The window written H×W (D×H in its first number for a 3-D layer).
  const [lead, lastAxis] = [window.slice(0, -1).join('×'), window[window.length - 1]];
  return channels === 0
    ? l10n.t(
        'a receptive window of {0}×{1} = {2} cells, above the cap of {3} per channel and {4} in all',
        lead,
        lastAxis,
        cells,
        MAX_RECEPTIVE_WINDOW_CELLS,
        DEFAULT_MAX_ELEMENTS,
      )
    : channels === 1
      ? l10n.t(
          'a receptive window of {0}×{1} × 1 channel = {2} cells, above the cap of {3} per channel and {4} in all',
          lead,
          lastAxis,
          cells,
          MAX_RECEPTIVE_WINDOW_CELLS,
          DEFAULT_MAX_ELEMENTS,
        )
      : l10n.t(
          'a receptive window of {0}×{1} × {2} channels = {3} cells, above the cap of {4} per channel and {5} in all',
          lead,
          lastAxis,
          channels,
          cells,
          MAX_RECEPTIVE_WINDOW_CELLS,
          DEFAULT_MAX_ELEMENTS,
        );
}

/**
 * (f) convTranspose(Y) is the gradient of L(X) = ⟨conv(X), Y⟩ with respect to X. Up to 4096 input
 * elements: column by column, ⟨J[:, j], Y⟩ with J[:, j] = conv(e_j). Above: the same columns at
 * JACOBIAN_SAMPLED_COLUMNS seeded inputs. With gradientMethod 'finite-differences': forward finite differences at
 * 64 seeded positions, each within 1e-9 · max(1, |gradient|, Σ|terms of L|/h). Bias excluded.
 */
export function verifyGradient(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
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
  const gradient = convTransposeOfY(ctx).data;
  // Fast path: each gradient entry within its float32 bound (precision.ts); values beyond float64/32: not checked.
  const { slack, magnitude } = convTransposeSlack(ctx);
  const overflow = overflowReason(ctx, magnitude);
  if (overflow) return notRunResult('gradient', verificationTitle('gradient'), overflow, { overflow: true });
  const inputs = numel(x);
  const requested = options.gradientMethod ?? 'auto';
  const method = requested !== 'auto' ? requested : inputs <= JACOBIAN_MAX_INPUTS ? 'jacobian' : 'sampled-jacobian';
  // The Jacobian reads one channel's window at a time; finite differences read all channels of the group.
  const oneChannel = method !== 'finite-differences';
  const window = largestWindow(g.weight.shape, g.p);
  const windowCells = numel(window) * (oneChannel ? 1 : g.cPerGroup);
  if (numel(window) > MAX_RECEPTIVE_WINDOW_CELLS || windowCells > DEFAULT_MAX_ELEMENTS) {
    return notRunResult(
      'gradient',
      verificationTitle('gradient'),
      windowTooLarge(window, oneChannel ? 0 : g.cPerGroup, windowCells),
      {
        window,
        channels: g.cPerGroup,
        cells: windowCells,
        capPerChannel: MAX_RECEPTIVE_WINDOW_CELLS,
        cap: DEFAULT_MAX_ELEMENTS,
      },
    );
  }

  if (method === 'sampled-jacobian') {
    const positions = sampleIndices(inputs, JACOBIAN_SAMPLED_COLUMNS, ctx.seed + 3);
    const all = jacobianColumns(ctx, g, positions);
    const columns = Float64Array.from(positions, (j) => all[j]);
    const expected = Float64Array.from(positions, (j) => (gradient.length === inputs ? gradient[j] : NaN));
    const cmp = slack
      ? compareWithinBound(
          columns,
          expected,
          Float64Array.from(positions, (j) => slack(j)),
          ctx.rtol,
          1,
          0,
        )
      : compareValues(columns, expected, ctx.rtol);
    return {
      name: 'gradient',
      title: verificationTitle('gradient'),
      passed: cmp.passed,
      summary: l10n.t(
        '{0} (⟨conv(e_j), Y⟩ vs convTranspose(Y)[j]; a seeded sample of {1} of {2} inputs)',
        comparisonSummary(cmp, 'Jacobian columns'),
        positions.length.toLocaleString('en-US'),
        inputs.toLocaleString('en-US'),
      ),
      details: {
        ...comparisonDetails(cmp, ctx.rtol),
        worstIndex: cmp.worstIndex < 0 ? -1 : positions[cmp.worstIndex],
        method: 'jacobian-columns-sampled',
        inputs,
        positions,
        seed: ctx.seed + 3,
        biasIncluded: false,
      },
    };
  }
  if (method === 'jacobian') {
    const columns = jacobianColumns(ctx, g);
    const cmp = slack
      ? compareWithinBound(
          columns,
          gradient,
          Float64Array.from(gradient, (_, j) => slack(j)),
          ctx.rtol,
          1,
          0,
        )
      : compareValues(columns, gradient, ctx.rtol);
    return {
      name: 'gradient',
      title: verificationTitle('gradient'),
      passed: cmp.passed,
      summary: l10n.t('{0} (⟨conv(e_j), Y⟩ vs convTranspose(Y)[j])', comparisonSummary(cmp, 'Jacobian columns')),
      details: { ...comparisonDetails(cmp, ctx.rtol), method: 'jacobian-columns', inputs, biasIncluded: false },
    };
  }
  const fd = finiteDifferences(ctx, g, gradient, slack);
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

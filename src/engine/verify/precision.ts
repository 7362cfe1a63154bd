/**
 * What the checks allow for when the engine computed on the float32 fast path, and when values are beyond what a
 * number type holds.
 *
 * Float32 bound. A fast-path output is a float32 sum of K products of float32-rounded inputs, plus the bias:
 * rounding x and w to float32 (u each, u = 2⁻²⁴), each product (u), each of the K additions (u) and the bias
 * (u) give, to first order, |fast − exact| ≤ (K + 4)·u·Σ|terms| (Higham, Accuracy and Stability, §3.1), where
 * Σ|terms| = Σ|w·x| + |bias| of that output. The checks use γ = (K + 4)·u / (1 − (K + 4)·u), which bounds the
 * higher-order terms too, plus an absolute K·(2⁻¹⁴⁹)·(1 + max|w|) for float32's gradual underflow. It is a
 * worst-case bound: a clean layer never exceeds it, whatever its values.
 */
import * as l10n from '@vscode/l10n';
import { fmt, type Comparison } from './compare';
import { shared, type LayerContext } from './layer';

export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
export const FLOAT32_MAX = 3.4028234663852886e38;
/** Half of float32's smallest subnormal spacing doubled: the absolute rounding error of one underflowing operation. */
const FLOAT32_UNDERFLOW = 2 ** -149;

/** γ for sums of `terms` float32 products (see above). */
export function float32Gamma(terms: number): number {
  const ku = (terms + 4) * FLOAT32_UNIT_ROUNDOFF;
  return ku < 1 ? ku / (1 - ku) : Infinity;
}

/** Largest |value| of the arrays (NaN counts as Infinity). */
export function maxAbs(...arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (!(v <= m)) m = Number.isNaN(v) ? Infinity : v;
    }
  }
  return m;
}

/** max |w| over the layer's weight (computed once per layer: the checks of a large layer each ask for it). */
export function weightMaxAbs(ctx: LayerContext): number {
  return shared(ctx, 'max |w|', () => maxAbs(ctx.weight.data));
}

/** max |x| over the layer's own values: its input, weight and bias. */
export function layerMaxAbs(ctx: LayerContext): number {
  return shared(ctx, 'max |x|', () =>
    Math.max(maxAbs(ctx.input.data), weightMaxAbs(ctx), ...(ctx.bias ? [maxAbs(ctx.bias.data)] : [])),
  );
}

/**
 * Why values cannot be checked, or null: float64 when the exact side's magnitudes (Σ|terms|) or the layer's values
 * are beyond float64; float32 when the engine ran the fast path and they are beyond float32. Only magnitudes decide,
 * never the engine's own output, so an engine that returns NaN for modest values still fails its check.
 */
export function overflowReason(ctx: LayerContext, ...magnitudes: number[]): string | null {
  const largest = Math.max(layerMaxAbs(ctx), ...magnitudes.map((m) => (Number.isNaN(m) ? Infinity : m)));
  if (largest === Infinity) return l10n.t('values overflow float64 (max |x| = {0})', fmt(layerMaxAbs(ctx)));
  if (ctx.fast && largest > FLOAT32_MAX)
    return l10n.t('values overflow float32 (max |x| = {0})', fmt(layerMaxAbs(ctx)));
  return null;
}

/**
 * Compares entry by entry: |actual_i − expected_i| ≤ rtol·max(1, max|expected|) + γ·absolute_i + floor, the
 * float32 bound of each entry on top of compare.ts's float64 tolerance. The Comparison reports the entry with the
 * largest |Δ| / tolerance, and that entry's tolerance.
 */
export function compareWithinBound(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  absolute: ArrayLike<number>,
  rtol: number,
  gamma: number,
  floor: number,
): Comparison {
  if (actual.length !== expected.length || absolute.length !== expected.length) {
    return { passed: false, maxAbsDiff: Infinity, tolerance: 0, count: 0, worstIndex: -1, lengthMismatch: true };
  }
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const base = rtol * scale + floor;
  let worstRatio = 0;
  let worstIndex = -1;
  let maxAbsDiff = 0;
  let tolerance = base;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    const allowed = base + gamma * absolute[i];
    const ratio = Number.isNaN(diff) ? Infinity : diff / allowed;
    if (ratio > worstRatio || worstIndex < 0) {
      worstRatio = ratio;
      worstIndex = i;
      tolerance = allowed;
    }
    maxAbsDiff = Math.max(maxAbsDiff, Number.isNaN(diff) ? Infinity : diff);
  }
  return {
    passed: worstRatio <= 1,
    maxAbsDiff: worstIndex < 0 ? 0 : Math.abs(actual[worstIndex] - expected[worstIndex]),
    tolerance,
    count: actual.length,
    worstIndex,
    lengthMismatch: false,
  };
}

/** The absolute floor of the float32 bound for sums of `terms` products with weights up to maxWeight. */
export function float32Floor(terms: number, maxWeight: number): number {
  return (terms + 4) * FLOAT32_UNDERFLOW * (1 + maxWeight);
}

/**
 * The float32 bound of each entry of convTranspose(Y) (the gradient check's gradient) when the engine ran the fast
 * path, else null: γ·max|Y|·Σ|w| over the taps of that entry's output channel (an upper bound of γ·Σ|terms|).
 * Entry j of the (N, C_out, ...spatial) output belongs to channel ⌊j / volume⌋ mod C_out.
 */
export function convTransposeSlack(ctx: LayerContext): {
  readonly slack: ((j: number) => number) | null;
  /** max|Y|·max_c Σ|w|: bounds Σ|terms| of every entry (the overflow rule's magnitude). */
  readonly magnitude: number;
} {
  const [, cOut, ...spatial] = ctx.outputShape;
  const volume = spatial.reduce((a, b) => a * b, 1);
  const [cIn, cOutPerGroup, ...kernel] = ctx.weight.shape;
  const kk = kernel.reduce((a, b) => a * b, 1);
  const groups = ctx.params.groups;
  const cInPerGroup = cIn / groups;
  const perChannel = new Float64Array(cOut);
  const w = ctx.weight.data;
  for (let ci = 0; ci < cIn; ci++) {
    const group = Math.floor(ci / cInPerGroup);
    for (let q = 0; q < cOutPerGroup; q++) {
      let sum = 0;
      for (let t = (ci * cOutPerGroup + q) * kk, end = t + kk; t < end; t++) sum += Math.abs(w[t]);
      perChannel[group * cOutPerGroup + q] += sum;
    }
  }
  const scale = maxAbs(ctx.input.data);
  const largest = scale * maxAbs(perChannel);
  if (!ctx.fast) return { slack: null, magnitude: largest };
  const gamma = float32Gamma(cInPerGroup * kk);
  const floor = float32Floor(cInPerGroup * kk, weightMaxAbs(ctx));
  return { slack: (j) => gamma * scale * perChannel[Math.floor(j / volume) % cOut] + floor, magnitude: largest };
}

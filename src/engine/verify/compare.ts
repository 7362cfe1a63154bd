import * as l10n from '@vscode/l10n';
import type { DetailValue, VerificationName, VerificationResult } from './types';

export interface Comparison {
  readonly passed: boolean;
  readonly maxAbsDiff: number;
  /** Absolute tolerance used: rtol · max(1, max |expected|). */
  readonly tolerance: number;
  readonly count: number;
  /** Index of the largest difference, −1 when there is none. */
  readonly worstIndex: number;
  readonly lengthMismatch: boolean;
}

/**
 * max |actual − expected| ≤ rtol · max(1, max |expected|). The scale is the whole array's so that entries
 * that cancel to ~0 are not held to a tighter bound than their neighbours. NaN never passes.
 */
export function compareValues(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number): Comparison {
  if (actual.length !== expected.length) {
    return { passed: false, maxAbsDiff: Infinity, tolerance: 0, count: 0, worstIndex: -1, lengthMismatch: true };
  }
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const tolerance = rtol * scale;
  let maxAbsDiff = 0;
  let worstIndex = -1;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(diff) || diff > maxAbsDiff) {
      maxAbsDiff = Number.isNaN(diff) ? Infinity : diff;
      worstIndex = i;
      if (maxAbsDiff === Infinity) break;
    }
  }
  return {
    passed: maxAbsDiff <= tolerance,
    maxAbsDiff,
    tolerance,
    count: actual.length,
    worstIndex,
    lengthMismatch: false,
  };
}

/** Short numbers for summaries: integers as they are, everything else with two significant digits. */
export function fmt(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e7 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${Number(value.toPrecision(3))} ${units[u]}`;
}

/** What a comparison counts: array entries, or columns of the Jacobian (the gradient check). */
export type ComparedItems = 'entries' | 'Jacobian columns';

/** One line: the largest difference against the tolerance, over how many items. */
export function comparisonSummary(c: Comparison, items: ComparedItems): string {
  const columns = items === 'Jacobian columns';
  if (c.lengthMismatch)
    return columns
      ? l10n.t('Jacobian columns: the two sides have different sizes')
      : l10n.t('entries: the two sides have different sizes');
  // Values beyond the range of the dtype (data of 1e308, or 1e39 in float32) make the scale Infinity or NaN.
  if (!Number.isFinite(c.tolerance)) {
    return columns
      ? l10n.t('Jacobian columns not comparable: the values are not finite (they overflow the number type)')
      : l10n.t('entries not comparable: the values are not finite (they overflow the number type)');
  }
  const [diff, relation, tolerance] = [fmt(c.maxAbsDiff), c.passed ? '≤' : '>', fmt(c.tolerance)];
  if (columns) {
    return c.count === 1
      ? l10n.t('max |Δ| = {0} {1} {2} over 1 Jacobian column', diff, relation, tolerance)
      : l10n.t('max |Δ| = {0} {1} {2} over {3} Jacobian columns', diff, relation, tolerance, c.count);
  }
  return c.count === 1
    ? l10n.t('max |Δ| = {0} {1} {2} over 1 entry', diff, relation, tolerance)
    : l10n.t('max |Δ| = {0} {1} {2} over {3} entries', diff, relation, tolerance, c.count);
}

export function comparisonDetails(c: Comparison, rtol: number): Record<string, DetailValue> {
  return { maxAbsDiff: c.maxAbsDiff, tolerance: c.tolerance, rtol, compared: c.count, worstIndex: c.worstIndex };
}

export function notRunResult(
  name: VerificationName,
  title: string,
  reason: string,
  details: Record<string, DetailValue>,
): VerificationResult {
  return { name, title, passed: false, summary: l10n.t('not run: {0}', reason), details, notRun: reason };
}

/**
 * Nearest-rank statistics for the editor, host and preview benchmarks (bench/runner.ts interpolates between
 * ranks for the engine's timings, a different definition on purpose).
 */

/** The q-quantile (0..1) of already sorted values; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The p-th percentile (0..100) of values in any order. */
export function percentile(values: readonly number[], p: number): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    p / 100,
  );
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

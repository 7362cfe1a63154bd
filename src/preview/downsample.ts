/**
 * A plane with more than MAX_PLANE_SIDE entries a side is sent pooled: blocks of factor × factor entries, each as
 * its entry of largest |value| with its sign (what the heat map would draw for those pixels anyway), so a 960×640
 * plane reaches the webview as 480×320 and keeps its extremes. No imports: the webview maps a pooled cell back to
 * the entries it covers with these functions.
 */
export const MAX_PLANE_SIDE = 512;

/** The smallest whole factor that brings both sides to at most `maxSide`; 1 when the plane fits. */
export function poolFactor(rows: number, cols: number, maxSide = MAX_PLANE_SIDE): number {
  return Math.max(1, Math.ceil(Math.max(rows, cols) / maxSide));
}

/** Pooled entries along an axis of `size` entries (the last block may be partial). */
export function pooledSize(size: number, factor: number): number {
  return Math.ceil(size / factor);
}

/** The entries [start, end) of an axis of `size` that pooled entry `i` covers. */
export function coveredRange(i: number, factor: number, size: number): [number, number] {
  return [i * factor, Math.min(size, (i + 1) * factor)];
}

/**
 * The rows × cols plane starting at values[offset], pooled by `factor`: per block its finite entry of largest
 * |value| (the first one on ties), 0 when a block holds no finite entry.
 */
export function poolMaxAbs(
  values: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  factor: number,
): number[] {
  const pr = pooledSize(rows, factor);
  const pc = pooledSize(cols, factor);
  const best = new Array<number>(pr * pc).fill(0);
  const bestAbs = new Array<number>(pr * pc).fill(-1);
  for (let r = 0; r < rows; r++) {
    const rowStart = offset + r * cols;
    const pooledRow = Math.floor(r / factor) * pc;
    for (let c = 0; c < cols; c++) {
      const i = pooledRow + Math.floor(c / factor);
      const v = values[rowStart + c];
      const a = Math.abs(v);
      // NaN fails the comparison and ±Infinity is left out: non-finite entries are listed apart (TensorPayload.nonFinite).
      if (a > bestAbs[i] && a !== Infinity) {
        bestAbs[i] = a;
        best[i] = v;
      }
    }
  }
  return best;
}

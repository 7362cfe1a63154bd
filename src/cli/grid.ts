/** Right-aligned numeric grids for the terminal, truncated with ellipses beyond a size limit. */

export interface GridLimits {
  readonly maxRows: number;
  readonly maxCols: number;
}

export const DEFAULT_GRID_LIMITS: GridLimits = { maxRows: 12, maxCols: 12 };

/** Integers stay integers; other values get 4 significant digits, without trailing zeros. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return Object.is(v, -0) ? '0' : String(v);
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** Indices to show along one axis: all of them, or the first and last few around an ellipsis (-1). */
function visibleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...Array.from({ length: head }, (_, i) => i), -1, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
}

export function formatGrid(
  cell: (row: number, col: number) => string,
  rows: number,
  cols: number,
  limits: GridLimits = DEFAULT_GRID_LIMITS,
): string[] {
  const rowIdx = visibleIndices(rows, limits.maxRows);
  const colIdx = visibleIndices(cols, limits.maxCols);
  const table = rowIdx.map((r) => colIdx.map((c) => (r < 0 ? (c < 0 ? '⋱' : '⋮') : c < 0 ? '…' : cell(r, c))));
  const widths = colIdx.map((_, j) => Math.max(...table.map((row) => row[j].length)));
  return table.map((row) => row.map((s, j) => s.padStart(widths[j])).join('  '));
}

/** One row-major plane of numbers. */
export function formatPlane(
  values: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  limits?: GridLimits,
): string[] {
  return formatGrid((r, c) => formatNumber(values[offset + r * cols + c]), rows, cols, limits);
}

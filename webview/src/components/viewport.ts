/** Which part of a rows × cols matrix a canvas shows: the top-left cell and the cells per pixel. */

export interface Viewport {
  readonly r0: number;
  readonly c0: number;
  readonly rowsPerPx: number;
  readonly colsPerPx: number;
}

/** Closest zoom: one cell spans this many pixels at most. */
const MAX_PIXELS_PER_CELL = 48;

export function fitViewport(rows: number, cols: number, width: number, height: number): Viewport {
  return {
    r0: 0,
    c0: 0,
    rowsPerPx: Math.max(rows, 1) / Math.max(height, 1),
    colsPerPx: Math.max(cols, 1) / Math.max(width, 1),
  };
}

/** Keeps the view inside the matrix (or centred on it when the matrix is smaller than the view). */
export function clampViewport(v: Viewport, rows: number, cols: number, width: number, height: number): Viewport {
  const fit = fitViewport(rows, cols, width, height);
  const rowsPerPx = Math.max(1 / MAX_PIXELS_PER_CELL, Math.min(v.rowsPerPx, fit.rowsPerPx));
  const colsPerPx = Math.max(1 / MAX_PIXELS_PER_CELL, Math.min(v.colsPerPx, fit.colsPerPx));
  const clampStart = (start: number, size: number, perPx: number, px: number) =>
    Math.max(0, Math.min(start, size - perPx * px));
  return {
    r0: clampStart(v.r0, rows, rowsPerPx, height),
    c0: clampStart(v.c0, cols, colsPerPx, width),
    rowsPerPx,
    colsPerPx,
  };
}

/** Zoom by `factor` (> 1 zooms in) keeping the cell under pixel (x, y) in place. */
export function zoomAt(v: Viewport, x: number, y: number, factor: number): Viewport {
  const r = v.r0 + y * v.rowsPerPx;
  const c = v.c0 + x * v.colsPerPx;
  const rowsPerPx = v.rowsPerPx / factor;
  const colsPerPx = v.colsPerPx / factor;
  return { r0: r - y * rowsPerPx, c0: c - x * colsPerPx, rowsPerPx, colsPerPx };
}

export function panBy(v: Viewport, dx: number, dy: number): Viewport {
  return { ...v, r0: v.r0 - dy * v.rowsPerPx, c0: v.c0 - dx * v.colsPerPx };
}

/** The cell under pixel (x, y), or null outside the matrix. */
export function cellAt(
  v: Viewport,
  x: number,
  y: number,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  const row = Math.floor(v.r0 + y * v.rowsPerPx);
  const col = Math.floor(v.c0 + x * v.colsPerPx);
  return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
}

/** Pixels [start, end) that cell index i covers along one axis. */
export function pixelSpan(i: number, start: number, perPx: number): [number, number] {
  const a = Math.floor((i - start) / perPx);
  const b = Math.floor((i + 1 - start) / perPx);
  return [a, Math.max(a + 1, b)];
}

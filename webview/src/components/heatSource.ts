/** What a heat map draws: stored entries of a matrix (CSR) or every cell of a dense grid. */
import { transposeCsr } from '../../../src/engine/matrix';
import type { CsrPayload } from '../../../src/webviewProtocol';

export interface HeatSource {
  readonly rows: number;
  readonly cols: number;
  /** Largest |value|, for the colour scale. */
  readonly maxAbs: number;
  /** visit(r, c, v) for every stored entry with r0 ≤ r < r1. */
  forEachInRows(r0: number, r1: number, visit: (r: number, c: number, v: number) => void): void;
  /** The stored value, or null where nothing is stored. */
  valueAt(r: number, c: number): number | null;
}

function maxAbsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

export interface CsrArrays {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: ArrayLike<number>;
  readonly colIdx: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

export function csrArrays(csr: CsrPayload, rows: number, cols: number): CsrArrays {
  return { rows, cols, rowPtr: csr.rowPtr, colIdx: csr.colIdx, values: csr.values };
}

/** The transpose, by the engine's transposeCsr. */
export function transposeCsrArrays(m: CsrArrays): CsrArrays {
  const csr = {
    rows: m.rows,
    cols: m.cols,
    rowPtr: Int32Array.from(m.rowPtr),
    colIdx: Int32Array.from(m.colIdx),
    values: Float64Array.from(m.values),
  };
  return transposeCsr(csr);
}

/** Columns stored in row r. */
export function rowColumns(m: CsrArrays, r: number): number[] {
  const out: number[] = [];
  for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) out.push(m.colIdx[e]);
  return out;
}

export function csrSource(m: CsrArrays): HeatSource {
  return {
    rows: m.rows,
    cols: m.cols,
    maxAbs: maxAbsOf(m.values),
    forEachInRows(r0, r1, visit) {
      for (let r = Math.max(0, r0); r < Math.min(m.rows, r1); r++) {
        for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) visit(r, m.colIdx[e], m.values[e]);
      }
    },
    valueAt(r, c) {
      let lo = m.rowPtr[r];
      let hi = m.rowPtr[r + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const col = m.colIdx[mid];
        if (col === c) return m.values[mid];
        if (col < c) lo = mid + 1;
        else hi = mid - 1;
      }
      return null;
    },
  };
}

/** Every cell of a row-major grid is an entry. */
export function denseSource(values: ArrayLike<number>, rows: number, cols: number): HeatSource {
  return {
    rows,
    cols,
    maxAbs: maxAbsOf(values),
    forEachInRows(r0, r1, visit) {
      for (let r = Math.max(0, r0); r < Math.min(rows, r1); r++) {
        for (let c = 0; c < cols; c++) visit(r, c, values[r * cols + c]);
      }
    },
    valueAt(r, c) {
      return r >= 0 && r < rows && c >= 0 && c < cols ? values[r * cols + c] : null;
    },
  };
}

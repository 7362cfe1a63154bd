/**
 * Convolution as a matrix (d2l §14.10.3): for one sample, vec(conv(X)) = W·vec(X), and the transposed
 * convolution is Wᵀ. W is stored as CSR and built directly from the kernel; it is never dense unless
 * toDense is asked for, under a cap.
 *
 * vec() is row-major over (C, H, W) or (C, L): row r of W is output element r of conv, column c is
 * input element c. Entries are structural: every in-bounds kernel tap is stored, even when the
 * weight it holds is 0, so nnz counts taps and does not depend on the weight values.
 */
import { convOutputShape, convTransposeOutputShape } from './checks';
import { EngineError } from './errors';
import { liftParams1d, normalizeParams, type ConvOptions, type ConvParams } from './params';
import type { Tensor } from './tensor';

export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets into colIdx/values; row r holds entries rowPtr[r] … rowPtr[r + 1] − 1. */
  readonly rowPtr: Int32Array;
  /** Column of each entry, ascending within a row. */
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** A convolution matrix with the per-sample shapes its rows and columns flatten. */
export interface ConvMatrix extends CsrMatrix {
  /** (C_out, ...spatial) of the convolution output that the rows enumerate. */
  readonly rowShape: readonly number[];
  /** (C_in, ...spatial) of the convolution input that the columns enumerate. */
  readonly colShape: readonly number[];
}

export interface MatrixSize {
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  readonly rowShape: readonly number[];
  readonly colShape: readonly number[];
}

export interface MatrixLimits {
  /** Refuse to build a CSR matrix with more stored entries (or rows) than this. */
  readonly maxNnz?: number;
}

/** 4M entries ≈ 48 MB of CSR (8-byte value + 4-byte column each). */
export const DEFAULT_MAX_NNZ = 4_000_000;
/** 1M cells = 8 MiB of float64. */
export const DEFAULT_MAX_DENSE_CELLS = 1_048_576;

export type ForwardConvOptions = Omit<ConvOptions, 'outputPadding'>;

/**
 * A correlation seen from its output rows, always lifted to 2-D (1-D has H = 1).
 * rowsH × rowsW may be smaller than the correlation's natural output (see transposedConvMatrix).
 */
interface Geometry {
  readonly cIn: number;
  readonly cOut: number;
  readonly groups: number;
  readonly inH: number;
  readonly inW: number;
  readonly rowsH: number;
  readonly rowsW: number;
  readonly kH: number;
  readonly kW: number;
  readonly p: ConvParams;
  readonly rowShape: readonly number[];
  readonly colShape: readonly number[];
}

/** Valid taps per output position along one axis: tap k is in bounds iff 0 ≤ o·s − p + k·d < inSize. */
interface AxisTaps {
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly total: number;
}

function axisTaps(
  rows: number,
  inSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): AxisTaps {
  const first = new Int32Array(rows);
  const count = new Int32Array(rows);
  let total = 0;
  for (let o = 0; o < rows; o++) {
    const origin = o * stride - padding;
    const lo = Math.max(0, Math.ceil(-origin / dilation));
    const hi = Math.min(kernel - 1, Math.floor((inSize - 1 - origin) / dilation));
    first[o] = lo;
    count[o] = Math.max(0, hi - lo + 1);
    total += count[o];
  }
  return { first, count, total };
}

function rankOf(inputShape: readonly number[]): number {
  const rank = inputShape.length - 2;
  if (rank !== 1 && rank !== 2) {
    throw new EngineError(
      'bad-shape',
      `the convolution matrix is built for 1-D and 2-D layers only: it needs a (N, C, L) or (N, C, H, W) input, got [${inputShape.join(', ')}]`,
      { shape: inputShape },
    );
  }
  return rank;
}

function spatial2d(shape: readonly number[], rank: number): [number, number] {
  return rank === 1 ? [1, shape[shape.length - 1]] : [shape[shape.length - 2], shape[shape.length - 1]];
}

/** A forward convolution's geometry: columns are its input (colShape), rows its output (rowShape), both (N, C, ...). */
function geometry(
  colShape: readonly number[],
  rowShape: readonly number[],
  weightShape: readonly number[],
  params: ConvParams,
  rank: number,
): Geometry {
  const [inH, inW] = spatial2d(colShape, rank);
  const [rowsH, rowsW] = spatial2d(rowShape, rank);
  const [kH, kW] = spatial2d(weightShape, rank);
  return {
    cIn: colShape[1],
    cOut: rowShape[1],
    groups: params.groups,
    inH,
    inW,
    rowsH,
    rowsW,
    kH,
    kW,
    p: rank === 1 ? liftParams1d(params) : params,
    rowShape: rowShape.slice(1),
    colShape: colShape.slice(1),
  };
}

function forwardGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: ForwardConvOptions,
): Geometry {
  const rank = rankOf(inputShape);
  const params = normalizeParams(rank, { ...options, outputPadding: 0 });
  return geometry(inputShape, convOutputShape(inputShape, weightShape, null, params), weightShape, params, rank);
}

/**
 * The paired forward convolution of a transposed one: its input has the transposed convolution's
 * output size, its weight is the same tensor read as (C_out, C_in/groups, ...k). Its output is
 * I + ⌊output_padding / stride⌋ long per axis, so when output_padding ≥ stride (PyTorch allows it
 * when dilation > stride) it has rows no element of Y corresponds to; only the first I rows per axis
 * (the transposed convolution's input, Y) are kept, which makes Wᵀ·vec(Y) = vec(convTranspose(Y)) exact.
 */
function transposedGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: ConvOptions,
): Geometry {
  const rank = rankOf(inputShape);
  const params = normalizeParams(rank, options);
  return geometry(
    convTransposeOutputShape(inputShape, weightShape, null, params),
    inputShape,
    weightShape,
    params,
    rank,
  );
}

function sizeOf(g: Geometry): { size: MatrixSize; tapsH: AxisTaps; tapsW: AxisTaps } {
  const tapsH = axisTaps(g.rowsH, g.inH, g.kH, g.p.stride[0], g.p.padding[0], g.p.dilation[0]);
  const tapsW = axisTaps(g.rowsW, g.inW, g.kW, g.p.stride[1], g.p.padding[1], g.p.dilation[1]);
  const cInPerGroup = g.cIn / g.groups;
  const size: MatrixSize = {
    rows: g.cOut * g.rowsH * g.rowsW,
    cols: g.cIn * g.inH * g.inW,
    nnz: g.cOut * cInPerGroup * tapsH.total * tapsW.total,
    rowShape: g.rowShape,
    colShape: g.colShape,
  };
  return { size, tapsH, tapsW };
}

function build(g: Geometry, weight: Tensor, limits: MatrixLimits): ConvMatrix {
  const { size, tapsH, tapsW } = sizeOf(g);
  const cap = limits.maxNnz ?? DEFAULT_MAX_NNZ;
  if (size.nnz > cap || size.rows > cap) {
    throw new EngineError(
      'size-cap',
      `the convolution matrix would hold ${size.nnz} entries in ${size.rows} rows, above the cap of ${cap}`,
      {
        rows: size.rows,
        cols: size.cols,
        nnz: size.nnz,
        cap,
      },
    );
  }
  const rowPtr = new Int32Array(size.rows + 1);
  const colIdx = new Int32Array(size.nnz);
  const values = new Float64Array(size.nnz);
  const w = weight.data;
  const [sH, sW] = g.p.stride;
  const [pH, pW] = g.p.padding;
  const [dH, dW] = g.p.dilation;
  const cInPerGroup = g.cIn / g.groups;
  const cOutPerGroup = g.cOut / g.groups;
  const kernelSize = g.kH * g.kW;
  const plane = g.inH * g.inW;
  let e = 0;
  let row = 0;
  for (let co = 0; co < g.cOut; co++) {
    const group = Math.floor(co / cOutPerGroup);
    for (let oh = 0; oh < g.rowsH; oh++) {
      const khFirst = tapsH.first[oh];
      const khEnd = khFirst + tapsH.count[oh];
      for (let ow = 0; ow < g.rowsW; ow++) {
        rowPtr[row++] = e;
        const kwFirst = tapsW.first[ow];
        const kwEnd = kwFirst + tapsW.count[ow];
        for (let ciLocal = 0; ciLocal < cInPerGroup; ciLocal++) {
          const colBase = (group * cInPerGroup + ciLocal) * plane;
          const wBase = (co * cInPerGroup + ciLocal) * kernelSize;
          for (let kh = khFirst; kh < khEnd; kh++) {
            const colRow = colBase + (oh * sH - pH + kh * dH) * g.inW;
            const wRow = wBase + kh * g.kW;
            for (let kw = kwFirst; kw < kwEnd; kw++) {
              colIdx[e] = colRow + ow * sW - pW + kw * dW;
              values[e] = w[wRow + kw];
              e++;
            }
          }
        }
      }
    }
  }
  rowPtr[row] = e;
  return { rows: size.rows, cols: size.cols, rowPtr, colIdx, values, rowShape: g.rowShape, colShape: g.colShape };
}

/** rows, cols and nnz of convMatrix without building it. */
export function convMatrixSize(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: ForwardConvOptions = {},
): MatrixSize {
  return sizeOf(forwardGeometry(inputShape, weightShape, options)).size;
}

/** rows, cols and nnz of transposedConvMatrix without building it. */
export function transposedConvMatrixSize(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: ConvOptions = {},
): MatrixSize {
  return sizeOf(transposedGeometry(inputShape, weightShape, options)).size;
}

/**
 * W with W·vec(X) = vec(conv(X)) for one sample of a conv1d/conv2d; weight (C_out, C_in/groups, ...k).
 * The batch size in inputShape is ignored.
 */
export function convMatrix(
  inputShape: readonly number[],
  weight: Tensor,
  options: ForwardConvOptions = {},
  limits: MatrixLimits = {},
): ConvMatrix {
  return build(forwardGeometry(inputShape, weight.shape, options), weight, limits);
}

/**
 * For a ConvTranspose layer (input (N, C_in, ...), weight (C_in, C_out/groups, ...k)): the paired forward
 * convolution's W, rows = elements of one input sample Y, columns = elements of one output sample,
 * with Wᵀ·vec(Y) = vec(convTranspose(Y)) (no bias).
 */
export function transposedConvMatrix(
  inputShape: readonly number[],
  weight: Tensor,
  options: ConvOptions = {},
  limits: MatrixLimits = {},
): ConvMatrix {
  return build(transposedGeometry(inputShape, weight.shape, options), weight, limits);
}

function checkLength(what: string, got: number, expected: number): void {
  if (got !== expected)
    throw new EngineError('bad-shape', `${what} needs a vector of length ${expected}, got ${got}`, { expected, got });
}

/** m·x. */
export function matVec(m: CsrMatrix, x: ArrayLike<number>): Float64Array {
  checkLength('matVec', x.length, m.cols);
  const y = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) s += m.values[e] * x[m.colIdx[e]];
    y[r] = s;
  }
  return y;
}

/** mᵀ·y, scattering row by row instead of materialising the transpose. */
export function matTVec(m: CsrMatrix, y: ArrayLike<number>): Float64Array {
  checkLength('matTVec', y.length, m.rows);
  const x = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) {
    const yr = y[r];
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) x[m.colIdx[e]] += m.values[e] * yr;
  }
  return x;
}

/** mᵀ in CSR (a counting sort by column, so columns stay ascending within each row). */
export function transposeCsr(m: CsrMatrix): CsrMatrix {
  const nnz = m.rowPtr[m.rows];
  const rowPtr = new Int32Array(m.cols + 1);
  for (let e = 0; e < nnz; e++) rowPtr[m.colIdx[e] + 1]++;
  for (let c = 0; c < m.cols; c++) rowPtr[c + 1] += rowPtr[c];
  const next = rowPtr.slice(0, m.cols);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) {
      const slot = next[m.colIdx[e]]++;
      colIdx[slot] = r;
      values[slot] = m.values[e];
    }
  }
  return { rows: m.cols, cols: m.rows, rowPtr, colIdx, values };
}

/** The dense (rows, cols) tensor of m; refuses above maxCells cells. */
export function toDense(m: CsrMatrix, maxCells = DEFAULT_MAX_DENSE_CELLS): Tensor {
  const cells = m.rows * m.cols;
  if (cells > maxCells) {
    throw new EngineError(
      'size-cap',
      `a dense ${m.rows}×${m.cols} matrix has ${cells} cells, above the cap of ${maxCells}`,
      { rows: m.rows, cols: m.cols, cells, cap: maxCells },
    );
  }
  const data = new Float64Array(cells);
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) data[r * m.cols + m.colIdx[e]] = m.values[e];
  }
  return { shape: [m.rows, m.cols], data };
}

export interface MatrixStats {
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /** nnz / (rows·cols), 0 for an empty matrix. */
  readonly density: number;
  /** rows·cols float64 cells. */
  readonly bytesDense: number;
  /** float64 values + int32 column indices + int32 row pointers. */
  readonly bytesCsr: number;
}

/** Storage figures of a built matrix, or of one only sized by convMatrixSize. */
export function matrixStats(m: CsrMatrix | Pick<MatrixSize, 'rows' | 'cols' | 'nnz'>): MatrixStats {
  const nnz = 'rowPtr' in m ? m.rowPtr[m.rows] : m.nnz;
  const cells = m.rows * m.cols;
  return {
    rows: m.rows,
    cols: m.cols,
    nnz,
    density: cells === 0 ? 0 : nnz / cells,
    bytesDense: cells * 8,
    bytesCsr: nnz * 12 + (m.rows + 1) * 4,
  };
}

/**
 * Which input elements an output element reads and which outputs an input writes, from W's structure (one
 * sample; indices flatten (C, H, W)). For a transposed layer W's rows are inputs, so output j reads column j
 * of W = row j of Wᵀ; for a forward layer output j reads row j of W.
 */
import type { MatrixPayload } from '../../../src/webviewProtocol';
import { csrArrays, rowColumns, transposeCsrArrays, type CsrArrays } from './heatSource';

export class MatrixLinks {
  readonly W: CsrArrays;
  readonly Wt: CsrArrays;
  private readonly rowsAreInputs: boolean;

  constructor(matrix: MatrixPayload & { csr: NonNullable<MatrixPayload['csr']> }) {
    this.W = csrArrays(matrix.csr, matrix.rows, matrix.cols);
    this.Wt = transposeCsrArrays(this.W);
    this.rowsAreInputs = matrix.rowsAre === 'input';
  }

  inputsOf(output: number): number[] {
    return rowColumns(this.rowsAreInputs ? this.Wt : this.W, output);
  }

  outputsOf(input: number): number[] {
    return rowColumns(this.rowsAreInputs ? this.W : this.Wt, input);
  }
}

const cache = new WeakMap<MatrixPayload, MatrixLinks | null>();

/** Links for a matrix sent as CSR (built once per payload), null otherwise. */
export function linksOf(matrix: MatrixPayload): MatrixLinks | null {
  if (!cache.has(matrix)) cache.set(matrix, matrix.csr ? new MatrixLinks({ ...matrix, csr: matrix.csr }) : null);
  return cache.get(matrix) ?? null;
}

/** Flat sample indices inside plane `channel` (planeSize each), as indices within that plane. */
export function inPlane(indices: readonly number[], channel: number, planeSize: number): number[] {
  const start = channel * planeSize;
  return indices.filter((i) => i >= start && i < start + planeSize).map((i) => i - start);
}

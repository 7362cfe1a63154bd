/** W for the Matrix view: exact CSR within the cap, else a channel-block map; always the d2l exercise 2 numbers. */
import * as l10n from '@vscode/l10n';
import { matrixStats, tensor, type Tensor } from '../engine';
import type { MatrixPayload, MatrixStatsPayload, PreviewLimits } from '../webviewProtocol';
import type { LayerPlan } from '../specFile';
import { formatCount } from '../specFile/format';
import { blockMapPayload } from './blockMap';
import { layerMultiplyAdds } from './budget';
import { csrPayload } from './csr';
import { layerMatrix, layerMatrixSize } from './layerMatrix';
import { product } from './numbers';

function statsPayload(plan: LayerPlan, rows: number, cols: number, nnz: number): MatrixStatsPayload {
  const stats = matrixStats({ rows, cols, nnz });
  return {
    nnz,
    density: stats.density,
    bytesDense: stats.bytesDense,
    bytesCsr: stats.bytesCsr,
    bytesKernel: product(plan.weightShape) * 8,
    flopsDense: 2 * rows * cols,
    flopsSparse: 2 * nnz,
    flopsDirect: (2 * layerMultiplyAdds(plan)) / plan.inputShape[0],
  };
}

/** `weight` null: the layer was not evaluated; the pattern is drawn with 1s. */
export function matrixPayload(plan: LayerPlan, weight: Tensor | null, limits: PreviewLimits): MatrixPayload {
  const size = layerMatrixSize(plan);
  const base = {
    rowsAre: plan.kind === 'convTranspose' ? ('input' as const) : ('output' as const),
    rows: size.rows,
    cols: size.cols,
    rowShape: [...size.rowShape],
    colShape: [...size.colShape],
    stats: statsPayload(plan, size.rows, size.cols, size.nnz),
    valuesKnown: weight !== null,
  };
  // The engine refuses a matrix with more rows than the cap too (rows of zeros still cost their row pointers).
  if (size.nnz <= limits.maxMatrixNnz && size.rows <= limits.maxMatrixNnz) {
    const values = weight ?? tensor(plan.weightShape, new Array<number>(product(plan.weightShape)).fill(1));
    return { ...base, csr: csrPayload(layerMatrix(plan, values, limits.maxMatrixNnz)), blocks: null, note: null };
  }
  return {
    ...base,
    csr: null,
    blocks: blockMapPayload(plan, weight, limits),
    note: l10n.t(
      "W is {0}×{1} with {2} stored entries, above the preview's cap of {3}: shown as channel blocks, with block (1, 1) exactly",
      formatCount(size.rows),
      formatCount(size.cols),
      formatCount(size.nnz),
      formatCount(limits.maxMatrixNnz),
    ),
  };
}

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

/** In-bounds taps along one axis, counted from W's rows (input position i sends tap k to i·s − p + k·d). */
function axisTaps(inSize: number, outSize: number, kernel: number, stride: number, padding: number, dilation: number) {
  let taps = 0;
  for (let i = 0; i < inSize; i++)
    for (let k = 0; k < kernel; k++) {
      const o = i * stride - padding + k * dilation;
      if (o >= 0 && o < outSize) taps++;
    }
  return taps;
}

/** A 3-D layer: W is not built (the engine builds it for 1-D and 2-D), only its size and sparsity are counted. */
function matrixPayload3d(plan: LayerPlan): MatrixPayload {
  const transposed = plan.kind === 'convTranspose';
  // W's rows are the transposed layer's input (the paired convolution's output), as in 1-D and 2-D.
  const [rowShape, colShape] = transposed
    ? [plan.inputShape.slice(1), plan.outputShape.slice(1)]
    : [plan.outputShape.slice(1), plan.inputShape.slice(1)];
  const [small, large] = transposed ? [plan.inputShape, plan.outputShape] : [plan.outputShape, plan.inputShape];
  const p = plan.params;
  // (C_in, C_out/groups, …) or (C_out, C_in/groups, …): every block of W pairs one channel with one channel of its group.
  let nnz = plan.weightShape[0] * plan.weightShape[1];
  for (let d = 0; d < 3; d++)
    nnz *= axisTaps(small[2 + d], large[2 + d], plan.weightShape[2 + d], p.stride[d], p.padding[d], p.dilation[d]);
  const [rows, cols] = [product(rowShape), product(colShape)];
  return {
    rowsAre: transposed ? 'input' : 'output',
    rows,
    cols,
    rowShape,
    colShape,
    stats: statsPayload(plan, rows, cols, nnz),
    valuesKnown: false,
    csr: null,
    blocks: null,
    note: l10n.t(
      'W ({0}×{1}, {2} non-zeros) is drawn for 1-D and 2-D layers only: this layer is 3-D. Its size and cost are above; the Verify view checks the layer without it (adjoint, gradient).',
      formatCount(rows),
      formatCount(cols),
      formatCount(nnz),
    ),
  };
}

/** `weight` null: the layer was not evaluated; the pattern is drawn with 1s. */
export function matrixPayload(plan: LayerPlan, weight: Tensor | null, limits: PreviewLimits): MatrixPayload {
  if (plan.inputShape.length === 5) return matrixPayload3d(plan);
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

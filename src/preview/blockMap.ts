/**
 * W of a layer too large to send, as blocks: row-channel i × column-channel j is one block, the same spatial
 * pattern scaled by the kernel plane (i, j). In both weight layouts the first dimension indexes W's row
 * channels (convTranspose: C_in, conv: C_out) and the second the column channels within a group.
 */
import { numel, tensor, type Tensor } from '../engine';
import type { BlockMapPayload, PreviewLimits } from '../webviewProtocol';
import type { LayerPlan } from '../specFile';
import { csrPayload } from './csr';
import { layerMatrix, layerMatrixSize, singleChannelPlan } from './layerMatrix';
import { product } from './numbers';

interface Merge {
  readonly perRow: number;
  readonly perCol: number;
}

/** Channels merged per cell so the map has at most maxCells cells, merging along the longer side first. */
function mergeFor(rows: number, cols: number, maxCells: number): Merge {
  let perRow = 1;
  let perCol = 1;
  while (Math.ceil(rows / perRow) * Math.ceil(cols / perCol) > maxCells) {
    if (Math.ceil(rows / perRow) >= Math.ceil(cols / perCol)) perRow *= 2;
    else perCol *= 2;
  }
  return { perRow, perCol };
}

function planeMaxAbs(weight: Tensor, plane: number, planeSize: number): number {
  let m = 0;
  for (let i = plane * planeSize; i < (plane + 1) * planeSize; i++) {
    const a = Math.abs(weight.data[i]);
    if (a > m || Number.isNaN(a)) m = Number.isFinite(a) ? a : Number.MAX_VALUE;
  }
  return m;
}

function magnitudes(
  plan: LayerPlan,
  weight: Tensor | null,
  merge: Merge,
): { values: number[]; rows: number; cols: number } {
  const [rowChannels, colsPerGroup] = plan.weightShape;
  const groups = plan.params.groups;
  const colChannels = colsPerGroup * groups;
  const rowsPerGroup = rowChannels / groups;
  const planeSize = product(plan.weightShape.slice(2));
  const rows = Math.ceil(rowChannels / merge.perRow);
  const cols = Math.ceil(colChannels / merge.perCol);
  const values = new Array<number>(rows * cols).fill(0);
  for (let r = 0; r < rowChannels; r++) {
    for (let c = 0; c < colChannels; c++) {
      if (Math.floor(r / rowsPerGroup) !== Math.floor(c / colsPerGroup)) continue;
      const m = weight ? planeMaxAbs(weight, r * colsPerGroup + (c % colsPerGroup), planeSize) : 1;
      const cell = Math.floor(r / merge.perRow) * cols + Math.floor(c / merge.perCol);
      if (m > values[cell]) values[cell] = m;
    }
  }
  return { values, rows, cols };
}

function firstBlock(plan: LayerPlan, weight: Tensor | null, maxNnz: number): BlockMapPayload['block'] {
  const single = singleChannelPlan(plan);
  const size = layerMatrixSize(single);
  if (size.nnz > maxNnz || size.rows > maxNnz) return null;
  const planeSize = product(single.weightShape);
  const plane = weight
    ? tensor(single.weightShape, weight.data.subarray(0, planeSize))
    : tensor(single.weightShape, new Array<number>(planeSize).fill(1));
  const m = layerMatrix(single, plane, maxNnz);
  return { rows: m.rows, cols: m.cols, csr: csrPayload(m) };
}

export function blockMapPayload(plan: LayerPlan, weight: Tensor | null, limits: PreviewLimits): BlockMapPayload {
  const size = layerMatrixSize(plan);
  const [rowChannels, colsPerGroup] = plan.weightShape;
  const merge = mergeFor(rowChannels, colsPerGroup * plan.params.groups, limits.maxBlockCells);
  const map = magnitudes(plan, weight, merge);
  return {
    blockRows: map.rows,
    blockCols: map.cols,
    channelsPerRow: merge.perRow,
    channelsPerCol: merge.perCol,
    blockHeight: numel(size.rowShape.slice(1)),
    blockWidth: numel(size.colShape.slice(1)),
    // Colours only: four significant digits keep the map small.
    magnitudes: map.values.map((m) => Number(m.toPrecision(4))),
    valuesKnown: weight !== null,
    block: firstBlock(plan, weight, limits.maxMatrixNnz),
  };
}

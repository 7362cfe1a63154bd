/** Naming what a cell of a pooled plane covers: "[0, 5, 10:12, 4:6]", Python's slices of the tensor's indices. */
import { coveredRange } from '../../src/preview/downsample';

function slice([start, end]: [number, number]): string {
  return end - start === 1 ? String(start) : `${start}:${end}`;
}

/**
 * The indices pooled cell (row, col) stands for in a plane of `planeShape` (rows × cols; 1 × L for a 1-D tensor,
 * whose index has no row), after the leading indices `lead`.
 */
export function pooledIndex(
  planeShape: readonly [number, number],
  oneDimensional: boolean,
  lead: readonly number[],
  factor: number,
  row: number,
  col: number,
): string {
  const cols = slice(coveredRange(col, factor, planeShape[1]));
  const rows = slice(coveredRange(row, factor, planeShape[0]));
  return `[${[...lead.map(String), ...(oneDimensional ? [] : [rows]), cols].join(', ')}]`;
}

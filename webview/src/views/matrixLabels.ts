/** Names of W's rows and columns: the input and output elements they stand for. */
import type { MatrixPayload } from '../../../src/webviewProtocol';
import type { MatrixLabels } from '../components/matrixDisplay';

/** (C, H, W) flat index → [c, i, j]; (C, L) → [c, j]. */
export function unflatten(shape: readonly number[], flat: number): number[] {
  const index: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return index;
}

function namer(symbol: string, shape: readonly number[]) {
  const full = (i: number) => `${symbol}[${unflatten(shape, i).join(', ')}]`;
  // Headers drop the channel when there is one channel: "1,2" instead of "0,1,2".
  const short = (i: number) =>
    unflatten(shape, i)
      .slice(shape[0] === 1 ? 1 : 0)
      .join(',');
  return { full, short };
}

/** W's labels; transpose: Wᵀ's. Inputs are x, outputs y (one sample). */
export function matrixLabels(m: MatrixPayload, transpose: boolean): MatrixLabels {
  const inputs = m.rowsAre === 'input';
  const rows = namer(inputs ? 'x' : 'y', m.rowShape);
  const cols = namer(inputs ? 'y' : 'x', m.colShape);
  const [r, c] = transpose ? [cols, rows] : [rows, cols];
  return { row: r.full, col: c.full, rowHeader: r.short, colHeader: c.short };
}

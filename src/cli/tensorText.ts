import * as l10n from '@vscode/l10n';
import { formatShape, type Tensor } from '../engine';
import { formatPlane } from './grid';
import type { Style } from './style';

export const MAX_PLANES = 4;

/**
 * The first planes of an (N, C, H, W) or (N, C, L) tensor as labelled grids; the rest counted. A 3-D
 * (N, C, D, H, W) tensor is printed plane by plane along its depth: n, c, then the depth slice d.
 */
export function tensorPlanes(
  title: string,
  t: Tensor,
  style: Style,
  planeLabel: (a: number, b: number) => string,
): string[] {
  const [outer, inner] = t.shape;
  const spatial = t.shape.slice(2);
  const depth = spatial.length === 3 ? spatial[0] : 1;
  const rows = spatial.length >= 2 ? spatial[spatial.length - 2] : 1;
  const cols = spatial[spatial.length - 1];
  const lines = [`${style.bold(title)} ${style.dim(formatShape(t.shape))}`];
  let shown = 0;
  for (let a = 0; a < outer && shown < MAX_PLANES; a++) {
    for (let b = 0; b < inner && shown < MAX_PLANES; b++) {
      for (let d = 0; d < depth && shown < MAX_PLANES; d++, shown++) {
        const label = spatial.length === 3 ? `${planeLabel(a, b)}, d=${d}` : planeLabel(a, b);
        lines.push(`  ${style.dim(label)}`);
        const offset = ((a * inner + b) * depth + d) * rows * cols;
        for (const row of formatPlane(t.data, offset, rows, cols)) lines.push(`    ${row}`);
      }
    }
  }
  const total = outer * inner * depth;
  const more = total - shown;
  if (more > 0) {
    const shape = formatShape(spatial.length === 3 ? [outer, inner, depth] : [outer, inner]);
    lines.push(
      style.dim(
        `  … ${more === 1 ? l10n.t('1 more plane ({0})', shape) : l10n.t('{0} more planes ({1})', more, shape)}`,
      ),
    );
  }
  return lines;
}

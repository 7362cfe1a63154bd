/**
 * Shape shorthand: a 2-D spec may write [H, W] (N = C = 1), [C, H, W] (N = 1) or [N, C, H, W];
 * a 1-D spec [L], [C, L] or [N, C, L]. Kernels take only the spatial form or the full PyTorch layout.
 */
import * as l10n from '@vscode/l10n';
import type { Dims } from './model';

export function describeShapeForms(dims: Dims): string {
  return dims === 2 ? l10n.t('[H, W], [C, H, W] or [N, C, H, W]') : l10n.t('[L], [C, L] or [N, C, L]');
}

/** The full (N, C, ...spatial) shape, or null when the rank is not one of the shorthand forms. */
export function expandShape(dims: Dims, written: readonly number[]): number[] | null {
  const missing = dims + 2 - written.length;
  if (missing < 0 || missing > 2) return null;
  return [...new Array<number>(missing).fill(1), ...written];
}

/** The full shape written with `rank` entries, when the dropped leading sizes are all 1; else null. */
export function shortenShape(full: readonly number[], rank: number): number[] | null {
  const drop = full.length - rank;
  if (drop < 0) return null;
  return full.slice(0, drop).every((d) => d === 1) ? full.slice(drop) : null;
}

/**
 * Shape shorthand: a 2-D spec may write [H, W] (N = C = 1), [C, H, W] (N = 1) or [N, C, H, W];
 * a 1-D spec [L], [C, L] or [N, C, L]; a 3-D spec [D, H, W], [C, D, H, W] or [N, C, D, H, W]. Kernels take only the spatial form or the full PyTorch layout.
 */
import * as l10n from '@vscode/l10n';
import type { Dims } from './model';

export function describeShapeForms(dims: Dims): string {
  if (dims === 3) return l10n.t('[D, H, W], [C, D, H, W] or [N, C, D, H, W]');
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

/** The kernel's spatial sizes as PyTorch's docs name them: `k`, `kH, kW` or `kD, kH, kW`. */
export function kernelAxesText(dims: Dims): string {
  return dims === 3 ? 'kD, kH, kW' : dims === 2 ? 'kH, kW' : 'k';
}

/** The spatial axis names as a shape, `[L]`, `[H, W]` or `[D, H, W]`. */
export function spatialAxesText(dims: Dims): string {
  return dims === 3 ? '[D, H, W]' : dims === 2 ? '[H, W]' : '[L]';
}

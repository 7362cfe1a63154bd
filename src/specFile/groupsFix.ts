/**
 * The fix for a `groups` that does not divide the channels: the largest value at most the written one that the
 * layer accepts as it is written (channel counts, and a written kernel shape, unchanged), and 1 besides.
 */
import * as l10n from '@vscode/l10n';
import type { Fix } from './diagnostics';
import { replaceEdit } from './edits';
import type { Field } from './model';

/** `fits(g)`: the layer, with groups g and nothing else changed, passes PyTorch's channel checks. */
export function groupsFixes(groups: Field<number> | undefined, fits: (g: number) => boolean): Fix[] {
  if (!groups || !Number.isInteger(groups.value) || groups.value < 2) return [];
  let best = 0;
  for (let g = groups.value - 1; g >= 1 && best === 0; g--) if (fits(g)) best = g;
  if (best === 0) return [];
  const set = (g: number, isPreferred: boolean): Fix => ({
    title: l10n.t('Set groups to {0}', g),
    edits: [replaceEdit(groups.ref, String(g))],
    isPreferred,
  });
  return best === 1 || !fits(1) ? [set(best, true)] : [set(best, true), set(1, false)];
}

/** Whether groups g divides both channel counts of a layer whose weight follows from them. */
export const dividesBoth =
  (inChannels: number, outChannels: number) =>
  (g: number): boolean =>
    inChannels % g === 0 && outChannels % g === 0;

/**
 * Whether groups g fits a written weight: [C_in, C_out/g, …] (transposed) or [C_out, C_in/g, …], with the input's
 * channels and a written outChannels unchanged.
 */
export function fitsWeight(
  weight: readonly number[],
  transposed: boolean,
  inChannels: number,
  outChannels: number | undefined,
): (g: number) => boolean {
  return (g) => {
    if (weight[0] % g !== 0) return false;
    const cIn = transposed ? weight[0] : weight[1] * g;
    const cOut = transposed ? weight[1] * g : weight[0];
    return cIn === inChannels && (outChannels === undefined || cOut === outChannels);
  };
}

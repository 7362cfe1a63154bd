/** A tensor as planes, within the element cap: the first planes, or a window around a focused one. */
import * as l10n from '@vscode/l10n';
import { formatCount } from '../specFile/format';
import type { Tensor } from '../engine';
import type { NonFiniteValue, TensorPayload } from '../webviewProtocol';
import { finiteArray, nonFiniteName, product } from './numbers';

/** A single plane is sent even above the cap, up to this many times the cap. */
const ONE_PLANE_SLACK = 4;
const MAX_NON_FINITE_LISTED = 1024;

/** The last `spatialRank` dimensions form a plane (padded to two: 1 × L); the leading ones index planes. */
export function planeShapeOf(shape: readonly number[], spatialRank: 1 | 2): [number, number] {
  if (spatialRank === 1 || shape.length < 2) return [1, shape.length === 0 ? 1 : shape[shape.length - 1]];
  return [shape[shape.length - 2], shape[shape.length - 1]];
}

function extremes(data: ArrayLike<number>): { min: number; max: number; nonFinite: NonFiniteValue[] } {
  let min = Infinity;
  let max = -Infinity;
  const nonFinite: NonFiniteValue[] = [];
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (Number.isFinite(x)) {
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (nonFinite.length < MAX_NON_FINITE_LISTED) {
      nonFinite.push({ index: i, value: nonFiniteName(x) });
    }
  }
  return min <= max ? { min, max, nonFinite } : { min: 0, max: 0, nonFinite };
}

export function tensorPayload(
  tensor: Tensor,
  spatialRank: 1 | 2,
  maxElements: number,
  focusPlane: number | null = null,
): TensorPayload {
  const planeShape = planeShapeOf(tensor.shape, spatialRank);
  const planeSize = product(planeShape);
  const planeCount = planeSize === 0 ? 0 : tensor.data.length / planeSize;
  const fitting =
    planeSize > maxElements * ONE_PLANE_SLACK ? 0 : Math.max(1, Math.floor(maxElements / Math.max(1, planeSize)));
  const sentPlanes = Math.min(planeCount, fitting);
  const wanted = focusPlane !== null && focusPlane >= 0 && focusPlane < planeCount ? focusPlane : 0;
  const firstPlane = Math.max(0, Math.min(wanted, planeCount - sentPlanes));
  const { min, max, nonFinite } = extremes(tensor.data);
  let note: string | null = null;
  if (sentPlanes === 0 && planeCount > 0)
    note = l10n.t(
      "a {0} plane is above the preview's cap of {1} values",
      planeShape.join('×'),
      formatCount(maxElements),
    );
  else if (sentPlanes < planeCount) {
    note = l10n.t(
      'planes {0}–{1} of {2} sent (cap: {3} values per tensor)',
      firstPlane + 1,
      firstPlane + sentPlanes,
      formatCount(planeCount),
      formatCount(maxElements),
    );
  }
  return {
    shape: [...tensor.shape],
    planeShape,
    planeCount,
    firstPlane,
    sentPlanes,
    data: finiteArray(tensor.data, firstPlane * planeSize, (firstPlane + sentPlanes) * planeSize),
    nonFinite,
    min,
    max,
    note,
  };
}

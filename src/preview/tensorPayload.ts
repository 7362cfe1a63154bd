/**
 * A tensor as planes, within the element cap: the first planes, or a window around a focused one. A focused plane
 * above the cap is sent alone, pooled when a side is above MAX_PLANE_SIDE (downsample.ts): never more than the
 * planes shown.
 */
import * as l10n from '@vscode/l10n';
import { formatCount } from '../specFile/format';
import type { Tensor } from '../engine';
import type { NonFiniteValue, TensorPayload } from '../webviewProtocol';
import { poolFactor, poolMaxAbs, pooledSize } from './downsample';
import { finiteArray, nonFiniteName, product } from './numbers';

/** A single plane is sent even above the cap, up to this many times the cap. */
const ONE_PLANE_SLACK = 4;
const MAX_NON_FINITE_LISTED = 1024;

/** The last `spatialRank` dimensions form a plane (padded to two: 1 × L); the leading ones index planes. */
export function planeShapeOf(shape: readonly number[], spatialRank: 1 | 2): [number, number] {
  if (spatialRank === 1 || shape.length < 2) return [1, shape.length === 0 ? 1 : shape[shape.length - 1]];
  return [shape[shape.length - 2], shape[shape.length - 1]];
}

interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly nonFinite: NonFiniteValue[];
}

/** Per data array: plane requests read the same (immutable) tensors again and again. */
const extremesCache = new WeakMap<ArrayLike<number>, Extremes>();

function extremesOf(data: Tensor['data']): Extremes {
  const cached = extremesCache.get(data);
  if (cached) return cached;
  const computed = extremes(data);
  extremesCache.set(data, computed);
  return computed;
}

function extremes(data: ArrayLike<number>): Extremes {
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
  if (focusPlane !== null && focusPlane >= 0 && focusPlane < planeCount && planeSize > maxElements)
    return planePayload(tensor, spatialRank, focusPlane);
  const fitting =
    planeSize > maxElements * ONE_PLANE_SLACK ? 0 : Math.max(1, Math.floor(maxElements / Math.max(1, planeSize)));
  const sentPlanes = Math.min(planeCount, fitting);
  const wanted = focusPlane !== null && focusPlane >= 0 && focusPlane < planeCount ? focusPlane : 0;
  const firstPlane = Math.max(0, Math.min(wanted, planeCount - sentPlanes));
  const { min, max, nonFinite } = extremesOf(tensor.data);
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

/** Plane `plane` of the tensor alone, whatever the cap: whole up to MAX_PLANE_SIDE a side, pooled above. */
export function planePayload(tensor: Tensor, spatialRank: 1 | 2, plane: number): TensorPayload {
  const planeShape = planeShapeOf(tensor.shape, spatialRank);
  const [rows, cols] = planeShape;
  const planeSize = rows * cols;
  const planeCount = planeSize === 0 ? 0 : tensor.data.length / planeSize;
  const { min, max, nonFinite } = extremesOf(tensor.data);
  const base = { shape: [...tensor.shape], planeShape, planeCount, nonFinite, min, max };
  if (!(Number.isInteger(plane) && plane >= 0 && plane < planeCount))
    return { ...base, firstPlane: 0, sentPlanes: 0, data: [], note: null };
  const offset = plane * planeSize;
  const factor = poolFactor(rows, cols);
  if (factor === 1) {
    const note = planeCount > 1 ? l10n.t('plane {0} of {1} sent', plane + 1, formatCount(planeCount)) : null;
    return {
      ...base,
      firstPlane: plane,
      sentPlanes: 1,
      data: finiteArray(tensor.data, offset, offset + planeSize),
      note,
    };
  }
  const pooled = { factor, rows: pooledSize(rows, factor), cols: pooledSize(cols, factor) };
  return {
    ...base,
    firstPlane: plane,
    sentPlanes: 1,
    data: poolMaxAbs(tensor.data, offset, rows, cols, factor),
    note: l10n.t(
      'plane {0} of {1} sent, {2} pooled to {3}: the largest |value| of each {4}×{4} block',
      plane + 1,
      formatCount(planeCount),
      planeShape.join('×'),
      `${pooled.rows}×${pooled.cols}`,
      factor,
    ),
    pooled,
  };
}

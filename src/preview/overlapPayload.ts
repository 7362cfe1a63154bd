/**
 * How many kernel taps reach each output position of a transposed layer. Output o along an axis receives
 * tap k from input i = (o + padding − k·dilation) / stride when that is an integer in [0, in), the same
 * rule as the engine's cost check. The 2-D map is the outer product of the two axes' counts.
 */
import * as l10n from '@vscode/l10n';
import type { OverlapAxisPayload, OverlapPayload } from '../webviewProtocol';
import { tapsPerOutput, type TapAxis } from '../engine';
import type { LayerPlan } from '../specFile';

/** Strides up to this get one interior count per residue; a larger stride (10⁹ in the fuzzer) cannot. */
export const MAX_LISTED_RESIDUES = 4096;

/**
 * Away from the borders: taps reaching a position with o mod stride = r, for each residue r. Above
 * MAX_LISTED_RESIDUES, residue 0's count and then the other counts that occur, ascending: all the note reads
 * (largest, distinct, even or not), from the residues the kernel's taps hit (one per tap), never one per residue.
 */
function interiorCounts(a: TapAxis): number[] {
  if (a.stride > MAX_LISTED_RESIDUES) {
    const hits = new Map<number, number>();
    for (let k = 0; k < a.kernel; k++) {
      const r = (((k * a.dilation - a.padding) % a.stride) + a.stride) % a.stride;
      hits.set(r, (hits.get(r) ?? 0) + 1);
    }
    const occurring = new Set(hits.values());
    if (hits.size < a.stride) occurring.add(0);
    const first = hits.get(0) ?? 0;
    occurring.delete(first);
    return [first, ...[...occurring].sort((x, y) => x - y)];
  }
  const counts = new Array<number>(a.stride).fill(0);
  for (let r = 0; r < a.stride; r++) {
    for (let k = 0; k < a.kernel; k++) {
      if ((((r + a.padding - k * a.dilation) % a.stride) + a.stride) % a.stride === 0) counts[r]++;
    }
  }
  return counts;
}

// Loops, not Math.max(...xs): an axis can have millions of output positions, more than a call's arguments.
const maxOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), 0);
const minOf = (xs: readonly number[]) => xs.reduce((m, x) => Math.min(m, x), Infinity);

const uneven = (counts: readonly number[]) => counts.some((c) => c !== counts[0]);

function axisArgs(plan: LayerPlan, d: number): TapAxis {
  const p = plan.params;
  return {
    inSize: plan.inputShape[2 + d],
    outSize: plan.outputShape[2 + d],
    kernel: plan.weightShape[2 + d],
    stride: p.stride[d],
    padding: p.padding[d],
    dilation: p.dilation[d],
  };
}

/** "1 or 2", "0 or 1 or 2": the tap counts interior positions receive along an uneven axis. */
function alternatives(counts: readonly number[]): string {
  const [first, ...rest] = counts.map(String);
  return rest.reduce((text, next) => l10n.t('{0} or {1}', text, next), first ?? '');
}

/** "1", "1–2" per axis, joined with × : what the output positions of this layer actually receive. */
function range(counts: readonly (readonly number[])[]): string {
  return counts
    .map((c) => {
      const [lo, hi] = [minOf(c), maxOf(c)];
      return lo === hi ? String(hi) : `${lo}–${hi}`;
    })
    .join(' × ');
}

function noteFor(
  plan: LayerPlan,
  axes: readonly string[],
  interior: readonly (readonly number[])[],
  counts: readonly (readonly number[])[],
): string {
  // An input smaller than the kernel's reach (DCGAN's 1×1 latent) has no interior: describing the interior overlap
  // would promise taps no output position gets.
  const noInterior = counts.some((c, d) => c.length > 0 && maxOf(c) < maxOf(interior[d]));
  if (noInterior) {
    return l10n.t(
      'The input is too small for the kernel copies to overlap fully: output positions receive {0} taps per input channel (a larger input would give {1} away from the borders).',
      range(counts),
      interior.map(maxOf).join(' × '),
    );
  }
  const unevenAxes = axes.filter((_, i) => uneven(interior[i]));
  if (unevenAxes.length === 0) {
    if (interior.every((c) => c[0] === 1)) {
      return l10n.t(
        'Even overlap: away from the borders (where the input reaches), every output position receives 1 tap per input channel.',
      );
    }
    const per = interior.map((c) => c[0]).join(' × ');
    return l10n.t(
      'Even overlap: away from the borders (where the input reaches), every output position receives {0} taps per input channel.',
      per,
    );
  }
  const detail = unevenAxes
    .map((axis) => unevenAxisText(axis, axisArgs(plan, axes.indexOf(axis)), interior[axes.indexOf(axis)]))
    .join('; ');
  const dilated = unevenAxes.some((axis) => axisArgs(plan, axes.indexOf(axis)).dilation > 1);
  return dilated
    ? l10n.t(
        'Uneven overlap ({0}), repeating every stride: the checkerboard pattern of transposed convolutions. A dilated kernel overlaps evenly only when the dilation and the stride have no common factor and the kernel size is divisible by the stride.',
        detail,
      )
    : l10n.t(
        'Uneven overlap ({0}), repeating every stride: the checkerboard pattern of transposed convolutions. A kernel size divisible by the stride overlaps evenly.',
        detail,
      );
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Why one axis is uneven. Without dilation it is the kernel size modulo the stride. With dilation d the taps sit
 * d apart (an effective kernel of d·(k − 1) + 1) and land on the residues k·d − padding mod stride: when d and
 * the stride share a factor, some residues get no tap at all, whatever k is.
 */
function unevenAxisText(axis: string, a: TapAxis, interior: readonly number[]): string {
  const counts = alternatives([...new Set(interior)].sort((x, y) => x - y));
  if (a.dilation === 1)
    return l10n.t(
      '{0}: kernel {1} % stride {2} = {3}, interior positions receive {4} taps',
      axis,
      a.kernel,
      a.stride,
      a.kernel % a.stride,
      counts,
    );
  const effective = a.dilation * (a.kernel - 1) + 1;
  const common = gcd(a.dilation, a.stride);
  return common > 1
    ? l10n.t(
        '{0}: dilation {1} spreads the {2} taps over {3} positions, {1} apart; {1} and stride {4} share the factor {5}, so only one position in {5} can receive a tap and interior positions receive {6} taps',
        axis,
        a.dilation,
        a.kernel,
        effective,
        a.stride,
        common,
        counts,
      )
    : l10n.t(
        '{0}: dilation {1} spreads the {2} taps over {3} positions, {1} apart; {2} taps over stride {4} leave {5} over, so interior positions receive {6} taps',
        axis,
        a.dilation,
        a.kernel,
        effective,
        a.stride,
        a.kernel % a.stride,
        counts,
      );
}

/**
 * Where an axis's counts stop following the interior's period: the border positions at each end. Reach is an
 * interval, so the mismatches are a prefix and a suffix; a border count can equal the interior's by chance, so the
 * borders end at the last mismatch in each half, not at the first match.
 */
export function axisSummary(
  axis: string,
  a: TapAxis,
  counts: readonly number[],
  interior: readonly number[],
): OverlapAxisPayload {
  const n = counts.length;
  const periodic = interior.length === a.stride;
  if (!periodic) return { axis, length: n, stride: a.stride, head: n, tail: 0, periodic };
  const half = Math.ceil(n / 2);
  let head = 0;
  for (let o = 0; o < half; o++) if (counts[o] !== interior[o % a.stride]) head = o + 1;
  let tail = 0;
  for (let o = n - 1; o >= half; o--) if (counts[o] !== interior[o % a.stride]) tail = n - o;
  return { axis, length: n, stride: a.stride, head, tail, periodic };
}

export function overlapPayload(plan: LayerPlan): OverlapPayload | null {
  if (plan.kind !== 'convTranspose') return null;
  const rank = plan.dims.length;
  const axes = plan.dims.map((d) => d.axis);
  const perAxis = axes.map((_, d) => axisArgs(plan, d));
  const counts = perAxis.map(tapsPerOutput);
  const interior = perAxis.map(interiorCounts);
  // The plane is the last two axes (1 × L in 1-D); a 3-D layer's depth axis multiplies each depth slice.
  const [countsH, countsW] = rank === 1 ? [[1], counts[0]] : [counts[rank - 2], counts[rank - 1]];
  const [interiorH, interiorW] = rank === 1 ? [[1], interior[0]] : [interior[rank - 2], interior[rank - 1]];
  const countsD = rank === 3 ? counts[0] : [1];
  const empty = countsH.length === 0 || countsW.length === 0 || countsD.length === 0;
  return {
    countsH,
    countsW,
    interiorH,
    interiorW,
    unevenH: uneven(interiorH),
    unevenW: uneven(interiorW),
    ...(rank === 3 ? { countsD, interiorD: interior[0], unevenD: uneven(interior[0]) } : {}),
    min: empty ? 0 : minOf(countsD) * minOf(countsH) * minOf(countsW),
    max: empty ? 0 : maxOf(countsD) * maxOf(countsH) * maxOf(countsW),
    channelsPerTap: plan.weightShape[0] / plan.params.groups,
    note: noteFor(plan, axes, interior, counts),
    axes: axes.map((axis, d) => axisSummary(axis, perAxis[d], counts[d], interior[d])),
  };
}

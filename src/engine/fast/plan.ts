import type { ConvDims } from './dims';

/**
 * Phase (sub-pixel) decomposition of a transposed convolution, shared by the JS and WebAssembly kernels.
 *
 * Along one axis, output index o receives x[i]·w[k] whenever o = i·s − p + k·d. Group the outputs by their
 * residue r = (o + p) mod s and write o = s·t + r − p: then only the taps k with k·d ≡ r (mod s) reach
 * that phase, and they read x[t − q_k] with q_k = (k·d − r) / s ≥ 0. Each phase is therefore an ordinary
 * unit-stride correlation of x with a subset of the taps, with no multiplication by the zeros a
 * "dilate the input, then convolve" implementation would do, and every output is written exactly once
 * (no scatter-add).
 *
 * Per phase (rh, rw) and group, the work is one matrix product
 *   out_phase[co, (t, u)] = Σ_{ci, kh ∈ Th, kw ∈ Tw} W[ci, co, kh, kw] · xpad[ci, t − q_kh + leadH, u − q_kw + leadW]
 * with K = C_in/groups · |Th| · |Tw|. The input is copied once into a zero-padded plane per channel
 * (xpad, width `padW`), so each row k of the right-hand matrix is a shifted contiguous view of one xpad plane
 * ("implicit GEMM": no im2col copy) and column j of a tile maps to a flat xpad offset.
 */

export interface AxisPhase {
  /** Residue r = (o + p) mod s of this phase's outputs. */
  readonly residue: number;
  /** Kernel indices k with k·d ≡ r (mod s), ascending. */
  readonly taps: readonly number[];
  /** q_k = (k·d − r) / s for each tap: the input index is t − q_k. */
  readonly shifts: readonly number[];
  /** First t of the phase; its output index is first = s·tLo + r − p ≥ 0. */
  readonly tLo: number;
  readonly first: number;
  /** Number of outputs in the phase (> 0). */
  readonly count: number;
}

export interface AxisPlan {
  readonly stride: number;
  /** Phases with at least one output, by residue. A phase may have no taps (its outputs are bias only). */
  readonly phases: readonly AxisPhase[];
  /** Zero padding before x in the padded axis. */
  readonly lead: number;
  /** Length of the padded axis (lead + x + trailing zeros), at least every phase's count. */
  readonly padded: number;
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const ceilDiv = (a: number, b: number) => -Math.floor(-a / b);

export function planAxis(
  inSize: number,
  outSize: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): AxisPlan {
  const phases: AxisPhase[] = [];
  let lead = 0;
  let end = inSize; // one past the last padded index needed, before adding lead
  let widest = 0;
  for (let r = 0; r < stride; r++) {
    const tLo = ceilDiv(padding - r, stride);
    const tHi = floorDiv(outSize - 1 + padding - r, stride);
    const count = tHi - tLo + 1;
    if (count <= 0) continue;
    const taps: number[] = [];
    const shifts: number[] = [];
    for (let k = 0; k < kernel; k++) {
      if ((k * dilation) % stride === r) {
        taps.push(k);
        shifts.push((k * dilation - r) / stride);
      }
    }
    if (taps.length > 0) {
      // Inputs read: t − q for t ∈ [tLo, tHi], q ∈ [shifts[0], shifts[last]] (ascending with k).
      lead = Math.max(lead, shifts[shifts.length - 1] - tLo);
      end = Math.max(end, tHi - shifts[0] + 1);
    }
    widest = Math.max(widest, count);
    phases.push({ residue: r, taps, shifts, tLo, first: stride * tLo + r - padding, count });
  }
  return { stride, phases, lead, padded: Math.max(lead + end, widest) };
}

/** Everything the kernels need about one convTranspose2d call (batch and groups are looped by the caller). */
export interface ConvPlan {
  readonly batch: number;
  readonly groups: number;
  readonly cInPerGroup: number;
  readonly cOutPerGroup: number;
  readonly hIn: number;
  readonly wIn: number;
  readonly hOut: number;
  readonly wOut: number;
  readonly kH: number;
  readonly kW: number;
  readonly h: AxisPlan;
  readonly w: AxisPlan;
  /** Padded plane: padH rows of padW; one plane per (n, c_in). */
  readonly padH: number;
  readonly padW: number;
}

export function planConv(d: ConvDims): ConvPlan {
  const h = planAxis(d.hIn, d.hOut, d.kH, d.sH, d.pH, d.dH);
  const w = planAxis(d.wIn, d.wOut, d.kW, d.sW, d.pW, d.dW);
  return {
    batch: d.batch,
    groups: d.groups,
    cInPerGroup: d.cIn / d.groups,
    cOutPerGroup: d.cOutPerGroup,
    hIn: d.hIn,
    wIn: d.wIn,
    hOut: d.hOut,
    wOut: d.wOut,
    kH: d.kH,
    kW: d.kW,
    h,
    w,
    padH: h.padded,
    padW: w.padded,
  };
}

/**
 * The column tiles of one phase, `cols` columns each. Tile c reads xpad at column offset `base[c]` (+ lane)
 * and writes lane l to output plane offset `dest[c·cols + l]`, or nowhere when that is −1 (a column past the
 * phase's end or in the padding between rows). Two layouts, whichever needs fewer tiles: row by row (no
 * padding columns computed, but a partial tile per row when the count is not a multiple of `cols`) or the
 * phase flattened over the padded width (rows run on into each other; the padding columns in between are
 * computed and dropped). A tile may read up to cols − 1 floats past the last xpad plane.
 */
export interface PhaseTiles {
  readonly count: number;
  readonly base: Int32Array;
  readonly dest: Int32Array;
}

export function phaseTiles(plan: ConvPlan, ph: AxisPhase, pw: AxisPhase, cols: number): PhaseTiles {
  const { padW, wOut } = plan;
  const strideH = plan.h.stride;
  const strideW = plan.w.stride;
  const perRow = ceilDiv(pw.count, cols);
  const byRows = ph.count * perRow;
  const flatCols = (ph.count - 1) * padW + pw.count;
  const flat = ceilDiv(flatCols, cols);
  const count = Math.min(byRows, flat);
  const base = new Int32Array(count);
  const dest = new Int32Array(count * cols).fill(-1);
  const destOf = (t: number, u: number) => (ph.first + strideH * t) * wOut + pw.first + strideW * u;
  if (byRows <= flat) {
    let c = 0;
    for (let t = 0; t < ph.count; t++) {
      for (let u0 = 0; u0 < pw.count; u0 += cols, c++) {
        base[c] = t * padW + u0;
        for (let l = 0; l < cols && u0 + l < pw.count; l++) dest[c * cols + l] = destOf(t, u0 + l);
      }
    }
  } else {
    for (let c = 0; c < count; c++) {
      base[c] = c * cols;
      for (let l = 0; l < cols; l++) {
        const j = c * cols + l;
        const t = Math.floor(j / padW);
        const u = j - t * padW;
        if (t < ph.count && u < pw.count) dest[j] = destOf(t, u);
      }
    }
  }
  return { count, base, dest };
}

/**
 * Offsets of the K rows of one phase's right-hand matrix within the padded input of one (n, group):
 * row k = (ciLocal, kh-tap, kw-tap) reads plane ciLocal at (−q_kh + leadH + tLo_h, −q_kw + leadW + tLo_w),
 * so that adding a tile's base gives the address of its first column.
 */
export function phaseRowOffsets(plan: ConvPlan, ph: AxisPhase, pw: AxisPhase): Int32Array {
  const plane = plan.padH * plan.padW;
  const taps = ph.taps.length * pw.taps.length;
  const offsets = new Int32Array(plan.cInPerGroup * taps);
  let k = 0;
  for (let ci = 0; ci < plan.cInPerGroup; ci++) {
    for (let a = 0; a < ph.taps.length; a++) {
      const row = ph.tLo - ph.shifts[a] + plan.h.lead;
      for (let b = 0; b < pw.taps.length; b++) {
        offsets[k++] = ci * plane + row * plan.padW + pw.tLo - pw.shifts[b] + plan.w.lead;
      }
    }
  }
  return offsets;
}

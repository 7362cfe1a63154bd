import type { AxisPhase, ConvPlan } from './plan';

// Operand preparation for the JS kernels and the float64 WebAssembly kernel (the float32 one does the same inside
// its module: kernel.ts).

/**
 * The left-hand matrix of one (group, phase) for output channels [coStart, coEnd) of the group, packed in
 * blocks of `rows` output channels: each block is K rows of `rows` consecutive floats (the block's channels at
 * row k = (ciLocal, kh-tap, kw-tap)), channels past coEnd zero. PyTorch weight layout (C_in, C_out/groups, kH, kW).
 * Returns the floats written.
 */
export function packWeights(
  w: ArrayLike<number>,
  plan: ConvPlan,
  group: number,
  coStart: number,
  coEnd: number,
  ph: AxisPhase,
  pw: AxisPhase,
  into: Float32Array | Float64Array,
  at: number,
  rows: number,
): number {
  const { cInPerGroup, cOutPerGroup, kH, kW } = plan;
  const taps = ph.taps.length * pw.taps.length;
  const K = cInPerGroup * taps;
  const blocks = Math.ceil((coEnd - coStart) / rows);
  const taps2 = kH * kW;
  for (let cb = 0; cb < blocks; cb++) {
    const blockAt = at + cb * K * rows;
    for (let ci = 0; ci < cInPerGroup; ci++) {
      const wCi = (group * cInPerGroup + ci) * cOutPerGroup * taps2;
      for (let a = 0; a < ph.taps.length; a++) {
        for (let b = 0; b < pw.taps.length; b++) {
          const k = ci * taps + a * pw.taps.length + b;
          const src = wCi + ph.taps[a] * kW + pw.taps[b];
          const dst = blockAt + k * rows;
          for (let r = 0; r < rows; r++) {
            const co = coStart + cb * rows + r;
            into[dst + r] = co < coEnd ? w[src + co * taps2] : 0;
          }
        }
      }
    }
  }
  return blocks * K * rows;
}

/**
 * Copies x (N, C_in, H, W) into zero-padded planes (N, C_in, padH, padW), x at (leadH, leadW).
 * `into` must be zero where the padding goes (a fresh or cleared buffer).
 */
export function padInput(
  x: ArrayLike<number>,
  plan: ConvPlan,
  cIn: number,
  into: Float32Array | Float64Array,
  at: number,
): void {
  const { hIn, wIn, padH, padW } = plan;
  const lead = plan.h.lead * padW + plan.w.lead;
  const planes = plan.batch * cIn;
  for (let p = 0; p < planes; p++) {
    for (let i = 0; i < hIn; i++) {
      const src = (p * hIn + i) * wIn;
      const dst = at + p * padH * padW + lead + i * padW;
      for (let j = 0; j < wIn; j++) into[dst + j] = x[src + j];
    }
  }
}

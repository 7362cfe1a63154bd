import { packWeights, padInput } from './pack';
import { phaseRowOffsets, phaseTiles, type ConvPlan } from './plan';
import { scratchF32, scratchF64 } from './scratch';

/** Output channels per register tile of the JS kernel. */
const TILE_ROWS = 4;
/** Columns per tile (done as two halves of 4). */
const TILE_COLS = 8;

/**
 * The pure-JavaScript fast path (used where WebAssembly SIMD is unavailable): the phase decomposition of
 * plan.ts, each (group, phase) a matrix product computed in 4 × 4 register tiles (4 output channels × 4 columns,
 * 16 scalar accumulators; a tile's 8 columns are done as two halves). Accumulated in float64 (JS numbers).
 * With `precision` 'float32' the operands are stored as float32 (products of float32 values, rounded once when
 * stored into a float32 output); with 'float64' everything is float64, so each output is the float64 sum of its
 * products (the exact path's fallback). V8 keeps ~4 GFLOP/s here at best (bounds checks and register spills), a
 * quarter of the scalar ceiling.
 */
export function convTransposeJs(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  plan: ConvPlan,
  out: Float32Array | Float64Array,
  coStart: number,
  coEnd: number,
  precision: 'float32' | 'float64' = 'float32',
): void {
  const { batch, groups, cInPerGroup, cOutPerGroup, hOut, wOut, padH, padW } = plan;
  const cIn = cInPerGroup * groups;
  const cOut = cOutPerGroup * groups;
  const planeIn = padH * padW;
  const planeOut = hOut * wOut;
  const xLen = batch * cIn * planeIn + TILE_COLS;
  const maxTaps = maxPhaseTaps(plan);
  const coCount = coEnd - coStart;
  const blocks = Math.ceil(coCount / TILE_ROWS);
  const aLen = blocks * TILE_ROWS * cInPerGroup * maxTaps;
  const f64 = precision === 'float64';
  const buf = f64 ? scratchF64(xLen + aLen) : scratchF32(xLen + aLen);
  buf.fill(0, 0, xLen);
  padInput(x, plan, cIn, buf, 0);
  const acc = new Float64Array(16);

  for (let g = 0; g < groups; g++) {
    for (const ph of plan.h.phases) {
      for (const pw of plan.w.phases) {
        const K = cInPerGroup * ph.taps.length * pw.taps.length;
        packWeights(w, plan, g, coStart, coEnd, ph, pw, buf, xLen, TILE_ROWS);
        const offsets = phaseRowOffsets(plan, ph, pw);
        const tiles = phaseTiles(plan, ph, pw, TILE_COLS);
        for (let n = 0; n < batch; n++) {
          const xAt = (n * cIn + g * cInPerGroup) * planeIn;
          const outAt = (n * cOut + g * cOutPerGroup) * planeOut;
          for (let c = 0; c < tiles.count; c++) {
            for (let half = 0; half < 2; half++) {
              const col = half * 4;
              const xCol = xAt + tiles.base[c] + col;
              const dAt = c * TILE_COLS + col;
              if ((tiles.dest[dAt] & tiles.dest[dAt + 1] & tiles.dest[dAt + 2] & tiles.dest[dAt + 3]) < 0) continue; // all four dropped
              for (let cb = 0; cb < blocks; cb++) {
                if (f64) tile4x4F64(buf as Float64Array, xLen + cb * K * TILE_ROWS, xCol, offsets, K, acc);
                else tile4x4F32(buf as Float32Array, xLen + cb * K * TILE_ROWS, xCol, offsets, K, acc);
                for (let r = 0; r < TILE_ROWS; r++) {
                  const co = coStart + cb * TILE_ROWS + r;
                  if (co >= coEnd) break;
                  const b = bias ? bias[g * cOutPerGroup + co] : 0;
                  const rowAt = outAt + co * planeOut;
                  for (let l = 0; l < 4; l++) {
                    const d = tiles.dest[c * TILE_COLS + col + l];
                    if (d >= 0) out[rowAt + d] = acc[r * 4 + l] + b;
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

function maxPhaseTaps(plan: ConvPlan): number {
  let m = 0;
  for (const ph of plan.h.phases) for (const pw of plan.w.phases) m = Math.max(m, ph.taps.length * pw.taps.length);
  return m;
}

/**
 * acc[r·4 + l] = Σ_k buf[aAt + 4k + r] · buf[xAt + offsets[k] + l] (packed weights and padded input share one
 * buffer). Written twice, for Float32Array and Float64Array, with the same text: one function called with both
 * would carry polymorphic element loads in its hottest loop, which costs V8 about half its speed.
 */
function tile4x4F32(
  buf: Float32Array,
  aAt: number,
  xAt: number,
  offsets: Int32Array,
  K: number,
  acc: Float64Array,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let ai = aAt;
  for (let k = 0; k < K; k++, ai += 4) {
    const xi = xAt + offsets[k];
    const b0 = buf[xi],
      b1 = buf[xi + 1],
      b2 = buf[xi + 2],
      b3 = buf[xi + 3];
    const a0 = buf[ai],
      a1 = buf[ai + 1],
      a2 = buf[ai + 2],
      a3 = buf[ai + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  acc[0] = c00;
  acc[1] = c01;
  acc[2] = c02;
  acc[3] = c03;
  acc[4] = c10;
  acc[5] = c11;
  acc[6] = c12;
  acc[7] = c13;
  acc[8] = c20;
  acc[9] = c21;
  acc[10] = c22;
  acc[11] = c23;
  acc[12] = c30;
  acc[13] = c31;
  acc[14] = c32;
  acc[15] = c33;
}

/** tile4x4F32 on float64 storage. */
function tile4x4F64(
  buf: Float64Array,
  aAt: number,
  xAt: number,
  offsets: Int32Array,
  K: number,
  acc: Float64Array,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  let ai = aAt;
  for (let k = 0; k < K; k++, ai += 4) {
    const xi = xAt + offsets[k];
    const b0 = buf[xi],
      b1 = buf[xi + 1],
      b2 = buf[xi + 2],
      b3 = buf[xi + 3];
    const a0 = buf[ai],
      a1 = buf[ai + 1],
      a2 = buf[ai + 2],
      a3 = buf[ai + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  acc[0] = c00;
  acc[1] = c01;
  acc[2] = c02;
  acc[3] = c03;
  acc[4] = c10;
  acc[5] = c11;
  acc[6] = c12;
  acc[7] = c13;
  acc[8] = c20;
  acc[9] = c21;
  acc[10] = c22;
  acc[11] = c23;
  acc[12] = c30;
  acc[13] = c31;
  acc[14] = c32;
  acc[15] = c33;
}

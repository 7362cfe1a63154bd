import { packWeights, padInput } from '../pack';
import { phaseRowOffsets, phaseTiles, type ConvPlan, type PhaseTiles } from '../plan';
import { KernelInstance, type WasmMemory } from './instance';
import { F64_TILE_COLS, F64_TILE_ROWS, kernelF64ModuleBytes } from './kernelF64';
import type { PhaseExport } from './phase';

/**
 * Rows of the right-hand matrix packed per panel: kc·32 bytes of panel plus kc·32 bytes of weights per channel
 * block stay in a 32 KiB L1 data cache.
 */
const KC = 256;

interface KernelF64Exports {
  readonly memory: WasmMemory;
  readonly phase: PhaseExport;
}

const f64Kernel = new KernelInstance<KernelF64Exports>(kernelF64ModuleBytes);

export function wasmF64KernelAvailable(): boolean {
  return f64Kernel.get() !== null;
}

/** Rounds a count of 8-byte elements or 4-byte words up to a multiple of 16 bytes. */
const align2 = (n: number) => (n + 1) & ~1;
const align4 = (n: number) => (n + 3) & ~3;

interface PhaseWork {
  readonly K: number;
  readonly tiles: PhaseTiles;
  /** Where the phase's packed weights start (float64 index) and its tables (int32 index) in the module's memory. */
  readonly aAt: number;
  readonly offsAt: number;
  readonly tilesAt: number;
  readonly destAt: number;
}

/**
 * convTranspose2d on the float64 WebAssembly SIMD kernel (f64x2), output channels [coStart, coEnd) of every
 * group; false (nothing written) when the kernel is unavailable or its memory cannot grow, so the caller can
 * fall back to the JS kernel. Float64 storage and arithmetic: each output is its bias plus the float64 sum of
 * its products, in an order that differs from the scatter's, so it agrees with it to float64 rounding.
 *
 * Memory layout (bytes, regions 16-byte aligned): x padded | out | per phase: packed weights (one group at a
 * time) | per phase: row offsets, tiles, dest (int32) | bias of one group | panel | tile sums.
 */
export function convTransposeWasmF64(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  plan: ConvPlan,
  out: Float32Array | Float64Array,
  coStart: number,
  coEnd: number,
): boolean {
  const k = f64Kernel.get();
  if (!k) return false;
  const { batch, groups, cInPerGroup, cOutPerGroup, hOut, wOut, padH, padW } = plan;
  const rows = F64_TILE_ROWS;
  const cols = F64_TILE_COLS;
  const cIn = cInPerGroup * groups;
  const cOut = cOutPerGroup * groups;
  const planeIn = padH * padW;
  const planeOut = hOut * wOut;
  const coCount = coEnd - coStart;
  const blocks = Math.ceil(coCount / rows);

  // float64 indices
  const xAt = 0;
  const xLen = align2(batch * cIn * planeIn + cols); // a tile reads up to cols − 1 values past the last plane
  const outAt = xAt + xLen;
  const outLen = batch * cOut * planeOut;
  let at = align2(outAt + outLen);
  const phaseTables: [ReturnType<typeof phaseRowOffsets>, PhaseTiles][] = [];
  const aStarts: number[] = [];
  for (const ph of plan.h.phases) {
    for (const pw of plan.w.phases) {
      const offsets = phaseRowOffsets(plan, ph, pw);
      phaseTables.push([offsets, phaseTiles(plan, ph, pw, cols)]);
      aStarts.push(at);
      at += align2(blocks * rows * offsets.length);
    }
  }
  const biasAt = at;
  const panelAt = align2(biasAt + blocks * rows);
  const cbufAt = panelAt + KC * cols;
  // int32 indices from here on
  let word = 2 * (cbufAt + blocks * rows * cols);
  const phases: PhaseWork[] = phaseTables.map(([offsets, tiles], i) => {
    const offsAt = word;
    const tilesAt = offsAt + align4(offsets.length);
    const destAt = tilesAt + align4(tiles.count);
    word = destAt + align4(tiles.count * cols);
    return { K: offsets.length, tiles, aAt: aStarts[i], offsAt, tilesAt, destAt };
  });
  const totalBytes = word * 4;
  // Byte addresses are i32 arithmetic in the kernel: stay below 2 GiB (the JS kernel takes anything larger).
  if (totalBytes >= 2 ** 31 || !f64Kernel.ensureBytes(k, totalBytes)) return false;

  const f64 = new Float64Array(k.memory.buffer);
  const i32 = new Int32Array(k.memory.buffer);
  f64.fill(0, xAt, xAt + xLen);
  padInput(x, plan, cIn, f64, xAt);
  phases.forEach((p, i) => {
    const [offsets, tiles] = phaseTables[i];
    for (let j = 0; j < p.K; j++) i32[p.offsAt + j] = offsets[j] * 8;
    for (let j = 0; j < tiles.count; j++) i32[p.tilesAt + j] = tiles.base[j] * 8;
    for (let j = 0; j < tiles.dest.length; j++) i32[p.destAt + j] = tiles.dest[j] < 0 ? -1 : tiles.dest[j] * 8;
  });

  for (let g = 0; g < groups; g++) {
    for (let r = 0; r < blocks * rows; r++)
      f64[biasAt + r] = bias && r < coCount ? bias[g * cOutPerGroup + coStart + r] : 0;
    let i = 0;
    for (const ph of plan.h.phases) {
      for (const pw of plan.w.phases) {
        const p = phases[i++];
        packWeights(w, plan, g, coStart, coEnd, ph, pw, f64, p.aAt, rows);
        for (let n = 0; n < batch; n++) {
          const xBase = xAt + (n * cIn + g * cInPerGroup) * planeIn;
          const outBase = outAt + (n * cOut + g * cOutPerGroup + coStart) * planeOut;
          k.phase(
            p.aAt * 8,
            xBase * 8,
            p.offsAt * 4,
            p.K,
            p.tilesAt * 4,
            (p.tilesAt + p.tiles.count) * 4,
            p.destAt * 4,
            blocks,
            coCount,
            outBase * 8,
            planeOut * 8,
            biasAt * 8,
            panelAt * 8,
            cbufAt * 8,
            KC,
          );
        }
      }
    }
  }
  if (coCount === cOutPerGroup) out.set(f64.subarray(outAt, outAt + outLen));
  else {
    for (let ng = 0; ng < batch * groups; ng++) {
      const from = (ng * cOutPerGroup + coStart) * planeOut;
      out.set(f64.subarray(outAt + from, outAt + from + coCount * planeOut), from);
    }
  }
  f64Kernel.release(k);
  return true;
}

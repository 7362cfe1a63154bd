import { phaseRowOffsets, phaseTiles, type AxisPhase, type ConvPlan, type PhaseTiles } from '../plan';
import { KernelInstance, type WasmMemory } from './instance';
import { kernelModuleBytes, WASM_TILE_COLS, WASM_TILE_ROWS } from './kernel';
import type { PhaseExport } from './phase';

/**
 * Rows of the right-hand matrix packed per panel: kc·32 bytes of panel plus kc·16 bytes of weights per channel
 * block stay in a 32 KiB L1 data cache.
 */
const KC = 256;

interface KernelExports {
  readonly memory: WasmMemory;
  readonly phase: PhaseExport;
  pack(
    w: number,
    table: number,
    tableEnd: number,
    cIn: number,
    blocks: number,
    tapBytes: number,
    ciBytes: number,
  ): void;
  pad(src: number, dst: number, planes: number, h: number, w: number, rowBytes: number, planeBytes: number): void;
}
const f32Kernel = new KernelInstance<KernelExports>(kernelModuleBytes);

export function wasmKernelAvailable(): boolean {
  return f32Kernel.get() !== null;
}

const align4 = (n: number) => (n + 3) & ~3;

interface PhaseWork {
  readonly ph: AxisPhase;
  readonly pw: AxisPhase;
  readonly K: number;
  readonly offsets: Int32Array;
  readonly tiles: PhaseTiles;
  /** Word addresses of this phase's packed weights and tables in the module's memory. */
  readonly aAt: number;
  readonly offsAt: number;
  readonly tilesAt: number;
  readonly destAt: number;
}

/**
 * convTranspose2d on the WebAssembly SIMD kernel, output channels [coStart, coEnd) of every group; false
 * (nothing written) when the kernel is unavailable or its memory cannot grow, so the caller can fall back to
 * the JS kernel. Float32 storage and arithmetic.
 *
 * Memory layout (4-byte words, regions 16-byte aligned): x as given | w as given | x padded | out |
 * per phase: packed weights (one group at a time), row offsets, tiles, dest | bias of one group | panel | tile sums | pack table.
 */
export function convTransposeWasm(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  bias: ArrayLike<number> | null,
  plan: ConvPlan,
  out: Float32Array | Float64Array,
  coStart: number,
  coEnd: number,
): boolean {
  const k = f32Kernel.get();
  if (!k) return false;
  const { batch, groups, cInPerGroup, cOutPerGroup, hIn, wIn, hOut, wOut, kH, kW, padH, padW } = plan;
  const rows = WASM_TILE_ROWS;
  const cols = WASM_TILE_COLS;
  const cIn = cInPerGroup * groups;
  const cOut = cOutPerGroup * groups;
  const planeIn = padH * padW;
  const planeOut = hOut * wOut;
  const coCount = coEnd - coStart;
  const blocks = Math.ceil(coCount / rows);

  const xRawAt = 0;
  const wRawAt = xRawAt + align4(x.length);
  const xAt = wRawAt + align4(w.length);
  const xLen = align4(batch * cIn * planeIn + cols);
  const outAt = xAt + xLen;
  const outLen = batch * cOut * planeOut;
  let at = align4(outAt + outLen);

  const phases: PhaseWork[] = [];
  for (const ph of plan.h.phases) {
    for (const pw of plan.w.phases) {
      const offsets = phaseRowOffsets(plan, ph, pw);
      const K = offsets.length;
      const tiles = phaseTiles(plan, ph, pw, cols);
      const aAt = at;
      const offsAt = aAt + blocks * rows * K;
      const tilesAt = offsAt + align4(K);
      const destAt = tilesAt + align4(tiles.count);
      at = destAt + tiles.count * cols;
      phases.push({ ph, pw, K, offsets, tiles, aAt, offsAt, tilesAt, destAt });
    }
  }
  const biasAt = at;
  const panelAt = align4(biasAt + blocks * rows);
  const cbufAt = panelAt + KC * cols;
  const tableAt = cbufAt + blocks * rows * cols;
  const total = tableAt + 4 * kH * kW;
  // Byte addresses are i32 arithmetic in the kernel: stay below 2 GiB (the JS kernel takes anything larger).
  if (total * 4 >= 2 ** 31 || !f32Kernel.ensureBytes(k, total * 4)) return false;

  const f32 = new Float32Array(k.memory.buffer);
  const i32 = new Int32Array(k.memory.buffer);
  f32.set(x, xRawAt); // converts float64 → float32 natively
  f32.set(w, wRawAt);
  f32.fill(0, xAt, xAt + xLen);
  k.pad(xRawAt * 4, (xAt + plan.h.lead * padW + plan.w.lead) * 4, batch * cIn, hIn, wIn, padW * 4, planeIn * 4);

  // Tables (byte offsets) and the pack table: [tap, dest, ciStride, cbStride] per used tap.
  let tableEnd = tableAt;
  for (const p of phases) {
    for (let i = 0; i < p.K; i++) i32[p.offsAt + i] = p.offsets[i] * 4;
    for (let i = 0; i < p.tiles.count; i++) i32[p.tilesAt + i] = p.tiles.base[i] * 4;
    for (let i = 0; i < p.tiles.dest.length; i++) i32[p.destAt + i] = p.tiles.dest[i] < 0 ? -1 : p.tiles.dest[i] * 4;
    const taps = p.ph.taps.length * p.pw.taps.length;
    for (let a = 0; a < p.ph.taps.length; a++) {
      for (let b = 0; b < p.pw.taps.length; b++) {
        i32[tableEnd++] = (p.ph.taps[a] * kW + p.pw.taps[b]) * 4;
        i32[tableEnd++] = (p.aAt + (a * p.pw.taps.length + b) * rows) * 4;
        i32[tableEnd++] = taps * rows * 4;
        i32[tableEnd++] = p.K * rows * 4;
      }
    }
  }

  const groupWeights = cInPerGroup * cOutPerGroup * kH * kW;
  for (let g = 0; g < groups; g++) {
    for (let r = 0; r < blocks * rows; r++)
      f32[biasAt + r] = bias && r < coCount ? bias[g * cOutPerGroup + coStart + r] : 0;
    const wAt = wRawAt + g * groupWeights + coStart * kH * kW;
    if (tableEnd > tableAt)
      k.pack(wAt * 4, tableAt * 4, tableEnd * 4, cInPerGroup, blocks, kH * kW * 4, cOutPerGroup * kH * kW * 4);
    for (const p of phases) {
      for (let n = 0; n < batch; n++) {
        const xBase = xAt + (n * cIn + g * cInPerGroup) * planeIn;
        const outBase = outAt + (n * cOut + g * cOutPerGroup + coStart) * planeOut;
        k.phase(
          p.aAt * 4,
          xBase * 4,
          p.offsAt * 4,
          p.K,
          p.tilesAt * 4,
          (p.tilesAt + p.tiles.count) * 4,
          p.destAt * 4,
          blocks,
          coCount,
          outBase * 4,
          planeOut * 4,
          biasAt * 4,
          panelAt * 4,
          cbufAt * 4,
          KC,
        );
      }
    }
  }
  if (coCount === cOutPerGroup) out.set(f32.subarray(outAt, outAt + outLen));
  else {
    for (let ng = 0; ng < batch * groups; ng++) {
      const from = (ng * cOutPerGroup + coStart) * planeOut;
      out.set(f32.subarray(outAt + from, outAt + from + coCount * planeOut), from);
    }
  }
  f32Kernel.release(k);
  return true;
}

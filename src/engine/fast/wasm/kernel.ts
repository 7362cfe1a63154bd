import { Body, encodeModule } from './encoder';
import { F32X4, phaseBody } from './phase';

/**
 * Register tile of the WebAssembly kernel: ROWS output channels × 4·VECTORS columns, held in ROWS·VECTORS
 * f32x4 accumulators (x64 has 16 vector registers: accumulators + VECTORS column vectors + 1 broadcast).
 */
export const WASM_TILE_ROWS = 4; // pack() gathers exactly 4 channels per vector
export const WASM_TILE_VECTORS = 2;
export const WASM_TILE_COLS = 4 * WASM_TILE_VECTORS;

/**
 * pack(w, table, tableEnd, cIn, blocks, tapBytes, ciBytes): the weights of one group, PyTorch layout
 * (cIn, cOut, taps) at w (ciBytes = cOut·tapBytes apart), gathered into the phases' packed blocks of 4 channels. table holds per used tap t: [t·4, dest, ciStride,
 * cbStride] (bytes): weights (ci, 4·cb … 4·cb + 3, t) go as one f32x4 to dest + ci·ciStride + cb·cbStride.
 * Loops ci, tap, block: the cOut × taps weights of one ci are read once per tap while they sit in L1. Channels
 * past cOut in the last block get whatever follows in memory: the kernel never stores those rows.
 */
function packBody(): Body {
  const f = new Body(new Array(7).fill('i32'));
  const [w, table, tableEnd, cIn, blocks, tapBytes, ciBytes] = [0, 1, 2, 3, 4, 5, 6];
  const tp = f.local('i32');
  const ci = f.local('i32');
  const cb = f.local('i32');
  const src = f.local('i32');
  const dst = f.local('i32');
  const wCi = f.local('i32');
  const cbStride = f.local('i32');
  const v = f.local('v128');
  f.i32Const(0).set(ci).get(w).set(wCi);
  f.loop(); // ---- ci
  f.get(table).set(tp);
  f.loop(); // ---- taps
  f.get(tp).i32Load(12).set(cbStride);
  f.get(tp).i32Load(4).get(tp).i32Load(8).get(ci).i32Mul().i32Add().set(dst);
  f.get(wCi).get(tp).i32Load(0).i32Add().set(src);
  f.i32Const(0).set(cb);
  f.loop(); // ---- blocks of 4 channels
  f.get(src).v128Load32Splat().set(v);
  for (let lane = 1; lane < 4; lane++)
    f.get(src).get(tapBytes).i32Const(lane).i32Mul().i32Add().get(v).v128Load32Lane(lane).set(v);
  f.get(dst).get(v).v128Store();
  f.get(src).get(tapBytes).i32Const(4).i32Mul().i32Add().set(src);
  f.get(dst).get(cbStride).i32Add().set(dst);
  f.get(cb).i32Const(1).i32Add().tee(cb).get(blocks).i32Ne().brIf(0);
  f.end();
  f.get(tp).i32Const(16).i32Add().tee(tp).get(tableEnd).i32Ne().brIf(0);
  f.end();
  f.get(wCi).get(ciBytes).i32Add().set(wCi);
  f.get(ci).i32Const(1).i32Add().tee(ci).get(cIn).i32Ne().brIf(0);
  f.end();
  return f;
}

/**
 * pad(src, dst, planes, h, w, rowBytes, planeBytes): copies `planes` dense h × w float planes from src into
 * planes of planeBytes at dst, row i at dst + i·rowBytes (the caller zeroed dst and offsets it by the lead).
 */
function padBody(): Body {
  const f = new Body(new Array(7).fill('i32'));
  const [src, dst, planes, h, w, rowBytes, planeBytes] = [0, 1, 2, 3, 4, 5, 6];
  const p = f.local('i32');
  const i = f.local('i32');
  const j = f.local('i32');
  const row = f.local('i32');
  const vecEnd = f.local('i32');
  f.get(w).i32Const(-4).i32And().set(vecEnd);
  f.i32Const(0).set(p);
  f.block().get(planes).i32Eqz().brIf(0).get(h).i32Eqz().brIf(0).get(w).i32Eqz().brIf(0);
  f.loop(); // ---- planes
  f.get(dst).get(p).get(planeBytes).i32Mul().i32Add().set(row);
  f.i32Const(0).set(i);
  f.loop(); // ---- rows
  f.i32Const(0).set(j);
  f.block().get(vecEnd).i32Eqz().brIf(0);
  f.loop(); // 4 floats at a time
  f.get(row).get(j).i32Const(4).i32Mul().i32Add().get(src).v128Load().v128Store();
  f.get(src).i32Const(16).i32Add().set(src);
  f.get(j).i32Const(4).i32Add().tee(j).get(vecEnd).i32Ne().brIf(0);
  f.end();
  f.end();
  f.block().get(j).get(w).i32Eq().brIf(0);
  f.loop(); // the rest one by one
  f.get(row).get(j).i32Const(4).i32Mul().i32Add().get(src).i32Load().i32Store();
  f.get(src).i32Const(4).i32Add().set(src);
  f.get(j).i32Const(1).i32Add().tee(j).get(w).i32Ne().brIf(0);
  f.end();
  f.end();
  f.get(row).get(rowBytes).i32Add().set(row);
  f.get(i).i32Const(1).i32Add().tee(i).get(h).i32Ne().brIf(0);
  f.end();
  f.get(p).i32Const(1).i32Add().tee(p).get(planes).i32Ne().brIf(0);
  f.end();
  f.end();
  return f;
}

let bytes: Uint8Array | null = null;

/** The module's bytes (encoded once): exports `memory`, `phase`, `pack` and `pad`. */
export function kernelModuleBytes(): Uint8Array {
  bytes ??= encodeModule(
    [
      { name: 'phase', body: phaseBody(F32X4, WASM_TILE_ROWS, WASM_TILE_VECTORS) },
      { name: 'pack', body: packBody() },
      { name: 'pad', body: padBody() },
    ],
    1,
  );
  return bytes;
}

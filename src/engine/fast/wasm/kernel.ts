import { Body, encodeModule } from './encoder';

/**
 * Register tile of the WebAssembly kernel: ROWS output channels × 4·VECTORS columns, held in ROWS·VECTORS
 * f32x4 accumulators (x64 has 16 vector registers: accumulators + VECTORS column vectors + 1 broadcast).
 */
export const WASM_TILE_ROWS = 4; // pack() gathers exactly 4 channels per vector
export const WASM_TILE_VECTORS = 2;
export const WASM_TILE_COLS = 4 * WASM_TILE_VECTORS;

/**
 * phase(a, x, offs, K, tiles, tilesEnd, dest, blocks, coCount, out, rowBytes, bias, panel, cbuf, kc): one
 * (n, group, phase) of the decomposition in plan.ts as a cache-blocked, register-tiled matrix product
 * (the GotoBLAS scheme, with the right-hand matrix read straight from the padded input):
 *
 *   for each column tile (tiles[c] = byte offset of its first column in x):
 *     cbuf[block][r] = splat(bias[block·ROWS + r])                      (the tile's sums, all channel blocks)
 *     for each chunk of kc rows k of the right-hand matrix:
 *       panel[k] = the COLS floats at x + tiles[c] + offs[k]             (packed contiguous: stays in L1)
 *       for each block of ROWS output channels (packed weights from a, K·ROWS floats per block):
 *         acc = cbuf[block]; acc[r][v] += splat(a[k][r]) · panel[k][v] over the chunk; cbuf[block] = acc
 *     store lane l of cbuf[block][r] to out + (block·ROWS + r)·rowBytes + dest[c][l], unless dest is −1 or
 *     the channel is ≥ coCount
 *
 * Pointers are byte addresses in the module's memory, laid out by run.ts. Arithmetic is f32x4 multiply then
 * add (WebAssembly SIMD has no fused multiply-add outside the relaxed-SIMD extension), so a 4 × 8 tile is
 * the largest whose accumulators, column vectors, broadcasts and product temporary fit in x64's 16 registers.
 */
function phaseBody(rows: number, vectors: number): Body {
  const cols = 4 * vectors;
  const tileBytes = rows * vectors * 16;
  const f = new Body(new Array(15).fill('i32'));
  const [a, x, offs, K, tiles, tilesEnd, dest, blocks, coCount, out, rowBytes, bias, panel, cbuf, kc] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
  ];
  const tp = f.local('i32');
  const dp = f.local('i32');
  const col = f.local('i32');
  const cb = f.local('i32');
  const cp = f.local('i32');
  const ap = f.local('i32');
  const aBlock = f.local('i32');
  const op = f.local('i32');
  const opEnd = f.local('i32');
  const pp = f.local('i32');
  const pEnd = f.local('i32');
  const k0 = f.local('i32');
  const k1 = f.local('i32');
  const rowAt = f.local('i32');
  const left = f.local('i32');
  const d = f.local('i32');
  const b: number[] = [];
  for (let v = 0; v < vectors; v++) b.push(f.local('v128'));
  const s = f.local('v128');
  const acc: number[][] = [];
  for (let r = 0; r < rows; r++) {
    acc.push([]);
    for (let v = 0; v < vectors; v++) acc[r].push(f.local('v128'));
  }
  const cbufEnd = f.local('i32');
  f.get(cbuf).get(blocks).i32Const(tileBytes).i32Mul().i32Add().set(cbufEnd);

  f.get(tiles).set(tp).get(dest).set(dp);
  f.loop(); // ---- column tiles
  {
    f.get(x).get(tp).i32Load().i32Add().set(col);
    // sums start at the bias
    f.get(cbuf).set(cp).get(bias).set(ap);
    f.loop();
    for (let r = 0; r < rows; r++) {
      f.get(ap)
        .v128Load32Splat(4 * r)
        .set(s);
      for (let v = 0; v < vectors; v++)
        f.get(cp)
          .get(s)
          .v128Store(16 * (r * vectors + v));
    }
    f.get(ap)
      .i32Const(4 * rows)
      .i32Add()
      .set(ap);
    f.get(cp).i32Const(tileBytes).i32Add().tee(cp).get(cbufEnd).i32Ne().brIf(0);
    f.end();

    f.i32Const(0).set(k0);
    f.block();
    f.get(K).i32Eqz().brIf(0); // the phase has no taps: bias only
    f.loop(); // ---- chunks of k
    {
      // k1 = min(k0 + kc, K)
      f.get(k0).get(kc).i32Add().tee(k1).get(K).get(k1).get(K).i32LtU().select().set(k1);
      // pack the panel
      f.get(offs).get(k0).i32Const(4).i32Mul().i32Add().set(op);
      f.get(offs).get(k1).i32Const(4).i32Mul().i32Add().set(opEnd);
      f.get(panel).set(pp);
      f.loop();
      f.get(col).get(op).i32Load().i32Add().set(d);
      for (let v = 0; v < vectors; v++)
        f.get(pp)
          .get(d)
          .v128Load(16 * v)
          .v128Store(16 * v);
      f.get(pp)
        .i32Const(16 * vectors)
        .i32Add()
        .set(pp);
      f.get(op).i32Const(4).i32Add().tee(op).get(opEnd).i32Ne().brIf(0);
      f.end();
      f.get(pp).set(pEnd);
      // every channel block against the panel
      f.get(a)
        .get(k0)
        .i32Const(4 * rows)
        .i32Mul()
        .i32Add()
        .set(aBlock);
      f.get(cbuf).set(cp);
      f.loop(); // ---- blocks
      {
        for (let r = 0; r < rows; r++)
          for (let v = 0; v < vectors; v++)
            f.get(cp)
              .v128Load(16 * (r * vectors + v))
              .set(acc[r][v]);
        f.get(aBlock).set(ap).get(panel).set(pp);
        f.loop(); // ---- k: the register tile
        for (let v = 0; v < vectors; v++)
          f.get(pp)
            .v128Load(16 * v)
            .set(b[v]);
        for (let r = 0; r < rows; r++) {
          f.get(ap)
            .v128Load32Splat(4 * r)
            .set(s);
          for (let v = 0; v < vectors; v++) f.get(acc[r][v]).get(s).get(b[v]).f32x4Mul().f32x4Add().set(acc[r][v]);
        }
        f.get(ap)
          .i32Const(4 * rows)
          .i32Add()
          .set(ap);
        f.get(pp)
          .i32Const(16 * vectors)
          .i32Add()
          .tee(pp)
          .get(pEnd)
          .i32Ne()
          .brIf(0);
        f.end();
        for (let r = 0; r < rows; r++)
          for (let v = 0; v < vectors; v++)
            f.get(cp)
              .get(acc[r][v])
              .v128Store(16 * (r * vectors + v));
        f.get(aBlock)
          .get(K)
          .i32Const(4 * rows)
          .i32Mul()
          .i32Add()
          .set(aBlock);
        f.get(cp).i32Const(tileBytes).i32Add().tee(cp).get(cbufEnd).i32Ne().brIf(0);
      }
      f.end();
      f.get(k1).tee(k0).get(K).i32Ne().brIf(0);
    }
    f.end();
    f.end();

    // ---- store: rows r < left = coCount − block·ROWS (≥ 1), lanes whose dest ≠ −1
    f.get(cbuf).set(cp).get(out).set(aBlock).i32Const(0).set(cb);
    f.loop();
    f.get(coCount).get(cb).i32Const(rows).i32Mul().i32Sub().set(left);
    f.get(aBlock).set(rowAt);
    for (let r = 0; r < rows; r++) {
      if (r > 0)
        f.get(left)
          .i32Const(r + 1)
          .i32GeS()
          .if()
          .get(rowAt)
          .get(rowBytes)
          .i32Add()
          .set(rowAt);
      for (let l = 0; l < cols; l++) {
        f.get(dp)
          .i32Load(4 * l)
          .tee(d)
          .i32Const(0)
          .i32GeS()
          .if();
        f.get(rowAt)
          .get(d)
          .i32Add()
          .get(cp)
          .f32Load(4 * (r * cols + l))
          .f32Store();
        f.end();
      }
    }
    for (let r = 1; r < rows; r++) f.end();
    f.get(aBlock).get(rowBytes).i32Const(rows).i32Mul().i32Add().set(aBlock);
    f.get(cp).i32Const(tileBytes).i32Add().set(cp);
    f.get(cb).i32Const(1).i32Add().tee(cb).get(blocks).i32Ne().brIf(0);
    f.end();

    f.get(dp)
      .i32Const(4 * cols)
      .i32Add()
      .set(dp);
    f.get(tp).i32Const(4).i32Add().tee(tp).get(tilesEnd).i32Ne().brIf(0);
  }
  f.end();
  return f;
}

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
      { name: 'phase', body: phaseBody(WASM_TILE_ROWS, WASM_TILE_VECTORS) },
      { name: 'pack', body: packBody() },
      { name: 'pad', body: padBody() },
    ],
    1,
  );
  return bytes;
}

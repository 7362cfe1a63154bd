import { Body } from './encoder';

/**
 * The element type a phase kernel computes in: how many bytes an element takes, how many fit in a v128, and the
 * instructions that differ between float32 (f32x4) and float64 (f64x2). Everything else (addresses, tables,
 * loops) is shared, so both kernels are the same code.
 */
export interface Lanes {
  /** Bytes of one element: 4 or 8. */
  readonly bytes: number;
  /** Elements per v128: 16 / bytes. */
  readonly lanes: number;
  /** [address] → the element at address + offset in every lane. */
  splat(f: Body, offset: number): Body;
  /** [a, b] → a · b, lane-wise. */
  mul(f: Body): Body;
  /** [a, b] → a + b, lane-wise. */
  add(f: Body): Body;
  /** [address] → the scalar element at address + offset. */
  load(f: Body, offset: number): Body;
  /** [address, scalar] → stored. */
  store(f: Body): Body;
}

export const F32X4: Lanes = {
  bytes: 4,
  lanes: 4,
  splat: (f, offset) => f.v128Load32Splat(offset),
  mul: (f) => f.f32x4Mul(),
  add: (f) => f.f32x4Add(),
  load: (f, offset) => f.f32Load(offset),
  store: (f) => f.f32Store(),
};

export const F64X2: Lanes = {
  bytes: 8,
  lanes: 2,
  splat: (f, offset) => f.v128Load64Splat(offset),
  mul: (f) => f.f64x2Mul(),
  add: (f) => f.f64x2Add(),
  load: (f, offset) => f.f64Load(offset),
  store: (f) => f.f64Store(),
};

/** The exported phase function as JS calls it (all byte addresses and counts, see phaseBody). */
export type PhaseExport = (
  a: number,
  x: number,
  offs: number,
  K: number,
  tiles: number,
  tilesEnd: number,
  dest: number,
  blocks: number,
  coCount: number,
  out: number,
  rowBytes: number,
  bias: number,
  panel: number,
  cbuf: number,
  kc: number,
) => void;

/**
 * phase(a, x, offs, K, tiles, tilesEnd, dest, blocks, coCount, out, rowBytes, bias, panel, cbuf, kc): one
 * (n, group, phase) of the decomposition in plan.ts as a cache-blocked, register-tiled matrix product
 * (the GotoBLAS scheme, with the right-hand matrix read straight from the padded input):
 *
 *   for each column tile (tiles[c] = byte offset of its first column in x):
 *     cbuf[block][r] = splat(bias[block·ROWS + r])                      (the tile's sums, all channel blocks)
 *     for each chunk of kc rows k of the right-hand matrix:
 *       panel[k] = the COLS elements at x + tiles[c] + offs[k]           (packed contiguous: stays in L1)
 *       for each block of ROWS output channels (packed weights from a, K·ROWS elements per block):
 *         acc = cbuf[block]; acc[r][v] += splat(a[k][r]) · panel[k][v] over the chunk; cbuf[block] = acc
 *     store lane l of cbuf[block][r] to out + (block·ROWS + r)·rowBytes + dest[c][l], unless dest is −1 or
 *     the channel is ≥ coCount
 *
 * COLS = lanes · vectors. Pointers are byte addresses in the module's memory (offs, tiles and dest hold i32 byte
 * offsets), laid out by the caller. Arithmetic is a multiply then an add (WebAssembly SIMD has no fused
 * multiply-add outside the relaxed-SIMD extension), so each product is rounded to the element type before it is
 * added: a float64 kernel's sums are ordinary float64 sums, in k order within each output.
 */
export function phaseBody(t: Lanes, rows: number, vectors: number): Body {
  const cols = t.lanes * vectors;
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
      t.splat(f.get(ap), t.bytes * r).set(s);
      for (let v = 0; v < vectors; v++)
        f.get(cp)
          .get(s)
          .v128Store(16 * (r * vectors + v));
    }
    f.get(ap)
      .i32Const(t.bytes * rows)
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
        .i32Const(t.bytes * rows)
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
          t.splat(f.get(ap), t.bytes * r).set(s);
          for (let v = 0; v < vectors; v++) t.add(t.mul(f.get(acc[r][v]).get(s).get(b[v]))).set(acc[r][v]);
        }
        f.get(ap)
          .i32Const(t.bytes * rows)
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
          .i32Const(t.bytes * rows)
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
        t.store(t.load(f.get(rowAt).get(d).i32Add().get(cp), t.bytes * (r * cols + l)));
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

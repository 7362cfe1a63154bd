/**
 * A minimal WebAssembly binary encoder: just the sections and instructions the fast kernel uses
 * (i32 scalars, memory, structured control flow, 128-bit SIMD f32x4 and f64x2). The kernel is written against this
 * in kernel.ts and encoded when first needed, so the .wasm bytes are built from source in the repo at run
 * time, with no build tool and no binary checked in. Reference: the WebAssembly core specification,
 * "Binary Format" (modules, §5.5; instructions, §5.4) and the SIMD proposal's opcode table.
 */

export type ValType = 'i32' | 'f32' | 'v128';
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

function uleb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(s: string, out: number[]): void {
  uleb(s.length, out);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** Natural alignment (log2 bytes) of each memory access; misaligned addresses stay legal, this is a hint. */
const ALIGN = { i32: 2, f32: 2, f64: 3, v128: 4, splat32: 2, splat64: 3 } as const;

/** One function body. Methods append one instruction each and return `this`, so code reads top to bottom. */
export class Body {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(readonly params: readonly ValType[]) {}

  /** Declares a local; params are locals 0..params.length−1. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number): this {
    this.code.push(0xfd);
    uleb(opcode, this.code);
    return this;
  }

  private memarg(align: number, offset: number): this {
    uleb(align, this.code);
    uleb(offset, this.code);
    return this;
  }

  // control
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    this.op(0x0c);
    uleb(depth, this.code);
    return this;
  }
  brIf(depth: number): this {
    this.op(0x0d);
    uleb(depth, this.code);
    return this;
  }
  select(): this {
    return this.op(0x1b);
  }

  // locals
  get(i: number): this {
    this.op(0x20);
    uleb(i, this.code);
    return this;
  }
  set(i: number): this {
    this.op(0x21);
    uleb(i, this.code);
    return this;
  }
  tee(i: number): this {
    this.op(0x22);
    uleb(i, this.code);
    return this;
  }

  // i32
  i32Const(v: number): this {
    this.op(0x41);
    sleb(v, this.code);
    return this;
  }
  i32Load(offset = 0): this {
    return this.op(0x28).memarg(ALIGN.i32, offset);
  }
  i32Store(offset = 0): this {
    return this.op(0x36).memarg(ALIGN.i32, offset);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }

  // f32
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(ALIGN.f32, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(ALIGN.f32, offset);
  }

  // f64
  f64Load(offset = 0): this {
    return this.op(0x2b).memarg(ALIGN.f64, offset);
  }
  f64Store(offset = 0): this {
    return this.op(0x39).memarg(ALIGN.f64, offset);
  }

  // v128 / f32x4 / f64x2
  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(ALIGN.v128, offset);
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09).memarg(ALIGN.splat32, offset);
  }
  v128Load64Splat(offset = 0): this {
    return this.simd(0x0a).memarg(ALIGN.splat64, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(ALIGN.v128, offset);
  }
  /** [address, vector] → the vector with lane `lane` replaced by the f32/i32 at address. */
  v128Load32Lane(lane: number, offset = 0): this {
    return this.simd(0x56).memarg(ALIGN.splat32, offset).op(lane);
  }
  f32x4ExtractLane(lane: number): this {
    return this.simd(0x1f).op(lane);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }

  /** The body as the code section wants it: size, locals (run-length by type), instructions, end. */
  encode(): number[] {
    const body: number[] = [];
    const runs: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(runs.length, body);
    for (const [count, t] of runs) {
      uleb(count, body);
      body.push(VALTYPE[t]);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(body.length, out);
    return out.concat(body);
  }
}

export interface ExportedFunction {
  readonly name: string;
  readonly body: Body;
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  out.push(...content);
}

/** A module with one exported memory ("memory", `pages` × 64 KiB initially) and the given exported functions (no results). */
export function encodeModule(functions: readonly ExportedFunction[], pages: number): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(functions.length, types);
  for (const f of functions) {
    types.push(0x60);
    uleb(f.body.params.length, types);
    for (const p of f.body.params) types.push(VALTYPE[p]);
    types.push(0x00);
  }
  section(1, types, out);
  const funcs: number[] = [];
  uleb(functions.length, funcs);
  functions.forEach((_, i) => uleb(i, funcs));
  section(3, funcs, out);
  const memory: number[] = [0x01, 0x00];
  uleb(pages, memory);
  section(5, memory, out);
  const exports: number[] = [];
  uleb(functions.length + 1, exports);
  name('memory', exports);
  exports.push(0x02, 0x00);
  functions.forEach((f, i) => {
    name(f.name, exports);
    exports.push(0x00);
    uleb(i, exports);
  });
  section(7, exports, out);
  const code: number[] = [];
  uleb(functions.length, code);
  for (const f of functions) code.push(...f.body.encode());
  section(10, code, out);
  return Uint8Array.from(out);
}

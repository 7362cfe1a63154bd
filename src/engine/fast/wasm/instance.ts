/** The parts of the WebAssembly JS API used here (the engine is compiled without DOM typings). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const PAGE = 65536;
/** Memory kept between calls; a call that needed more drops its instance afterwards (see release). */
const KEEP_BYTES = 64 * 1024 * 1024;

/**
 * One kernel module, compiled and instantiated on first use and then reused between calls. Null where WebAssembly
 * or its SIMD is missing, or where compiling is refused (e.g. a Content-Security-Policy without
 * 'wasm-unsafe-eval'): callers then use the JS kernel. Each module is < 4 kB, what browsers allow to compile
 * synchronously on a main thread.
 */
export class KernelInstance<Exports extends { readonly memory: WasmMemory }> {
  private compiled: object | null | undefined; // undefined: not tried yet; null: unavailable
  private exports: Exports | null = null;

  constructor(private readonly bytes: () => Uint8Array) {}

  get(): Exports | null {
    if (this.exports) return this.exports;
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (this.compiled === undefined) {
      try {
        this.compiled = wasm && typeof wasm.Module === 'function' ? new wasm.Module(this.bytes()) : null;
      } catch {
        this.compiled = null;
      }
    }
    if (!this.compiled || !wasm) return null;
    try {
      this.exports = new wasm.Instance(this.compiled, {}).exports as Exports;
    } catch {
      this.compiled = null;
    }
    return this.exports;
  }

  /** Grows the memory to at least `bytes`; false when it cannot (the caller falls back to the JS kernel). */
  ensureBytes(k: Exports, bytes: number): boolean {
    const have = k.memory.buffer.byteLength;
    if (have >= bytes) return true;
    try {
      k.memory.grow(Math.ceil((bytes - have) / PAGE));
      return true;
    } catch {
      return false;
    }
  }

  /** Drops an instance whose memory grew past KEEP_BYTES, so one large layer does not pin it; the next call re-instantiates. */
  release(k: Exports): void {
    if (k.memory.buffer.byteLength > KEEP_BYTES && this.exports === k) this.exports = null;
  }
}

// Peer: @tensorflow/tfjs with @tensorflow/tfjs-backend-wasm, single-threaded, in the same process as tfjs-cpu.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { tfjsAdapter } from './tfjs-common';

type WasmBackend = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmModule: WasmBackend | null = null;

/** The folder holding tfjs-backend-wasm*.wasm, found through Node's resolution from this file. */
function wasmDir(): string {
  const main = createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}

export const tfjsWasm = tfjsAdapter({
  id: 'tfjs-wasm',
  label: '@tensorflow/tfjs conv2dTranspose, wasm backend, 1 thread (float32)',
  tier: 'simd128', // tfjs-backend-wasm-simd.wasm (XNNPACK) where the runtime has SIMD; see describe()
  backend: 'wasm',
  async setup(tf) {
    // Importing the package registers the 'wasm' backend with the tfjs-core that @tensorflow/tfjs re-exports.
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // A plain file path: in Node the Emscripten loader reads it from disk (no fetch, no URL).
    wasm.setWasmPaths(wasmDir());
    // Must precede initialisation; Node has no wasm threads in tfjs 4.x anyway (WASM_HAS_MULTITHREAD_SUPPORT = false).
    wasm.setThreadsCount(1);
    if (!(await tf.setBackend('wasm')))
      throw new Error(`tfjs-wasm: the wasm backend failed to initialise (wasm path ${wasmDir()})`);
    wasmModule = wasm;
  },
  async describe(tf) {
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const multithread = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
    return {
      wasmVersion: wasmModule?.version_wasm,
      wasmBinary: simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm',
      simd,
      multithread,
      threads: wasmModule?.getThreadsCount(),
      wasmDir: path.relative(process.cwd(), wasmDir()),
    };
  },
});

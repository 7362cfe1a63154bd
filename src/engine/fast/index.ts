import type { TensorData } from '../tensor';
import type { ConvDims } from './dims';
import { convTransposeJs } from './jsKernel';
import { planConv } from './plan';
import { convTransposeWasm, wasmKernelAvailable } from './wasm/run';
import { convTransposeWasmF64, wasmF64KernelAvailable } from './wasm/runF64';

export { dimsOf, macsOf, quickDims, type ConvDims } from './dims';
export { EXACT_KERNEL_MIN_MACS, exactKernelApplies } from './exactKernel';

/** Which fast kernel runs: the WebAssembly SIMD one where the runtime has it, else the JS one. */
export type FastKernel = 'wasm' | 'js';

/**
 * What the kernels store and compute in. 'float32' is the fast path: inputs read as float32, within float32
 * rounding of the exact result. 'float64' is the exact path's kernel for large layers: float64 storage and
 * arithmetic (f64x2 on WebAssembly), each output the float64 sum of the same products as the scatter, in
 * another order, so the two agree to float64 rounding.
 */
export type FastPrecision = 'float32' | 'float64';

export interface FastOptions {
  /** 'js' forces the JS kernel (tests, benchmarks); default 'wasm', which falls back to 'js' where unavailable. */
  readonly kernel?: FastKernel;
  /**
   * Only output channels [start, end) of every group (channel index within the group); the rest of `out` is
   * left untouched. Disjoint ranges can run on different threads into one shared output (see bench/adapters/ours-threads.ts).
   */
  readonly channels?: readonly [number, number];
  /** Default 'float32'. */
  readonly precision?: FastPrecision;
}

export function fastKernelAvailable(kernel: FastKernel, precision: FastPrecision = 'float32'): boolean {
  if (kernel === 'js') return true;
  return precision === 'float64' ? wasmF64KernelAvailable() : wasmKernelAvailable();
}

/**
 * The matrix-product kernels of convTranspose (design in plan.ts): writes every element of `out`
 * (N·C_out·H_out·W_out, any float dtype), or those of the requested channels. With precision 'float32' (the fast
 * path) inputs are read as float32 and arithmetic is float32 on the WebAssembly kernel, float32 products summed in
 * float64 on the JS one; with 'float64' both kernels are float64 throughout.
 */
export function convTransposeFast(
  x: TensorData,
  w: TensorData,
  bias: TensorData | null,
  dims: ConvDims,
  out: TensorData,
  options: FastOptions = {},
): void {
  const [start, end] = options.channels ?? [0, dims.cOutPerGroup];
  if (out.length === 0 || start >= end) return;
  const plan = planConv(dims);
  const wasm = options.kernel !== 'js';
  if (options.precision === 'float64') {
    if (!(wasm && convTransposeWasmF64(x, w, bias, plan, out, start, end)))
      convTransposeJs(x, w, bias, plan, out, start, end, 'float64');
    return;
  }
  if (wasm && convTransposeWasm(x, w, bias, plan, out, start, end)) return;
  convTransposeJs(x, w, bias, plan, out, start, end);
}

import type { TensorData } from '../tensor';
import type { ConvDims } from './dims';
import { convTransposeJs } from './jsKernel';
import { planConv } from './plan';
import { convTransposeWasm, wasmKernelAvailable } from './wasm/run';

export { dimsOf, macsOf, quickDims, type ConvDims } from './dims';

/** Which fast kernel runs: the WebAssembly SIMD one where the runtime has it, else the JS one. */
export type FastKernel = 'wasm' | 'js';

export interface FastOptions {
  /** 'js' forces the JS kernel (tests, benchmarks); default 'wasm', which falls back to 'js' where unavailable. */
  readonly kernel?: FastKernel;
  /**
   * Only output channels [start, end) of every group (channel index within the group); the rest of `out` is
   * left untouched. Disjoint ranges can run on different threads into one shared output (see bench/adapters/ours-threads.ts).
   */
  readonly channels?: readonly [number, number];
}

export function fastKernelAvailable(kernel: FastKernel): boolean {
  return kernel === 'js' || wasmKernelAvailable();
}

/**
 * The fast path of convTranspose (design in plan.ts): writes every element of `out` (N·C_out·H_out·W_out, any
 * float dtype), or those of the requested channels. Inputs are read as float32; arithmetic is float32 on the
 * WebAssembly kernel, float32 products summed in float64 on the JS one.
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
  if (options.kernel !== 'js' && convTransposeWasm(x, w, bias, plan, out, start, end)) return;
  convTransposeJs(x, w, bias, plan, out, start, end);
}

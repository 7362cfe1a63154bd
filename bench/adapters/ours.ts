// Our engine, convTranspose2d from src/engine (convTranspose3d on a 3-D case):
//  - ours-f64     the exact path in float64: the reference of every check (the scatter below EXACT_KERNEL_MIN_MACS
//                 multiply-adds, the float64 kernel from there up: f64x2 WebAssembly)
//  - ours-f32     the exact path on float32 tensors (float32 storage, float64 arithmetic per tap)
//  - ours-fast    the fast path (src/engine/fast) on float32 tensors: the WebAssembly SIMD kernel
//  - ours-fast-js the fast path's pure-JavaScript kernel (what runs where WebAssembly is unavailable)
//  - ours-auto    the default path on float64 tensors, as a spec evaluates a layer: exact below
//                 FAST_PATH_MIN_MACS multiply-adds (the float64 kernel from EXACT_KERNEL_MIN_MACS), fast (float32
//                 inside, float64 out) from there up
import {
  allocate,
  convTranspose2d,
  convTranspose3d,
  dtypeOf,
  type ComputePath,
  type ConvOptions,
  type Tensor,
} from '../../src/engine';
import {
  convTransposeFast,
  EXACT_KERNEL_MIN_MACS,
  fastKernelAvailable,
  quickDims,
  type FastKernel,
} from '../../src/engine/fast';
import { flopsOf, is3d, type BenchCase, type CaseInputs } from '../cases';
import type { Adapter, PreparedCall } from './types';

function optionsOf(inputs: CaseInputs, path?: ComputePath): ConvOptions {
  const p = inputs.params;
  return {
    stride: p.stride,
    padding: p.padding,
    outputPadding: p.outputPadding,
    dilation: p.dilation,
    groups: p.groups,
    ...(path ? { path } : {}),
  };
}

interface OursSpec {
  readonly id: string;
  readonly label: string;
  readonly dtype: 'float64' | 'float32';
  readonly tolerance: number;
  readonly tier: Adapter['tier'];
  readonly timed: string;
  /** Why the adapter skips a case (default: it runs every case). */
  unsupported?(c: BenchCase): string | null;
  /** The call, set up once per case. */
  make(x: Tensor, w: Tensor, inputs: CaseInputs): () => Tensor;
  describe?(): Record<string, unknown>;
}

function oursAdapter(spec: OursSpec): Adapter {
  return {
    id: spec.id,
    label: spec.label,
    dtype: spec.dtype,
    tolerance: spec.tolerance,
    tier: spec.tier,
    timed: spec.timed,
    unsupported: (c) => spec.unsupported?.(c) ?? null,
    async describe() {
      return spec.describe?.() ?? {};
    },
    async prepare(_c: BenchCase, inputs: CaseInputs): Promise<PreparedCall> {
      const { x, w } = spec.dtype === 'float64' ? inputs.f64 : inputs.f32;
      const call = spec.make(x, w, inputs);
      return { call, output: call, dispose: () => undefined };
    },
  };
}

const EXACT_TIMED =
  "convTranspose2d(x, w, null, { ...options, path: 'exact' }) on NCHW tensors: parameter checks, output allocation, the scatter " +
  '(on float64 from 2^14 multiply-adds: the float64 kernel, copies into and out of its memory, weight packing)';

export const oursF64 = oursAdapter({
  id: 'ours-f64',
  label: "tconv convTranspose2d, path 'exact' (float64)",
  dtype: 'float64',
  tolerance: 1e-12,
  // f64x2 SIMD from the threshold up; the SIMD128 ceiling is the f32x4 one, twice what float64 lanes can reach.
  tier: (c) => (flopsOf(c) / 2 >= EXACT_KERNEL_MIN_MACS ? 'simd128' : 'scalar'),
  timed: EXACT_TIMED,
  make: (x, w, inputs) => {
    const options = optionsOf(inputs, 'exact');
    const run = x.shape.length === 5 ? convTranspose3d : convTranspose2d;
    return () => run(x, w, null, options);
  },
});

export const oursF32 = oursAdapter({
  id: 'ours-f32',
  label: "tconv convTranspose2d, path 'exact' (float32)",
  dtype: 'float32',
  tolerance: 1e-4,
  tier: 'scalar',
  timed: EXACT_TIMED,
  make: (x, w, inputs) => {
    const options = optionsOf(inputs, 'exact');
    const run = x.shape.length === 5 ? convTranspose3d : convTranspose2d;
    return () => run(x, w, null, options);
  },
});

function fastAdapter(kernel: FastKernel): Adapter {
  const wasm = kernel === 'wasm';
  return oursAdapter({
    id: wasm ? 'ours-fast' : 'ours-fast-js',
    label: wasm
      ? "tconv convTranspose2d, path 'fast': WebAssembly SIMD kernel, 1 thread (float32)"
      : 'tconv fast path, pure-JavaScript kernel (float32)',
    dtype: 'float32',
    tolerance: 1e-4,
    tier: wasm ? 'simd128' : 'scalar',
    timed: wasm
      ? "convTranspose2d(x, w, null, { ...options, path: 'fast' }): checks, output allocation, copies into and out of the module's memory, weight packing, the kernel"
      : "what path 'fast' runs with the JS kernel forced (quickDims, output allocation, convTransposeFast(…, 'js')): padding, weight packing, the kernel",
    describe: () => ({ kernel, available: fastKernelAvailable(kernel) }),
    unsupported: (c) => (!wasm && is3d(c) ? 'a 3-D case (the JS kernel is timed through the 2-D quickDims)' : null),
    make: (x, w, inputs) => {
      if (!fastKernelAvailable(kernel))
        throw new Error(`ours-fast: the ${kernel} kernel is unavailable in this runtime`);
      const options = optionsOf(inputs, 'fast');
      if (wasm) {
        const run = x.shape.length === 5 ? convTranspose3d : convTranspose2d;
        return () => run(x, w, null, options);
      }
      return () => {
        const dims = quickDims(x.shape, w.shape, null, options, 2);
        if (!dims) throw new Error('ours-fast-js: the case is not a valid call');
        const out = allocate(dims.batch * dims.cOut * dims.hOut * dims.wOut, dtypeOf(x));
        convTransposeFast(x.data, w.data, null, dims, out, { kernel: 'js' });
        return { shape: [dims.batch, dims.cOut, dims.hOut, dims.wOut], data: out };
      };
    },
  });
}

export const oursFast = fastAdapter('wasm');
export const oursFastJs = fastAdapter('js');

export const oursAuto = oursAdapter({
  id: 'ours-auto',
  label: 'tconv convTranspose2d, default path (float64 in and out)',
  dtype: 'float64',
  tolerance: 1e-4,
  // SIMD from 2^14 multiply-adds: the float64 kernel of the exact path below 2^20, the float32 fast path from there.
  tier: (c) => (flopsOf(c) / 2 >= EXACT_KERNEL_MIN_MACS ? 'simd128' : 'scalar'),
  timed:
    "convTranspose2d(x, w, null, options) on float64 tensors: 'auto' → exact below 2^20 multiply-adds, fast (float32 inside) above",
  make: (x, w, inputs) => {
    const options = optionsOf(inputs);
    const run = x.shape.length === 5 ? convTranspose3d : convTranspose2d;
    return () => run(x, w, null, options);
  },
});

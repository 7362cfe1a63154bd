import type { TensorData } from '../tensor';

/**
 * Multiply-adds from which the exact path runs a float64 layer on the float64 matrix-product kernel (f64x2
 * WebAssembly, or the JS kernel where WebAssembly is unavailable) instead of its scalar loop. Below it the
 * kernel's set-up (plan, tables, copies, and the module's first compile in each thread) costs more than it saves:
 * one d2l-sized call gains from 2^17, but the verifications' many small calls on a fresh thread lost 0.12 s of the
 * bundled DCGAN example's 0.9 s at 2^14 (0.02 s at 2^19). Small layers, every d2l example among them, keep the
 * scalar loop's exact summation order.
 */
export const EXACT_KERNEL_MIN_MACS = 2 ** 19;

/**
 * Whether the exact path hands this layer to the float64 kernel: a float64 output, at least EXACT_KERNEL_MIN_MACS
 * multiply-adds, and finite weights. The kernels multiply weights by the zeros of the padded input (or of im2col's
 * border), which the scalar loops never do: a ±Infinity or NaN weight would make NaN there, where the exact path
 * has no term at all. The input may hold anything: every product of an input value is one the scalar loop makes.
 */
export function exactKernelApplies(out: TensorData, weight: ArrayLike<number>, macs: number): boolean {
  if (!(out instanceof Float64Array) || !(macs >= EXACT_KERNEL_MIN_MACS)) return false;
  for (let i = 0; i < weight.length; i++) if (!Number.isFinite(weight[i])) return false;
  return true;
}

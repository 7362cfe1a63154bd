/** Defaults the format documents; one place so the schema text, the README and the evaluator agree. */
import type { DType, InitKind } from '../engine';
import type { Dims } from './model';

export const DEFAULT_DIMS: Dims = 2;
export const DEFAULT_DTYPE: DType = 'float64';
export const DEFAULT_INIT: InitKind = 'random';

/** Seeds of tensors generated without an explicit seed: distinct per role so layers do not share values. */
export const INPUT_SEED = 0;
export const kernelSeed = (layerIndex: number): number => layerIndex + 1;
export const biasSeed = (layerIndex: number): number => layerIndex + 101;
export const FORWARD_KERNEL_SEED = 1000;
export const FORWARD_BIAS_SEED = 1001;

/** Relative tolerance of `expect.output` unless the spec gives one: what the path that computed it can promise. */
export function defaultTolerance(dtype: DType, usedFastPath = false): number {
  if (usedFastPath) return 1e-4;
  return dtype === 'float32' ? 1e-5 : 1e-9;
}

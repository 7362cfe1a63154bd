/**
 * Generated tensors (init + seed + shape) are the same every time, and regenerating every weight of a chain on
 * each keystroke would cost more than evaluating it. The worker keeps the recent ones, up to a bounded number
 * of elements. Tensors handed out are shared: the engine never mutates its inputs, and neither may callers.
 */
import { generate, numel, torchInitBound, type DType, type InitOptions, type Tensor } from '../engine';
import { DEFAULT_INIT } from './defaults';
import type { TensorSpecModel } from './model';

export const GENERATED_CACHE_ELEMENTS = 8_388_608;

const cache = new Map<string, Tensor>();
let cachedElements = 0;

/**
 * The generator options of a tensor written without `data`. A layer's kernel or bias (`weightShape` given: its
 * layer's weight shape) whose `init`, `low` and `high` are not written gets PyTorch's default init, uniform in
 * ±1/√fan_in (torchInitBound), so values stay O(1) through a deep chain; an explicit `"init": "random"` keeps
 * [low, high), default [0, 1), and the input keeps the default [0, 1).
 */
export function generatorOptions(
  tensor: TensorSpecModel | undefined,
  seed: number,
  weightShape: readonly number[] | null,
): InitOptions {
  const options: InitOptions = {
    init: tensor?.init?.value ?? DEFAULT_INIT,
    seed: tensor?.seed?.value ?? seed,
    low: tensor?.low?.value,
    high: tensor?.high?.value,
    start: tensor?.start?.value,
    step: tensor?.step?.value,
    value: tensor?.value?.value,
  };
  if (!weightShape || tensor?.init || tensor?.low || tensor?.high) return options;
  const bound = torchInitBound(weightShape);
  return { ...options, init: 'random', low: -bound, high: bound };
}

export function generateCached(shape: readonly number[], options: InitOptions, dtype: DType): Tensor {
  const key = JSON.stringify([
    shape,
    dtype,
    options.init,
    options.seed,
    options.low,
    options.high,
    options.start,
    options.step,
    options.value,
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const tensor = generate(shape, options, dtype);
  const size = numel(shape);
  if (size > GENERATED_CACHE_ELEMENTS / 4) return tensor; // one huge tensor would evict everything else
  cache.set(key, tensor);
  cachedElements += size;
  for (const [oldKey, old] of cache) {
    if (cachedElements <= GENERATED_CACHE_ELEMENTS) break;
    cache.delete(oldKey);
    cachedElements -= numel(old.shape);
  }
  return tensor;
}

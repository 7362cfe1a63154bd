/**
 * Generated tensors (init + seed + shape) are the same every time, and regenerating every weight of a chain on
 * each keystroke would cost more than evaluating it. The worker keeps the recent ones, up to a bounded number
 * of elements. Tensors handed out are shared: the engine never mutates its inputs, and neither may callers.
 */
import { generate, numel, type DType, type InitOptions, type Tensor } from '../engine';

export const GENERATED_CACHE_ELEMENTS = 8_388_608;

const cache = new Map<string, Tensor>();
let cachedElements = 0;

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

import { strict as assert } from 'node:assert';
import { generate } from '../../../src/engine';
import { GENERATED_CACHE_ELEMENTS, generateCached } from '../../../src/specFile/generatedTensors';

describe('generated tensors are cached', () => {
  it('returns the same numbers as generating afresh, and the same tensor on a repeat', () => {
    const options = { init: 'random' as const, seed: 42, low: -1, high: 1 };
    const first = generateCached([3, 4, 5], options, 'float64');
    assert.deepEqual(Array.from(first.data), Array.from(generate([3, 4, 5], options).data));
    assert.equal(generateCached([3, 4, 5], options, 'float64'), first);
  });

  it('tells apart shape, seed, init options and dtype', () => {
    const base = generateCached([8], { init: 'random', seed: 1 }, 'float64');
    assert.notEqual(generateCached([8], { init: 'random', seed: 2 }, 'float64'), base);
    assert.notEqual(generateCached([2, 4], { init: 'random', seed: 1 }, 'float64'), base);
    assert.notEqual(generateCached([8], { init: 'random', seed: 1, high: 2 }, 'float64'), base);
    assert.ok(generateCached([8], { init: 'random', seed: 1 }, 'float32').data instanceof Float32Array);
  });

  it('stays within its element budget', () => {
    const quarter = GENERATED_CACHE_ELEMENTS / 8;
    const first = generateCached([quarter], { init: 'ones' }, 'float32');
    for (let seed = 0; seed < 12; seed++) generateCached([quarter], { init: 'random', seed }, 'float32');
    assert.notEqual(generateCached([quarter], { init: 'ones' }, 'float32'), first, 'the oldest entry was evicted');
  });
});

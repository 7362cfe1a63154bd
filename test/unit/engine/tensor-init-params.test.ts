import { strict as assert } from 'node:assert';
import {
  allClose,
  EngineError,
  fromNested,
  generate,
  nestedShape,
  normalizeParams,
  tensor,
  toNested,
} from '../../../src/engine';

const engineError = (code: string) => (e: unknown) => e instanceof EngineError && e.code === code;

describe('tensors', () => {
  it('infers shapes from nesting and rejects ragged data', () => {
    assert.deepEqual(
      nestedShape([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      [2, 3],
    );
    assert.equal(nestedShape([[1, 2], [3]]), null);
    assert.equal(nestedShape([[1, 2], 3] as never), null);
    assert.throws(() => fromNested([[1], [2, 3]]), engineError('bad-shape'));
    assert.deepEqual(toNested(fromNested([[[1, 2]], [[3, 4]]])), [[[1, 2]], [[3, 4]]]);
  });

  it('refuses to allocate above the element cap', () => {
    assert.throws(() => tensor([1000, 1000, 1000]), engineError('size-cap'));
    assert.throws(() => tensor([2, 2], [1, 2, 3]), engineError('bad-shape'));
  });

  it('allClose reports the worst element and treats NaN as a mismatch', () => {
    const a = tensor([3], [1, 2, 3]);
    const result = allClose(a, tensor([3], [1, 2.5, 3]));
    assert.equal(result.ok, false);
    assert.equal(result.worstIndex, 1);
    assert.equal(result.maxAbsDiff, 0.5);
    assert.equal(allClose(a, tensor([3], [1, NaN, 3])).ok, false);
    assert.equal(allClose(a, tensor([1, 3], [1, 2, 3])).ok, false);
  });
});

describe('generators', () => {
  it('arange counts like torch.arange', () => {
    assert.deepEqual(Array.from(generate([2, 3], { init: 'arange' }).data), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(Array.from(generate([3], { init: 'arange', start: 1, step: 0.5 }).data), [1, 1.5, 2]);
  });

  it('a seed names the same tensor every time, another seed another tensor', () => {
    const a = generate([64], { init: 'random', seed: 7 });
    assert.deepEqual(Array.from(a.data), Array.from(generate([64], { init: 'random', seed: 7 }).data));
    assert.notDeepEqual(Array.from(a.data), Array.from(generate([64], { init: 'random', seed: 8 }).data));
    assert.ok(Array.from(a.data).every((v) => v >= 0 && v < 1));
    const scaled = generate([64], { init: 'random', seed: 7, low: -1, high: 1 });
    assert.ok(Array.from(scaled.data).some((v) => v < 0));
  });

  it('randn has roughly zero mean and unit variance', () => {
    const d = Array.from(generate([20000], { init: 'randn', seed: 3 }).data);
    const mean = d.reduce((s, v) => s + v, 0) / d.length;
    const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length;
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  });
});

describe('hyperparameters', () => {
  it('expands scalars per dimension and keeps tuples', () => {
    assert.deepEqual(normalizeParams(2, { stride: 2, padding: [1, 0] }), {
      stride: [2, 2],
      padding: [1, 0],
      outputPadding: [0, 0],
      dilation: [1, 1],
      groups: 1,
    });
  });
  it('rejects wrong lengths, zero strides, negative padding, fractional groups', () => {
    assert.throws(() => normalizeParams(2, { stride: [1, 2, 3] }), engineError('invalid-parameter'));
    assert.throws(() => normalizeParams(2, { stride: 0 }), engineError('invalid-parameter'));
    assert.throws(() => normalizeParams(1, { padding: -1 }), engineError('invalid-parameter'));
    assert.throws(() => normalizeParams(2, { groups: 1.5 }), engineError('invalid-parameter'));
  });
});

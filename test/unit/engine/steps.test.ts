import { strict as assert } from 'node:assert';
import {
  broadcastSteps,
  convTranspose2d,
  EngineError,
  fromNested,
  generate,
  MAX_BROADCAST_STEPS,
} from '../../../src/engine';

describe('broadcastSteps: the basic operation, step by step', () => {
  const X = fromNested([
    [
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ]);
  const K = fromNested([
    [
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ]);

  it('d2l Fig. 14.10.1: four intermediate tensors X[i,j]·K summed into the output', () => {
    const pic = broadcastSteps(X, K, null, {});
    assert.equal(pic.steps.length, 4);
    assert.deepEqual(
      pic.steps.map((s) => [s.row, s.col, s.top, s.left]),
      [
        [0, 0, 0, 0],
        [0, 1, 0, 1],
        [1, 0, 1, 0],
        [1, 1, 1, 1],
      ],
    );
    assert.deepEqual(pic.steps[3].patch, [0, 3, 6, 9]);
    assert.deepEqual(pic.output, [0, 0, 1, 0, 4, 6, 4, 12, 9]);
  });

  it('Fig. 14.10.2: stride 2 places the intermediate tensors two apart', () => {
    const pic = broadcastSteps(X, K, null, { stride: 2 });
    assert.deepEqual(
      pic.steps.map((s) => [s.top, s.left]),
      [
        [0, 0],
        [0, 2],
        [2, 0],
        [2, 2],
      ],
    );
    assert.deepEqual(pic.canvas, [4, 4]);
    assert.deepEqual(pic.output, [0, 0, 0, 1, 0, 0, 2, 3, 0, 2, 0, 3, 4, 6, 6, 9]);
  });

  it('padding crops the canvas; output_padding adds rows beyond it', () => {
    const padded = broadcastSteps(X, K, null, { padding: 1 });
    assert.deepEqual(padded.cropStart, [1, 1]);
    assert.deepEqual(padded.outputSize, [1, 1]);
    assert.deepEqual(padded.output, [4]);
    const extra = broadcastSteps(X, K, null, { stride: 2, outputPadding: 1 });
    assert.deepEqual(extra.canvas, [5, 5]);
    assert.deepEqual(extra.outputPadding, [1, 1]);
  });

  it('sums to the engine output for channels, groups, dilation, bias', () => {
    const input = generate([2, 4, 3, 2], { init: 'random', seed: 1 });
    const weight = generate([4, 3, 2, 3], { init: 'random', seed: 2 });
    const bias = generate([6], { init: 'random', seed: 3 });
    const options = { stride: [2, 1], padding: [1, 0], outputPadding: [1, 0], dilation: [1, 2], groups: 2 };
    const out = convTranspose2d(input, weight, bias, options);
    for (const batch of [0, 1]) {
      for (let outChannel = 0; outChannel < 6; outChannel++) {
        const pic = broadcastSteps(input, weight, bias, options, { batch, outChannel });
        assert.equal(pic.steps.length, 2 * 3 * 2, 'one step per input element of the group');
        const plane = out.shape[2] * out.shape[3];
        const expected = Array.from(
          out.data.subarray((batch * 6 + outChannel) * plane, (batch * 6 + outChannel + 1) * plane),
        );
        pic.output.forEach((v, i) =>
          assert.ok(Math.abs(v - expected[i]) < 1e-12, `batch ${batch} channel ${outChannel} #${i}`),
        );
      }
    }
  });

  it('refuses a picture above the step cap and a plane that does not exist', () => {
    const side = Math.ceil(Math.sqrt(MAX_BROADCAST_STEPS)) + 1;
    assert.throws(
      () => broadcastSteps(generate([1, 1, side, side], { init: 'ones' }), K, null, {}),
      (e: unknown) => e instanceof EngineError && e.code === 'size-cap',
    );
    assert.throws(
      () => broadcastSteps(X, K, null, {}, { outChannel: 1 }),
      (e: unknown) => e instanceof EngineError && e.code === 'invalid-parameter',
    );
  });
});

// The padding rules of src/engine/paddingModes.ts by hand on small numbers, and the PyTorch equivalent
// (padding + output_padding, then a slice) computing exactly the cropped canvas.
import { strict as assert } from 'node:assert';
import {
  convAxisPads,
  convTranspose1d,
  convTransposeCropped,
  kerasTransposedLength,
  tensor,
  torchEquivalentTransposed,
  transposedAxisPads,
} from '../../../src/engine';

const axis = { inSize: 3, kernel: 3, stride: 2, dilation: 1 }; // canvas 7

describe('paddingModes', () => {
  it('ONNX auto_pad SAME_UPPER / SAME_LOWER: out = in·stride, the odd row at the end / start', () => {
    const upper = transposedAxisPads('L', { ...axis, outputPadding: 0 }, { kind: 'autoPad', autoPad: 'SAME_UPPER' });
    const lower = transposedAxisPads('L', { ...axis, outputPadding: 0 }, { kind: 'autoPad', autoPad: 'SAME_LOWER' });
    assert.deepEqual([upper.begin, upper.end, upper.out], [0, 1, 6]);
    assert.deepEqual([lower.begin, lower.end, lower.out], [1, 0, 6]);
    assert.equal(upper.substituted, '(3 − 1)·2 + 1·(3 − 1) + 1 − 0 − 1 = 6');
  });

  it('ONNX output_shape: NOTSET puts the odd row at the start, SAME_UPPER at the end; past the canvas appends', () => {
    const at = (size: number, autoPad: 'NOTSET' | 'SAME_UPPER') =>
      transposedAxisPads('L', { ...axis, outputPadding: 0 }, { kind: 'outputShape', size, autoPad });
    assert.deepEqual([at(6, 'NOTSET').begin, at(6, 'NOTSET').end], [1, 0]);
    assert.deepEqual([at(6, 'SAME_UPPER').begin, at(6, 'SAME_UPPER').end], [0, 1]);
    assert.deepEqual([at(8, 'NOTSET').begin, at(8, 'NOTSET').end, at(8, 'NOTSET').rejected], [0, -1, null]);
    assert.match(at(9, 'NOTSET').rejected ?? '', /at most stride − 1 = 1/);
  });

  it("keras' deconv_output_length and TensorFlow's rejection of an even kernel with output_padding 0", () => {
    const k4 = { inSize: 5, kernel: 4, stride: 2, dilation: 1 };
    assert.equal(kerasTransposedLength({ ...k4, outputPadding: null }, 'same'), 10);
    assert.equal(kerasTransposedLength({ ...k4, outputPadding: 1 }, 'same'), 9);
    assert.equal(kerasTransposedLength({ ...k4, outputPadding: null }, 'valid'), 12);
    assert.match(
      transposedAxisPads('L', { ...k4, outputPadding: 0 }, { kind: 'keras', padding: 'same' }).rejected ?? '',
      /8-long output/,
    );
    const k5 = transposedAxisPads('L', { ...k4, kernel: 5, outputPadding: null }, { kind: 'keras', padding: 'same' });
    assert.deepEqual([k5.begin, k5.end, k5.out], [1, 2, 10]);
  });

  it('convolution SAME_UPPER / SAME_LOWER / VALID', () => {
    const a = { inSize: 7, kernel: 4, stride: 2, dilation: 1 };
    const upper = convAxisPads('L', a, { kind: 'autoPad', autoPad: 'SAME_UPPER' });
    const lower = convAxisPads('L', a, { kind: 'autoPad', autoPad: 'SAME_LOWER' });
    const valid = convAxisPads('L', a, { kind: 'keras', padding: 'valid' });
    assert.deepEqual([upper.begin, upper.end, upper.out], [1, 2, 4]);
    assert.deepEqual([lower.begin, lower.end, lower.out], [2, 1, 4]);
    assert.deepEqual([valid.begin, valid.end, valid.out], [0, 0, 2]);
  });

  it('the PyTorch equivalent: exact when 0 ≤ begin − end < stride, else padding + slice', () => {
    assert.deepEqual(torchEquivalentTransposed([1], [0], [2], [1], [7]), {
      exact: true,
      padding: [1],
      outputPadding: [1],
      slice: null,
      padAfter: null,
    });
    const sliced = torchEquivalentTransposed([0], [1], [2], [1], [7]);
    assert.deepEqual([sliced.exact, sliced.padding, sliced.slice], [false, [0], [{ start: 0, stop: 6 }]]);
    const far = torchEquivalentTransposed([2], [-3], [2], [1], [7]);
    assert.deepEqual([far.padding, far.outputPadding, far.padAfter], [[0], [1], [2]]);
  });

  it('convTransposeCropped keeps rows [begin, C − end) of the canvas; appended rows hold the bias', () => {
    const x = tensor([1, 1, 3], [1, 2, 3]);
    const w = tensor([1, 1, 3], [1, 10, 100]);
    const b = tensor([1], [0.5]);
    const canvas = convTranspose1d(x, w, b, { stride: 2 }).data; // 7 values
    const cropped = convTransposeCropped(x, w, b, { stride: [2], dilation: [1], begin: [2], end: [-3] });
    assert.deepEqual([...cropped.data], [...Array.from(canvas).slice(2), 0.5, 0.5, 0.5]);
  });
});

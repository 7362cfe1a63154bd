// The chain layers of issue 13 against PyTorch (test/fixtures/torch-chain-ops.json, scripts/gen_torch_fixtures.py):
// max/avg pooling (padding, dilation, ceil_mode, count_include_pad) and nn.Upsample (nearest, (bi)linear,
// align_corners, scale_factor or size), float64, within 1e-9.
import { strict as assert } from 'node:assert';
import {
  addTensors,
  avgPool,
  centerCropBegin,
  concatChannels,
  constantPad,
  crop,
  maxPool,
  poolOutputSize,
  tensor,
  upsample,
  type UpsampleMode,
} from '../../../src/engine';
import * as fixture from '../../fixtures/torch-chain-ops.json';

interface ChainOpCase {
  id: string;
  kind: 'maxPool' | 'avgPool' | 'upsample';
  dims: number;
  inputShape: number[];
  input: number[];
  options: Record<string, unknown>;
  outputShape: number[];
  output: number[];
}

const cases = fixture.chainOps as ChainOpCase[];

function run(c: ChainOpCase) {
  const x = tensor(c.inputShape, c.input);
  const o = c.options as {
    kernel: number[];
    stride: number[];
    padding: number[];
    dilation: number[];
    ceilMode: boolean;
    countIncludePad: boolean;
    mode: UpsampleMode;
    size?: number[];
    scaleFactor?: number[];
    alignCorners?: boolean;
  };
  if (c.kind === 'maxPool') return maxPool(x, o);
  if (c.kind === 'avgPool') return avgPool(x, o);
  return upsample(x, o);
}

describe('chain layers against PyTorch', () => {
  it('the fixture covers ceil_mode, count_include_pad, dilation, both upsample modes, align_corners, size and scale', () => {
    const opt = (k: string) => cases.map((c) => c.options[k]);
    assert.ok(opt('ceilMode').includes(true) && opt('ceilMode').includes(false));
    assert.ok(opt('countIncludePad').includes(false));
    assert.ok(cases.some((c) => c.kind === 'maxPool' && (c.options.dilation as number[]).some((d) => d > 1)));
    assert.ok(opt('mode').includes('bilinear') && opt('mode').includes('linear') && opt('mode').includes('nearest'));
    assert.ok(opt('alignCorners').includes(true) && opt('alignCorners').includes(false));
    assert.ok(cases.some((c) => c.options.size) && cases.some((c) => c.options.scaleFactor));
    assert.ok(cases.length >= 80);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.kind} ${JSON.stringify(c.options)} on ${c.inputShape.join('×')}`, () => {
      const y = run(c);
      assert.deepEqual(y.shape, c.outputShape);
      const worst = c.output.reduce((m, v, i) => Math.max(m, Math.abs(v - y.data[i])), 0);
      assert.ok(worst <= 1e-9, `max |Δ| = ${worst}`);
    });
  }
});

describe('pool sizes, pad, crop, concat and add', () => {
  it("ceil_mode rounds up but drops a last window that would start in the padding (PyTorch's pooling_output_shape)", () => {
    const size = (inSize: number, padding: number, ceilMode: boolean) =>
      poolOutputSize({ inSize, kernel: 2, stride: 2, padding, dilation: 1, ceilMode });
    // torch: max_pool1d(zeros(1, 1, 5), 2, 2, 0, ceil_mode=True) → 3 (⌊…⌋ gives 2).
    assert.deepEqual(size(5, 0, false), { out: 2, droppedLast: false });
    assert.deepEqual(size(5, 0, true), { out: 3, droppedLast: false });
    // torch: max_pool1d(zeros(1, 1, 5), 2, 2, 1, ceil_mode=True) → 3: ⌈5/2⌉ + 1 = 4, but window 4 would start at 6 − 1 = 5.
    assert.deepEqual(size(5, 1, true), { out: 3, droppedLast: true });
  });

  it('pad adds the value at both ends and negative pads crop, like F.pad', () => {
    const x = tensor([1, 1, 2, 2], [1, 2, 3, 4]);
    assert.deepEqual(Array.from(constantPad(x, [1, 0, 0, 1], 9).data), [9, 9, 9, 1, 2, 9, 3, 4, 9]);
    assert.deepEqual(Array.from(constantPad(x, [-1, 0, 0, 0]).data), [3, 4]);
    assert.deepEqual(Array.from(crop(x, [0, 1], [1, 0]).data), [2]);
  });

  it("centre crop removes round((in − size)/2) rows first, half to even (torchvision's CenterCrop)", () => {
    assert.equal(centerCropBegin(45, 44), 0); // round(0.5) = 0
    assert.equal(centerCropBegin(47, 44), 2); // round(1.5) = 2
    assert.equal(centerCropBegin(46, 44), 1);
    assert.equal(centerCropBegin(49, 44), 2); // round(2.5) = 2
  });

  it('concat puts the current tensor first along channels, per sample; add sums', () => {
    const x = tensor([2, 1, 1, 1], [1, 2]);
    const skip = tensor([2, 2, 1, 1], [10, 11, 20, 21]);
    const y = concatChannels(x, skip);
    assert.deepEqual(y.shape, [2, 3, 1, 1]);
    assert.deepEqual(Array.from(y.data), [1, 10, 11, 2, 20, 21]);
    assert.throws(() => concatChannels(x, tensor([2, 1, 1, 2], [0, 0, 0, 0])), /Sizes of tensors must match/);
    assert.deepEqual(Array.from(addTensors(x, x).data), [2, 4]);
  });
});

// Quick fixes on a layer's channels and sizes: groups, bias length, an empty chain, a padding that eats the output.
import { strict as assert } from 'node:assert';
import { applyEdits, validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { assertFixClears, marked, only, preferredFix } from './helpers';

const titles = (d: SpecDiagnostic) => (d.fixes ?? []).map((f) => f.title);

/** A spec with one layer on a C×4×4 input. */
const layerOn = (channels: number, layer: string) =>
  `{ "input": { "shape": [${channels}, 4, 4] }, "layer": { "kernelSize": 2, ${layer} } }`;

describe('quick fixes: groups, bias, layers, padding', () => {
  describe('groups that do not divide the channels', () => {
    it('offers the largest divisor of both counts below the written groups, and 1', () => {
      const text = layerOn(6, '"outChannels": 4, "groups": 4');
      const d = only(text, 'groups-not-divisible');
      assert.equal(marked(text, d), '4');
      assert.equal(d.offset, text.indexOf('4 }'));
      assert.deepEqual(titles(d), ['Set groups to 2', 'Set groups to 1']);
      assert.equal(preferredFix(d).title, 'Set groups to 2');
      assert.equal(assertFixClears(text, d), layerOn(6, '"outChannels": 4, "groups": 2'));
      const one = applyEdits(text, d.fixes![1].edits);
      assert.deepEqual(validateSpec(one).diagnostics, []);
    });

    it('counts the default out_channels (the input channels): 6 in, groups 4 → 3', () => {
      const text = layerOn(6, '"groups": 4');
      const d = only(text, 'groups-not-divisible');
      assert.equal(preferredFix(d).title, 'Set groups to 3');
      assertFixClears(text, d);
    });

    it('offers only 1 when no larger divisor exists', () => {
      const text = layerOn(5, '"outChannels": 7, "groups": 3');
      assert.deepEqual(titles(only(text, 'groups-not-divisible')), ['Set groups to 1']);
      assertFixClears(text, only(text, 'groups-not-divisible'));
    });

    it('with a written kernel shape, offers only groups the kernel stays consistent with', () => {
      // [C_in, C_out/groups, k, k] = [6, 2, 2, 2]: groups 3 gives 6 outputs, groups 2 four; both keep the kernel.
      const text = '{ "input": { "shape": [6, 4, 4] }, "layer": { "kernel": { "shape": [6, 2, 2, 2] }, "groups": 4 } }';
      const d = only(text, 'groups-not-divisible');
      assert.deepEqual(titles(d), ['Set groups to 3', 'Set groups to 1']);
      assertFixClears(text, d);
      // With outChannels 4 written, only groups 2 gives 2·groups = 4 output channels: 1 would contradict it.
      const declared =
        '{ "input": { "shape": [6, 4, 4] }, "layer": { "outChannels": 4, "kernel": { "shape": [6, 2, 2, 2] }, "groups": 4 } }';
      const e = only(declared, 'groups-not-divisible');
      assert.deepEqual(titles(e), ['Set groups to 2']);
      assertFixClears(declared, e);
    });

    it('a forward convolution (C_out, C_in/groups, k): only the groups its kernel takes 6 channels with', () => {
      const conv =
        '{ "input": { "shape": [6, 4, 4] }, "layer": { "type": "conv", "kernel": { "shape": [6, 2, 2, 2] }, "groups": 4 } }';
      const d = only(conv, 'groups-not-divisible');
      // weight[1]·groups must be the 6 input channels: 3, and not 1 (the kernel would take 2).
      assert.deepEqual(titles(d), ['Set groups to 3']);
      assertFixClears(conv, d);
    });
  });

  describe('a bias of the wrong length', () => {
    it('pads written values with zeros up to out_channels', () => {
      const text = layerOn(2, '"outChannels": 4, "bias": { "data": [1, 2, 3] }');
      const d = only(text, 'bias-shape');
      assert.equal(marked(text, d), '[1, 2, 3]');
      assert.deepEqual(titles(d), ['Pad the bias with zeros to 4 values (one per output channel)']);
      assert.equal(assertFixClears(text, d), layerOn(2, '"outChannels": 4, "bias": { "data": [1, 2, 3, 0] }'));
    });

    it('truncates written values to out_channels, keeping the first ones and the layout', () => {
      const text = layerOn(2, '"outChannels": 2, "bias": { "data": [\n  0.5,\n  -1,\n  7\n] }');
      const d = only(text, 'bias-shape');
      assert.deepEqual(titles(d), ['Truncate the bias to its first 2 values (one per output channel)']);
      assert.equal(assertFixClears(text, d), layerOn(2, '"outChannels": 2, "bias": { "data": [\n  0.5,\n  -1\n] }'));
      const toOne = layerOn(1, '"bias": { "data": [4, 5] }');
      assert.deepEqual(titles(only(toOne, 'bias-shape')), [
        'Truncate the bias to its first value (one per output channel)',
      ]);
      assertFixClears(toOne, only(toOne, 'bias-shape'));
    });

    it('sets a written bias shape, and both shape and data when both are written', () => {
      const shape = layerOn(2, '"outChannels": 2, "bias": { "shape": [3], "init": "zeros" }');
      const d = only(shape, 'bias-shape');
      assert.equal(marked(shape, d), '[3]');
      assert.deepEqual(titles(d), ['Set the bias shape to [2]']);
      assertFixClears(shape, d);
      const both = layerOn(2, '"outChannels": 3, "bias": { "shape": [2], "data": [1, 2] }');
      assert.equal(
        assertFixClears(both, only(both, 'bias-shape')),
        layerOn(2, '"outChannels": 3, "bias": { "shape": [3], "data": [1, 2, 0] }'),
      );
    });
  });

  describe('an empty layers array', () => {
    const empty = (rest: string) => `{ "input": { "shape": [16, 4, 4] }, "layers": []${rest} }`;

    it('inserts kernel 2, stride 2, which doubles any input', () => {
      const text = empty('');
      const d = only(text, 'schema');
      assert.equal(marked(text, d), '[]');
      assert.equal(preferredFix(d).title, 'Add the layer { "kernelSize": 2, "stride": 2 }');
      const fixed = assertFixClears(text, d);
      assert.deepEqual(validateSpec(fixed).plan?.outputShape, [1, 16, 8, 8]);
    });

    it('reaches a final expect.outputShape: its channels, and the kernel and stride for its size', () => {
      const text = empty(', "expect": { "outputShape": [3, 16, 16] }');
      const d = only(text, 'schema');
      assert.equal(preferredFix(d).title, 'Add the layer { "outChannels": 3, "kernelSize": 4, "stride": 4 }');
      assertFixClears(text, d);
      const odd = empty(', "expect": { "outputShape": [3, 15, 16] }');
      assertFixClears(odd, only(odd, 'schema'));
    });

    it('undoes a forward convolution, with the output_padding that restores an odd size', () => {
      const text =
        '{ "input": { "shape": [1, 10, 15, 16] }, "forward": { "outChannels": 20, "kernelSize": 5, "padding": 2, "stride": 3 }, "layers": [] }';
      const d = only(text, 'schema');
      assert.equal(
        preferredFix(d).title,
        'Add the layer { "outChannels": 10, "kernelSize": 5, "stride": 3, "padding": 2, "outputPadding": [2, 0] }',
      );
      assertFixClears(text, d);
    });

    it('reads the input from nested data, in 1-D and 3-D', () => {
      for (const text of [
        '{ "input": { "data": [[1, 2, 3], [4, 5, 6]] }, "layers": [ ] }',
        '{ "dims": 1, "input": { "shape": [7] }, "layers": [] }',
        '{ "dims": 3, "input": { "shape": [2, 3, 4] }, "layers": [], "expect": { "outputShape": [4, 6, 8] } }',
      ])
        assertFixClears(text, only(text, 'schema'));
    });
  });

  describe('a padding that eats the output', () => {
    it('a scalar padding becomes the largest that leaves every dimension a row', () => {
      // H = 4, W = 8: (in − 1) + 1 + 1 − 2p ≥ 1 allows p ≤ 2 for H and p ≤ 4 for W; the scalar takes 2.
      const text = '{ "input": { "shape": [2, 4, 8] }, "layer": { "kernelSize": 2, "padding": 4 } }';
      const d = only(text, 'output-size-nonpositive');
      assert.equal(marked(text, d), '4');
      assert.equal(preferredFix(d).title, 'Set padding to 2, the largest that leaves an output');
      const fixed = assertFixClears(text, d);
      assert.deepEqual(validateSpec(fixed).plan?.outputShape, [1, 2, 1, 5]);
    });

    it('an entry of a per-dimension padding is set on its own', () => {
      const text = layerOn(2, '"padding": [1, 3]');
      const d = only(text, 'output-size-nonpositive');
      assert.equal(d.offset, text.indexOf('3]'));
      assert.equal(assertFixClears(text, d), layerOn(2, '"padding": [1, 2]'));
    });

    it('counts stride, dilation and output_padding: DCGAN on a 1×1 input', () => {
      const text = '{ "input": { "shape": [2, 1, 1] }, "layers": [{ "kernelSize": 4, "stride": 2, "padding": 2 }] }';
      const d = only(text, 'output-size-nonpositive');
      assert.equal(preferredFix(d).title, 'Set padding to 1, the largest that leaves an output');
      assertFixClears(text, d);
    });

    it('offers nothing for a forward convolution whose kernel is larger than its input', () => {
      const text = '{ "input": { "shape": [2, 2, 2] }, "layer": { "type": "conv", "kernelSize": 5 } }';
      assert.deepEqual(only(text, 'output-size-nonpositive').fixes ?? [], []);
    });
  });
});

import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { assertFixClears, marked, only, specText } from './helpers';

const d2lInput = {
  data: [
    [0, 1],
    [2, 3],
  ],
};
const d2lKernel = {
  data: [
    [0, 1],
    [2, 3],
  ],
};

describe('spec diagnostics: data and shapes', () => {
  it('data-shape: marks the first row of the wrong length, with the declared shape as related', () => {
    const text = specText({ input: { shape: [2, 2], data: [[0, 1], [2, 3, 4], [5]] }, layer: { kernelSize: 2 } });
    const d = only(text, 'data-shape');
    assert.equal(marked(text, d), '[\n        2,\n        3,\n        4\n      ]');
    assert.equal(d.message, 'input.data[1] has 3 numbers, but shape [2, 2] needs 2 in each row.');
    assert.equal(d.related?.[0].offset, text.indexOf('[\n      2,\n      2\n    ]'));
  });

  it('data-shape: a rectangular mismatch offers the data nesting as the shape', () => {
    const text = '{ "input": { "shape": [3, 2], "data": [[0, 1], [2, 3]] }, "layer": { "kernelSize": 2 } }';
    const d = only(text, 'data-shape');
    assert.match(d.message, /input\.data has 2 entries, but shape \[3, 2\] needs 3 at this depth/);
    assertFixClears(text, d);
  });

  it('data-shape: ragged data without a shape', () => {
    const text = '{ "input": { "data": [[0, 1], [2]] }, "layer": { "kernelSize": 2 } }';
    const d = only(text, 'data-shape');
    assert.equal(marked(text, d), '[2]');
    assert.match(d.message, /ragged/);
  });

  it('shape-rank: a 3-entry shape in a 1-D spec offers dims 2 … and a 1-entry one in 2-D offers dims 1', () => {
    const text = '{ "dims": 1, "input": { "shape": [1, 2, 4, 4] }, "layer": { "kernelSize": 2 } }';
    const d = only(text, 'shape-rank');
    assert.equal(marked(text, d), '[1, 2, 4, 4]');
    assert.match(d.message, /a 1-D spec takes \[L\], \[C, L\] or \[N, C, L\]/);
    assertFixClears(text, d);
    const flat = '{ "input": { "shape": [8] }, "layer": { "kernelSize": 3 } }';
    assertFixClears(flat, only(flat, 'shape-rank'));
  });

  it('shape-missing: the input needs shape or data', () => {
    const text = '{ "input": { "init": "ones" }, "layer": { "kernelSize": 2 } }';
    assert.equal(marked(text, only(text, 'shape-missing')), '"input"');
  });

  it('tuple-length: two values in a 1-D spec; a uniform pair becomes a scalar', () => {
    const text = '{ "dims": 1, "input": { "shape": [8] }, "layer": { "kernelSize": 3, "stride": [2, 2] } }';
    const d = only(text, 'tuple-length');
    assert.equal(marked(text, d), '[2, 2]');
    assertFixClears(text, d);
  });

  it('ignored-field: init next to data is a warning', () => {
    const text = '{ "input": { "data": [[1]], "init": "ones" }, "layer": { "kernelSize": 1 } }';
    const d = only(text, 'ignored-field');
    assert.equal(d.severity, 'warning');
    assert.equal(marked(text, d), '"init"');
  });

  it('layer-missing: neither layer nor layers, or both', () => {
    const none = '{ "input": { "shape": [2, 2] } }';
    assert.equal(only(none, 'layer-missing').offset, 0);
    const both = '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2 }, "layers": [{ "kernelSize": 2 }] }';
    assert.equal(marked(both, only(both, 'layer-missing')), '"layers"');
  });
});

describe('spec diagnostics: kernels, channels, groups, bias', () => {
  it('kernel-size-missing: no kernel data and no kernelSize', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layer": { "stride": 2 } }';
    const d = only(text, 'kernel-size-missing');
    assert.equal(marked(text, d), '"layer"');
  });

  it('kernel-shape: kernelSize disagrees with the kernel data', () => {
    const text = specText({ input: d2lInput, layer: { kernelSize: 3, kernel: d2lKernel } });
    const d = only(text, 'kernel-shape');
    assert.equal(marked(text, d), '3');
    assert.match(d.message, /kernelSize 3 disagrees with its kernel's shape \[2, 2\]/);
    assertFixClears(text, d);
  });

  it('kernel-shape: the [kH, kW] shorthand with several input channels offers the full layout', () => {
    const text =
      '{ "input": { "shape": [3, 4, 4] }, "layer": { "outChannels": 2, "kernel": { "shape": [2, 2], "init": "ones" } } }';
    const d = only(text, 'kernel-shape');
    assert.equal(marked(text, d), '[2, 2]');
    assert.match(d.message, /shorthand, which means 1 input channel, but the layer receives 3/);
    assert.equal(d.fixes?.[0].title, 'Set the kernel shape to [3, 2, 2, 2]');
    assertFixClears(text, d);
  });

  it("channel-mismatch: layer 2's inChannels vs layer 1's outChannels, related and fixed", () => {
    const text = specText({
      input: { shape: [16, 4, 4] },
      layers: [
        { outChannels: 8, kernelSize: 2 },
        { inChannels: 6, outChannels: 4, kernelSize: 2 },
      ],
    });
    const d = only(text, 'channel-mismatch');
    assert.equal(marked(text, d), '6');
    assert.match(
      d.message,
      // The user wrote no kernel shape: PyTorch's [6, 4, 2, 2] is the one inChannels, outChannels and kernelSize imply.
      /^Layer 2 declares inChannels 6, but layer 1 outputs 8 channels\. PyTorch, with the implied kernel \[6, 4, 2, 2\]: Given transposed=1, weight of size \[6, 4, 2, 2\], expected input\[1, 8, 5, 5\] to have 6 channels, but got 8 channels instead\.$/,
    );
    assert.equal(d.related?.[0].offset, text.indexOf('8'));
    assertFixClears(text, d);
  });

  it('channel-mismatch: a full kernel shape whose C_in disagrees is marked at that number', () => {
    const text = '{ "input": { "shape": [3, 4, 4] }, "layer": { "kernel": { "shape": [4, 2, 3, 3] } } }';
    const d = only(text, 'channel-mismatch');
    assert.equal(d.offset, text.indexOf('4, 2, 3, 3'));
    assert.equal(d.length, 1);
    assert.equal(d.related?.[0].offset, text.indexOf('3, 4, 4'), "the input shape's C entry");
    assertFixClears(text, d);
  });

  it('channel-mismatch: outChannels disagreeing with the kernel', () => {
    const text =
      '{ "input": { "shape": [4, 4, 4] }, "layer": { "outChannels": 5, "kernel": { "shape": [4, 2, 3, 3] } } }';
    const d = only(text, 'channel-mismatch');
    assert.equal(marked(text, d), '5');
    assert.match(d.message, /gives 2 \(C_out = weight\[1\] × groups\)/);
    assertFixClears(text, d);
  });

  it("groups-not-divisible: on the groups value, with PyTorch's reason", () => {
    const text = '{ "input": { "shape": [4, 4, 4] }, "layer": { "outChannels": 6, "kernelSize": 3, "groups": 4 } }';
    const d = only(text, 'groups-not-divisible');
    assert.equal(marked(text, d), '4');
    assert.equal(d.offset, text.lastIndexOf('4'));
    assert.match(
      d.message,
      /out_channels 6 is not a multiple of it\. PyTorch: out_channels must be divisible by groups/,
    );
  });

  it('groups-not-divisible: a full kernel whose C_in is not a multiple of groups', () => {
    const text = '{ "input": { "shape": [3, 4, 4] }, "layer": { "kernel": { "shape": [3, 1, 2, 2] }, "groups": 2 } }';
    const d = only(text, 'groups-not-divisible');
    assert.match(
      d.message,
      /^groups 2 does not divide the layer's in_channels 3\. PyTorch: Given groups=2, expected weight to be divisible by 2 at dimension 0/,
    );
  });

  it('bias-shape: one bias per output channel', () => {
    const text =
      '{ "input": { "shape": [2, 4, 4] }, "layer": { "outChannels": 3, "kernelSize": 2, "bias": { "data": [1, 2] } } }';
    const d = only(text, 'bias-shape');
    assert.equal(marked(text, d), '[1, 2]');
    assert.match(d.message, /bias has 2 values, but the layer has 3 output channels.*PyTorch: Given transposed=1/);
  });

  it('bias-shape: a 2-D bias', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, "bias": { "shape": [1, 1] } } }';
    assert.match(only(text, 'bias-shape').message, /must be 1-D/);
  });
});

describe('spec diagnostics: PyTorch shape rules', () => {
  it('output-padding-range: marks the offending entry and offers the largest valid value', () => {
    const text =
      '{ "input": { "shape": [4, 4] }, "layer": { "kernelSize": 3, "stride": [2, 3], "outputPadding": [1, 3] } }';
    const d = only(text, 'output-padding-range');
    assert.equal(d.offset, text.indexOf('3] }'));
    assert.match(
      d.message,
      /outputPadding 3 \(W\) is too large: it must be smaller than max\(stride 3, dilation 1\) = 3/,
    );
    assert.match(d.message, /PyTorch: output padding must be smaller than either stride or dilation/);
    assertFixClears(text, d);
  });

  it('output-padding-range: dilation also allows larger output_padding', () => {
    const text = '{ "input": { "shape": [4, 4] }, "layer": { "kernelSize": 3, "dilation": 3, "outputPadding": 2 } }';
    assert.deepEqual(validateSpec(text).diagnostics, []);
  });

  it('output-size-nonpositive: padding crops everything', () => {
    const text = '{ "input": { "shape": [1, 1] }, "layer": { "kernelSize": 2, "padding": [0, 1] } }';
    const d = only(text, 'output-size-nonpositive');
    assert.equal(d.offset, text.lastIndexOf('1] }'));
    assert.match(
      d.message,
      /would output W = 0: .*W_out = \(1 − 1\)·1 − 2·1 \+ 1·\(2 − 1\) \+ 0 \+ 1 = 0\)\. PyTorch: .*Output size is too small/,
    );
  });

  it('output-size-nonpositive: a forward conv kernel larger than its padded input', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layer": { "type": "conv", "kernelSize": 3 } }';
    const d = only(text, 'output-size-nonpositive');
    assert.equal(marked(text, d), '3');
    assert.match(
      d.message,
      /would output H = 0 and W = 0: the kernel is larger than the padded input .*Kernel size can't be greater than actual input size/,
    );
  });

  it('memory-budget: shapes are never capped; the layer says its values need more than the budget', () => {
    const text = '{ "input": { "shape": [1, 1000, 1000, 1000] }, "layer": { "kernelSize": 1 } }';
    const { diagnostics, plan } = validateSpec(text);
    assert.deepEqual(plan?.outputShape, [1, 1000, 1000, 1000]);
    const d = diagnostics.find((x) => x.code === 'memory-budget');
    assert.ok(d);
    assert.equal(d.severity, 'info');
    assert.equal(marked(text, d), '"layer"');
    assert.match(d.message, /its tensors need 26.1 GiB of memory, above the budget of 1 GiB.*--memory-budget 27GiB/);
  });

  it('memory-budget: configurable', () => {
    const text = '{ "input": { "shape": [8, 8] }, "layer": { "kernelSize": 2 } }';
    assert.deepEqual(validateSpec(text).diagnostics, []);
    // 64 + 4 + 81 float64 values: 1,192 bytes.
    assert.match(
      only(text, 'memory-budget', { memoryBudget: 1000 }).message,
      /need 1.16 KiB of memory, above the budget of 1000 bytes/,
    );
    assert.deepEqual(validateSpec(text, { memoryBudget: 1192 }).diagnostics, []);
  });
});

describe('spec diagnostics: expectations', () => {
  it('expected-shape: marks the one wrong entry, shows the formula, fixes the shape', () => {
    const text =
      '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 3, "stride": 2 }, "expect": { "outputShape": [5, 6] } }';
    const d = only(text, 'expected-shape');
    assert.equal(marked(text, d), '6');
    assert.equal(d.message, 'Expected 5×6, but the output is 5×5: W_out = (2 − 1)·2 − 2·0 + 1·(3 − 1) + 0 + 1 = 5.');
    assertFixClears(text, d);
  });

  it('expected-shape: a channel mismatch explains C_out and keeps the written rank', () => {
    const text =
      '{ "input": { "shape": [2, 2, 2] }, "layer": { "outChannels": 4, "kernelSize": 1 }, "expect": { "outputShape": [3, 2, 2] } }';
    const d = only(text, 'expected-shape');
    assert.match(d.message, /C_out = 4 comes from the kernel \[2, 4, 1, 1\]/);
    assert.equal(d.fixes?.[0].title, 'Set expect.outputShape to [4, 2, 2]');
    assertFixClears(text, d);
  });

  it('expected-shape: expect.output nested differently from the output', () => {
    const text = specText({
      input: d2lInput,
      layer: { kernel: d2lKernel },
      expect: {
        output: [
          [0, 0, 1],
          [0, 4, 6],
        ],
      },
    });
    const d = only(text, 'expected-shape');
    assert.match(d.message, /expect\.output is 2×3, but the output is 3×3/);
  });

  it('expected-values: marks the worst number, shows both values, fixes it', () => {
    const text = specText({
      input: d2lInput,
      layer: { kernel: d2lKernel },
      expect: {
        output: [
          [0, 0, 1],
          [0, 4, 6],
          [4, 11, 9.5],
        ],
      },
    });
    const d = only(text, 'expected-values');
    assert.equal(marked(text, d), '11');
    assert.equal(
      d.message,
      'The output at [0, 0, 2, 1] is 12, but expect.output says 11 (difference 1, tolerance 1e-9). 2 of 9 values differ; this is the worst.',
    );
    const whole = d.fixes?.find((f) => !f.isPreferred);
    assert.equal(whole?.edits[0].newText, '[[0, 0, 1], [0, 4, 6], [4, 12, 9]]');
  });

  it('expected-values: the preferred fix clears a single wrong value', () => {
    const text = specText({
      input: d2lInput,
      layer: { kernel: d2lKernel, stride: 2 },
      expect: {
        output: [
          [0, 0, 0, 1],
          [0, 0, 2, 3],
          [0, 2, 0, 3],
          [4, 6, 6, 8],
        ],
      },
    });
    assertFixClears(text, only(text, 'expected-values'));
  });

  it('expected-values: a tolerance accepts float32 rounding', () => {
    const text =
      '{ "dtype": "float32", "input": { "data": [[0.1]] }, "layer": { "kernel": { "data": [[3]] } }, "expect": { "output": [[0.3]] } }';
    assert.deepEqual(validateSpec(text).diagnostics, []);
    const strict = text.replace('"output": [[0.3]]', '"output": [[0.3]], "tolerance": 0');
    only(strict, 'expected-values');
  });

  it('expected-values: a layer-level expectation in a chain', () => {
    const text = specText({
      input: { shape: [3, 3], init: 'arange' },
      layers: [
        {
          type: 'conv',
          kernel: {
            data: [
              [1, 2],
              [3, 4],
            ],
          },
          expect: {
            output: [
              [27, 37],
              [57, 68],
            ],
          },
        },
        {
          kernel: {
            data: [
              [1, 2],
              [3, 4],
            ],
          },
        },
      ],
    });
    const d = only(text, 'expected-values');
    assert.match(d.message, /^The output of layer 1 at \[0, 0, 1, 1\] is 67, but layers\[0\]\.expect\.output says 68/);
    assertFixClears(text, d);
  });

  it('target-size: sets the output_padding that reaches it, inserting the property', () => {
    const text = specText({
      input: { shape: [16, 18, 18] },
      layer: { outChannels: 8, kernelSize: 2, stride: 2 },
      expect: { outputSize: [37, 36] },
    });
    const d = only(text, 'target-size');
    assert.equal(marked(text, d), '37');
    assert.match(
      d.message,
      /asks for H = 37, but the output has H = 36 .* outputPadding 1 reaches it \(PyTorch's output_size accepts 36\.\.37 here\)/,
    );
    const fixed = assertFixClears(text, d);
    assert.match(fixed, /"stride": 2,\n {4}"outputPadding": \[1, 0\]\n/);
  });

  it('target-size: out of range says which sizes are reachable', () => {
    const text =
      '{ "input": { "shape": [18, 18] }, "layer": { "kernelSize": 2, "stride": 2 }, "expect": { "outputSize": 40 } }';
    const { diagnostics } = validateSpec(text);
    assert.equal(diagnostics.length, 2);
    assert.ok(diagnostics.every((d) => d.code === 'target-size' && !d.fixes));
    assert.match(diagnostics[0].message, /this layer can only give 36\.\.37 \(output_padding 0\.\.1\)/);
  });

  it('round-trip: forward then tconv misses by one; the fix is the round-trip output_padding', () => {
    const text =
      '{ "input": { "shape": [38, 38] }, "forward": {}, "layer": { "kernelSize": 3, "stride": 2, "padding": 1 } }';
    const d = only(text, 'round-trip');
    assert.equal(marked(text, d), '"layer"');
    assert.match(d.message, /1×1×38×38 → forward → 1×1×19×19 → layers → 1×1×37×37/);
    assert.equal(d.related?.[0].offset, text.indexOf('"forward"'));
    const fixed = assertFixClears(text, d);
    assert.match(fixed, /"padding": 1, "outputPadding": 1 }/);
  });

  it('round-trip: an existing per-dimension outputPadding is edited in place', () => {
    const text =
      '{ "input": { "shape": [38, 37] }, "forward": {}, "layer": { "kernelSize": 3, "stride": 2, "padding": 1, "outputPadding": [0, 0] } }';
    const d = only(text, 'round-trip');
    assert.equal(d.offset, text.indexOf('[0, 0]') + 1, 'the H entry');
    assert.deepEqual(d.fixes?.[0].edits, [{ offset: text.indexOf('[0, 0]') + 1, length: 1, newText: '1' }]);
    assertFixClears(text, d);
  });
});

describe('spec diagnostics: generator options', () => {
  it('ignored-field: an option the chosen init does not read', () => {
    const text = '{ "input": { "shape": [2, 2], "init": "ones", "value": 3 }, "layer": { "kernelSize": 1 } }';
    const d = only(text, 'ignored-field');
    assert.equal(marked(text, d), '"value"');
    assert.equal(d.message, 'input.value has no effect with init "ones"; it is read by "fill".');
  });

  it('the default init (random) reads seed, low and high', () => {
    const text = '{ "input": { "shape": [2, 2], "seed": 3, "low": -1, "high": 1 }, "layer": { "kernelSize": 1 } }';
    assert.deepEqual(validateSpec(text).diagnostics, []);
  });
});

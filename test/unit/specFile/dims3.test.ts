/** `"dims": 3` (ConvTranspose3d / Conv3d) through the spec layer: shapes, diagnostics on the token, hovers, values. */
import { strict as assert } from 'node:assert';
import { conv3d, convTranspose3d, fromNested, tensor, type Tensor } from '../../../src/engine';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { hoverAt } from '../../../src/specFile/hover';
import { assertFixClears, EXAMPLES_DIR, marked, only, readText, specText } from './helpers';

/** 1..n as a nested [d][h][w] array. */
function cube(d: number, h: number, w: number, start = 1): number[][][] {
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: h }, (_, j) => Array.from({ length: w }, (_, k) => start + (i * h + j) * w + k)),
  );
}

function evaluated(text: string) {
  const result = validateSpec(text);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
  );
  assert.ok(result.spec && result.plan?.complete);
  return { result, evaluation: evaluateSpec(result.spec, result.plan) };
}

function assertClose(actual: Tensor, expected: Tensor): void {
  assert.deepEqual(actual.shape, expected.shape);
  for (let i = 0; i < expected.data.length; i++)
    assert.ok(
      Math.abs(actual.data[i] - expected.data[i]) <= 1e-9 * (1 + Math.abs(expected.data[i])),
      `element ${i}: ${actual.data[i]} vs ${expected.data[i]}`,
    );
}

const clean = {
  dims: 3,
  input: { data: cube(2, 3, 2) },
  layer: { kernel: { data: cube(2, 2, 2, -3) }, stride: [2, 1, 2], padding: [0, 1, 0], bias: { data: [0.5] } },
};

describe('dims 3: the spec layer', () => {
  it('a clean 3-D spec validates: [D, H, W] data is N = C = 1, and the shapes follow per axis D, H, W', () => {
    const text = specText(clean);
    const { result } = evaluated(text);
    assert.deepEqual(result.plan?.inputShape, [1, 1, 2, 3, 2]);
    const layer = result.plan?.layers[0];
    assert.deepEqual(
      layer?.dims.map((d) => `${d.axis}_out = ${d.substituted}`),
      [
        'D_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4',
        'H_out = (3 − 1)·1 − 2·1 + 1·(2 − 1) + 0 + 1 = 2',
        'W_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4',
      ],
    );
    assert.deepEqual(layer?.weightShape, [1, 1, 2, 2, 2]);
    assert.deepEqual(result.plan?.outputShape, [1, 1, 4, 2, 4]);
  });

  it("values equal the engine's convTranspose3d, and expect.output / outputShape / outputSize agree with them", () => {
    const text = specText(clean);
    const { evaluation } = evaluated(text);
    const x = fromNested([[cube(2, 3, 2)]]);
    const w = fromNested([[cube(2, 2, 2, -3)]]);
    const expected = convTranspose3d(x, w, tensor([1], [0.5]), { stride: [2, 1, 2], padding: [0, 1, 0] });
    assertClose(evaluation.output, expected);
    // Written back as an expectation, in the shorthand without N and C: clean. One value off: expected-values.
    const nested = (expected.data.length ? Array.from(expected.data) : []).slice();
    const asCube = cube(4, 2, 4).map((p, i) => p.map((r, j) => r.map((_, k) => nested[(i * 2 + j) * 4 + k])));
    const withExpect = {
      ...clean,
      expect: { outputShape: [4, 2, 4], output: asCube, outputSize: [4, 2, 4] },
    };
    evaluated(specText(withExpect));
    asCube[3][1][2] += 1;
    const off = specText({ ...withExpect, expect: { output: asCube } });
    const d = only(off, 'expected-values');
    assert.match(d.message, /\[3\]\[1\]\[2\]|3, 1, 2/);
  });

  it("a 3-D conv layer in a chain equals the engine's conv3d, with the [C_out, C_in/groups, kD, kH, kW] layout", () => {
    const text = specText({
      dims: 3,
      input: { shape: [2, 4, 5, 3], init: 'arange' },
      layers: [
        {
          type: 'conv',
          outChannels: 4,
          groups: 2,
          kernel: { shape: [4, 1, 2, 3, 2], init: 'arange', start: -5 },
          stride: [1, 2, 1],
          padding: 1,
          dilation: [2, 1, 1],
        },
      ],
    });
    const { evaluation } = evaluated(text);
    const x = tensor(
      [1, 2, 4, 5, 3],
      Array.from({ length: 120 }, (_, i) => i),
    );
    const w = tensor(
      [4, 1, 2, 3, 2],
      Array.from({ length: 48 }, (_, i) => i - 5),
    );
    const expected = conv3d(x, w, null, { stride: [1, 2, 1], padding: 1, dilation: [2, 1, 1], groups: 2 });
    assertClose(evaluation.output, expected);
  });

  it('tuple-length: two values in a 3-D spec, on the tuple; a uniform tuple becomes a scalar', () => {
    const text = specText({ dims: 3, input: { shape: [4, 4, 4] }, layer: { kernelSize: 3, stride: [2, 2] } });
    const d = only(text, 'tuple-length');
    assert.equal(marked(text, d).replace(/\s/g, ''), '[2,2]');
    assert.match(d.message, /3-D.*\[D, H, W\]/);
    assertFixClears(text, d);
  });

  it('channel-mismatch: a [C_in, C_out/groups, kD, kH, kW] kernel for 3 channels receiving 2, with PyTorch words', () => {
    const text = specText({
      dims: 3,
      input: { shape: [1, 2, 4, 4, 4] },
      layer: { kernel: { shape: [3, 1, 2, 2, 2] } },
    });
    const d = only(text, 'channel-mismatch');
    // On C_in of the kernel's shape, the entry to change.
    assert.equal(marked(text, d), '3');
    assert.equal(d.offset, text.indexOf('3', text.indexOf('"kernel"')));
    assert.match(d.message, /expected input\[1, 2, 4, 4, 4\] to have 3 channels, but got 2 channels instead/);
  });

  it('output-padding-range: on the H entry of a 3-tuple, naming the axis; the fix sets the largest valid value', () => {
    const text = specText({
      dims: 3,
      input: { shape: [4, 4, 4] },
      layer: { kernelSize: 3, stride: 2, outputPadding: [1, 2, 0] },
    });
    const d = only(text, 'output-padding-range');
    assert.equal(marked(text, d), '2');
    assert.equal(d.offset, text.indexOf('2,\n', text.indexOf('"outputPadding"')));
    assert.match(d.message, /\(H\)/);
    const fixed = assertFixClears(text, d);
    assert.deepEqual(JSON.parse(fixed).layer.outputPadding, [1, 1, 0]);
  });

  it('shape-rank: a 5-entry shape in a 2-D spec offers "dims": 3; [H, W] in a 3-D spec offers 2', () => {
    const five = specText({ input: { shape: [1, 1, 4, 4, 4] }, layer: { kernelSize: 2 } });
    const d = only(five, 'shape-rank');
    assert.match(d.message, /\[H, W\], \[C, H, W\] or \[N, C, H, W\]/);
    const fixed = assertFixClears(five, d);
    assert.equal(JSON.parse(fixed).dims, 3);
    const two = specText({ dims: 3, input: { shape: [4, 4] }, layer: { kernelSize: 2 } });
    const e = only(two, 'shape-rank');
    assert.match(e.message, /\[D, H, W\], \[C, D, H, W\] or \[N, C, D, H, W\]/);
    assert.equal(JSON.parse(assertFixClears(two, e)).dims, 2);
  });

  it('kernel-shape: a 4-D kernel in a 3-D spec names [kD, kH, kW] and the full layout', () => {
    const text = specText({ dims: 3, input: { shape: [4, 4, 4] }, layer: { kernel: { shape: [1, 2, 2, 2] } } });
    const d = only(text, 'kernel-shape');
    assert.match(d.message, /\[kD, kH, kW\].*\[C_in, C_out\/groups, kD, kH, kW\]/);
  });

  it("output-size-nonpositive: PyTorch's rejection on the depth axis", () => {
    const text = specText({ dims: 3, input: { shape: [1, 4, 4] }, layer: { kernelSize: 1, padding: [1, 0, 0] } });
    const d = only(text, 'output-size-nonpositive');
    assert.match(d.message, /D/);
  });

  it('round-trip: forward 3-D convolution on an odd depth; the fix sets outputPadding on D only', () => {
    const text = specText({
      dims: 3,
      input: { shape: [2, 5, 4, 4] },
      forward: { outChannels: 3 },
      layer: { kernelSize: 2, stride: 2 },
    });
    const d = only(text, 'round-trip');
    assert.match(d.message, /D_out/);
    const fixed = assertFixClears(text, d);
    assert.deepEqual(JSON.parse(fixed).layer.outputPadding, [1, 0, 0]);
  });

  it('expected-shape and target-size in 3-D, with the computed values', () => {
    const text = specText({
      dims: 3,
      input: { shape: [2, 8, 8, 8] },
      layer: { outChannels: 1, kernelSize: 2, stride: 2 },
      expect: { outputShape: [1, 16, 16, 15] },
    });
    const d = only(text, 'expected-shape');
    assert.match(d.message, /Expected 1×16×16×15, but the output is 1×16×16×16: W_out = \(8 − 1\)·2/);
    assertFixClears(text, d);
    const size = specText({
      dims: 3,
      input: { shape: [2, 8, 8, 8] },
      layer: { outChannels: 1, kernelSize: 2, stride: 2 },
      expect: { outputSize: [17, 16, 16] },
    });
    const t = only(size, 'target-size');
    const fixed = assertFixClears(size, t);
    assert.deepEqual(JSON.parse(fixed).layer.outputPadding, [1, 0, 0]);
  });

  it('hover on stride: the D, H and W formulas with the numbers substituted', () => {
    const text = specText(clean);
    const hover = hoverAt(text, validateSpec(text), text.indexOf('"stride"') + 2);
    assert.ok(hover);
    for (const line of [
      '(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4',
      '(3 − 1)·1 − 2·1 + 1·(2 − 1) + 0 + 1 = 2',
      '(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4',
    ])
      assert.ok(hover.markdown.includes(line), `${line} in:\n${hover.markdown}`);
    assert.match(hover.markdown, /D_out/);
    assert.match(hover.markdown, /W_out/);
    const input = hoverAt(text, validateSpec(text), text.indexOf('"input"') + 2);
    assert.match(input?.markdown ?? '', /N×C×D×H×W/);
  });

  it('examples/monai-unet3d-upconv: [1, 32, 4, 4, 4] → ConvTranspose3d(32, 16, 2, stride 2) → [1, 16, 8, 8, 8]', () => {
    const { result } = evaluated(readText(EXAMPLES_DIR, 'monai-unet3d-upconv.tconv.json'));
    assert.equal(result.spec?.dims, 3);
    assert.deepEqual(result.plan?.outputShape, [1, 16, 8, 8, 8]);
    assert.deepEqual(result.plan?.layers[0].weightShape, [32, 16, 2, 2, 2]);
  });
});

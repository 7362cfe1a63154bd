/**
 * Steps for 1-D layers (issue 16: unavailable for every HiFi-GAN layer): the strip of one (batch, input channel,
 * output channel), whose steps the webview forms as it shows them. Summed over the input channels, cropped and with
 * the bias, the strips are the layer's output.
 */
import { strict as assert } from 'node:assert';
import { stripPatch, stripRegion, stripSum, stripTaps } from '../../../src/preview/stepStrip';
import { MAX_STRIP_STEPS } from '../../../src/preview/stepStripPayload';
import type { LayerPayload, PreviewFocus, StepStripPayload } from '../../../src/webviewProtocol';
import { example, layerOf, payloadOf, spec } from './helpers';
import { HIFIGAN } from './hifigan';

function oneD(layer: Record<string, unknown>, input: number[], init = 'randn'): string {
  return spec({ dims: 1, input: { shape: input, init }, layers: [{ bias: true, ...layer }] });
}

function stripOf(text: string, focus: Omit<PreviewFocus, 'layerId'> | null = null, id = 'layer-0'): StepStripPayload {
  const layer = layerOf(payloadOf(text, focus ? { focus: { layerId: id, ...focus } } : {}), id);
  assert.ok(layer.stepStrip, `no strip: ${layer.stepsNote}`);
  return layer.stepStrip;
}

/** Σ over the input channels of the group of their strips, cropped, plus the bias: output[batch, outChannel, :]. */
function stripOutput(text: string, batch: number, outChannel: number, channels: readonly number[]): number[] {
  let total: number[] | null = null;
  let first: StepStripPayload | null = null;
  for (const inChannel of channels) {
    const s = stripOf(text, { batch, inChannel, outChannel });
    assert.equal(s.inChannel, inChannel);
    first ??= s;
    const sum = stripSum(s, s.input.length).map((v) => v ?? 0);
    total = total ? total.map((v, i) => v + sum[i]) : sum;
  }
  assert.ok(total && first);
  const s = first;
  return Array.from({ length: s.outputSize }, (_, o) => (total[s.cropStart + o - s.canvasStart] ?? 0) + s.bias);
}

function outputRow(layer: LayerPayload, batch: number, outChannel: number): number[] {
  const out = layer.values?.output;
  assert.ok(out);
  const length = layer.outputShape[2];
  const plane = batch * layer.outputShape[1] + outChannel - out.firstPlane;
  return out.data.slice(plane * length, (plane + 1) * length);
}

function assertClose(actual: readonly number[], expected: readonly number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `[${i}]: ${v} vs ${expected[i]}`));
}

describe('the 1-D step strip', () => {
  it('HiFi-GAN ups.0 and ups.1 (16,384 and 65,536 steps per output channel) have a strip of one channel’s steps', () => {
    const payload = payloadOf(HIFIGAN);
    for (const [id, length, canvas] of [
      ['layer-1', 32, 31 * 8 + 16],
      ['layer-2', 256, 255 * 8 + 16],
    ] as const) {
      const layer = layerOf(payload, id);
      assert.equal(layer.steps, null, 'no 2-D picture for a 1-D layer');
      assert.ok(layer.stepStrip, `${id}: ${layer.stepsNote}`);
      const s = layer.stepStrip;
      assert.deepEqual(
        [s.kernel, s.stride, s.dilation, s.input.length, s.inputLength, s.canvas, s.cropStart, s.outputSize],
        [16, 8, 1, length, length, canvas, 4, length * 8],
      );
      assert.equal(s.weights.length, 16);
      assert.equal(s.channelsPerOutput, layer.inputShape[1]);
      assert.equal(layer.stepsNote, null);
    }
  });

  it('step i is x[i] times the kernel row at i·stride, taps dilation apart', () => {
    const s = stripOf(oneD({ outChannels: 1, kernelSize: 3, stride: 2, dilation: 2 }, [1, 5]));
    assert.deepEqual(stripTaps(s, 0), [0, 2, 4]);
    assert.deepEqual(stripTaps(s, 3), [6, 8, 10]);
    assert.deepEqual(
      stripPatch(s, 3),
      s.weights.map((w) => s.input[3] * w),
    );
    assert.equal(s.canvas, 4 * 2 + 2 * 2 + 1);
    const sum = stripSum(s, 1);
    assert.deepEqual(
      sum.map((v) => v !== null),
      [true, false, true, false, true, false, false, false, false, false, false, false, false],
    );
  });

  it('summed over the input channels, cropped and with the bias: the output (padding and output_padding)', () => {
    const text = oneD(
      { outChannels: 3, kernelSize: 4, stride: 3, padding: 2, outputPadding: 1, dilation: 1 },
      [2, 4, 7],
    );
    const layer = layerOf(payloadOf(text), 'layer-0');
    for (const [batch, outChannel] of [
      [0, 0],
      [1, 2],
    ])
      assertClose(stripOutput(text, batch, outChannel, [0, 1, 2, 3]), outputRow(layer, batch, outChannel));
    const s = stripOf(text);
    assert.equal(s.outputPadding, 1);
    const regions = Array.from({ length: s.canvas }, (_, c) => stripRegion(s, c));
    assert.equal(regions.filter((r) => r === 'crop').length, s.canvas - s.outputSize);
    assert.equal(regions.filter((r) => r === 'outputPadding').length, 1);
    assert.equal(regions[s.cropStart + s.outputSize - 1], 'outputPadding');
  });

  it("EnCodec's trim: the trimmed end is cut on the strip, and the strips still give the output", () => {
    const text = example('encodec-causal-decoder');
    const s = stripOf(text);
    assert.deepEqual([s.cropStart, s.outputSize, s.canvas], [0, 64, 72]);
    const regions = Array.from({ length: s.canvas }, (_, c) => stripRegion(s, c));
    assert.deepEqual(regions.slice(60), [
      'output',
      'output',
      'output',
      'output',
      'crop',
      'crop',
      'crop',
      'crop',
      'crop',
      'crop',
      'crop',
      'crop',
    ]);
    const channels = Array.from({ length: 32 }, (_, c) => c);
    assertClose(stripOutput(text, 0, 5, channels), outputRow(layerOf(payloadOf(text), 'layer-0'), 0, 5));
  });

  it('ONNX pads and a trim at the start move the crop: the output starts at pads_begin + trim', () => {
    const text = oneD({ outChannels: 2, kernelSize: 5, stride: 2, pads: [3, 1], trim: { begin: 2 } }, [3, 6]);
    const s = stripOf(text);
    assert.equal(s.cropStart, 5);
    const layer = layerOf(payloadOf(text), 'layer-0');
    assert.equal(s.outputSize, layer.outputShape[2]);
    assertClose(stripOutput(text, 0, 1, [0, 1, 2]), outputRow(layer, 0, 1));
  });

  it('groups: the strip of an output channel uses an input channel of its group', () => {
    const text = oneD({ outChannels: 4, kernelSize: 2, stride: 2, groups: 2 }, [1, 4, 6]);
    const layer = layerOf(payloadOf(text), 'layer-0');
    assertClose(stripOutput(text, 0, 3, [2, 3]), outputRow(layer, 0, 3));
    assert.equal(stripOf(text, { batch: 0, inChannel: 0, outChannel: 3 }).inChannel, 2, "channel 0 is group 0's");
  });

  it('an input longer than the cap: the first MAX_STRIP_STEPS steps, and a note that says so', () => {
    const text = oneD({ outChannels: 1, kernelSize: 4, stride: 2, padding: 1 }, [1, 5000], 'ones');
    const layer = layerOf(payloadOf(text), 'layer-0');
    assert.ok(layer.stepStrip);
    assert.equal(layer.stepStrip.input.length, MAX_STRIP_STEPS);
    assert.equal(layer.stepStrip.inputLength, 5000);
    assert.equal(layer.stepStrip.canvas, (MAX_STRIP_STEPS - 1) * 2 + 4);
    assert.equal(layer.stepsNote, 'the first 4,096 of 5,000 input elements are drawn step by step');
  });

  it("the preview's maxStepValues cap bounds the numbers sent (input row + kernel row)", () => {
    const text = oneD({ outChannels: 1, kernelSize: 4, stride: 2 }, [1, 300]);
    const layer = layerOf(payloadOf(text, { limits: { maxStepValues: 100 } }), 'layer-0');
    assert.equal(layer.stepStrip?.input.length, 96);
    const tiny = layerOf(payloadOf(text, { limits: { maxStepValues: 3 } }), 'layer-0');
    assert.equal(tiny.stepStrip, null);
    assert.match(tiny.stepsNote ?? '', /kernel spans 4 cells/);
  });

  it('a huge stride draws as many steps as fit the canvas cap, never a canvas of millions of cells', () => {
    const s = stripOf(oneD({ outChannels: 1, kernelSize: 2, stride: 100_000 }, [1, 8]));
    assert.ok(s.canvas <= 65_536, `${s.canvas} cells`);
    assert.equal(s.input.length, 1);
  });
});

/** The preview of a 3-D layer: planes are depth slices, a focus carries the depth, and the 2-D-only views say why. */
import { strict as assert } from 'node:assert';
import { convTranspose3d, tensor, type Tensor } from '../../../src/engine';
import { depthSlices } from '../../../src/preview/depthSlices';
import { isPreviewState, isWebviewMessage } from '../../../src/webviewMessageGuards';
import type { TensorPayload } from '../../../src/webviewProtocol';
import { example, layerOf, payloadOf, spec } from './helpers';

const N = 1;
const C_IN = 2;
const C_OUT = 3;
const [D, H, W] = [3, 4, 2];
const inputData = Array.from({ length: N * C_IN * D * H * W }, (_, i) => ((i * 7) % 11) - 5);
const weightData = Array.from({ length: C_IN * C_OUT * 2 * 3 * 2 }, (_, i) => ((i * 5) % 13) - 6);
const params = { stride: [2, 1, 2], padding: [0, 1, 1], outputPadding: [1, 0, 0] };

/** A 3-D layer with explicit data, so the engine can be run on the same numbers. */
function nest(data: number[], shape: number[]): unknown {
  if (shape.length === 1) return data;
  const size = data.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(data.slice(i * size, (i + 1) * size), shape.slice(1)));
}
const explicit = spec({
  dims: 3,
  input: { data: nest(inputData, [N, C_IN, D, H, W]) },
  layer: { kernel: { data: nest(weightData, [C_IN, C_OUT, 2, 3, 2]) }, ...params },
});

function engineOutput(): Tensor {
  return convTranspose3d(
    tensor([N, C_IN, D, H, W], inputData),
    tensor([C_IN, C_OUT, 2, 3, 2], weightData),
    null,
    params,
  );
}

/** Plane p of the payload (it must have been sent). */
function sentPlane(t: TensorPayload, p: number): number[] {
  const size = t.planeShape[0] * t.planeShape[1];
  assert.ok(p >= t.firstPlane && p < t.firstPlane + t.sentPlanes, `plane ${p} not sent`);
  const offset = (p - t.firstPlane) * size;
  return t.data.slice(offset, offset + size);
}

describe('preview: 3-D layers', () => {
  const expected = engineOutput();
  const [, , dOut, hOut, wOut] = expected.shape;

  it("sends each tensor as depth slices: the plane of (n, c, d) is the engine output's [n, c, d]", () => {
    const payload = payloadOf(explicit);
    assert.equal(payload.dims, 3);
    const layer = layerOf(payload, 'layer-0');
    assert.deepEqual(layer.outputShape, expected.shape);
    assert.deepEqual(
      layer.dims.map((d) => d.axis),
      ['D', 'H', 'W'],
    );
    const out = layer.values?.output;
    assert.ok(out);
    assert.deepEqual(out.planeShape, [hOut, wOut]);
    assert.equal(out.planeCount, N * C_OUT * dOut);
    const size = hOut * wOut;
    for (let c = 0; c < C_OUT; c++)
      for (let d = 0; d < dOut; d++) {
        const offset = (c * dOut + d) * size;
        assert.deepEqual(
          sentPlane(out, c * dOut + d),
          Array.from(expected.data.slice(offset, offset + size)),
          `c=${c}, d=${d}`,
        );
      }
    assert.deepEqual(layer.values?.weight.planeShape, [3, 2]);
    assert.equal(layer.values?.weight.planeCount, C_IN * C_OUT * 2);
  });

  it('a focus with a depth moves the window onto that depth slice past the cap, with the input and kernel slices that reach it', () => {
    const size = hOut * wOut;
    const focused = (depth: number) =>
      layerOf(
        payloadOf(explicit, {
          limits: { maxTensorElements: size },
          focus: { layerId: 'layer-0', batch: 0, inChannel: 1, outChannel: 2, depth },
        }),
        'layer-0',
      );
    // D: stride 2, padding 0, kernel 2, output_padding 1: 3 input slices → 7 output slices.
    assert.equal(dOut, 7);
    const layer = focused(5);
    const out = layer.values?.output;
    assert.ok(out);
    assert.equal(out.sentPlanes, 1);
    const plane = 2 * dOut + 5;
    assert.equal(out.firstPlane, plane);
    assert.deepEqual(sentPlane(out, plane), Array.from(expected.data.slice(plane * size, (plane + 1) * size)));
    // Output slice 5 = input slice 2 ⋆ᵀ kernel slice 1 (5 = 2·2 + 1).
    assert.equal(layer.values?.input.firstPlane, 1 * D + 2);
    assert.equal(layer.values?.weight.firstPlane, (1 * C_OUT + 2) * 2 + 1);
    // Slice 6 is the output_padding row no input reaches: input and kernel show their last slices.
    const padded = focused(6);
    assert.equal(padded.values?.output.firstPlane, 2 * dOut + 6);
    assert.equal(padded.values?.input.firstPlane, 1 * D + 2);
    assert.equal(padded.values?.weight.firstPlane, (1 * C_OUT + 2) * 2 + 1);
    const unfocused = layerOf(payloadOf(explicit, { limits: { maxTensorElements: size } }), 'layer-0');
    assert.equal(unfocused.values?.output.firstPlane, 0);
  });

  it('Steps, Matrix and Symbolic say why they cannot draw a 3-D layer; Matrix still gives the size of W', () => {
    const layer = layerOf(payloadOf(explicit, { symbolic: true }), 'layer-0');
    assert.equal(layer.steps, null);
    assert.match(layer.stepsNote ?? '', /1-D and 2-D layers/);
    assert.equal(layer.symbolic, null);
    assert.match(layer.symbolicNote ?? '', /1-D and 2-D layers/);
    assert.equal(layer.matrix.csr, null);
    assert.equal(layer.matrix.blocks, null);
    assert.match(layer.matrix.note ?? '', /3-D/);
    assert.equal(layer.matrix.rows, C_IN * D * H * W);
    assert.equal(layer.matrix.cols, C_OUT * dOut * hOut * wOut);
  });

  it('W of the MONAI up-convolution: the non-zeros the cost verification counts', () => {
    const layer = layerOf(payloadOf(example('monai-unet3d-upconv')), 'layer-0');
    // Kernel 2, stride 2: every (input, tap) pair lands in bounds, 32·16 channel pairs × 4³ inputs × 2³ taps.
    assert.equal(layer.matrix.stats.nnz, 32 * 16 * 4 ** 3 * 2 ** 3);
    assert.equal(layer.matrix.rows, 32 * 4 ** 3);
    assert.equal(layer.matrix.cols, 16 * 8 ** 3);
  });

  it('Overlap multiplies the depth axis into each slice; Code writes ConvTranspose3d with kD, kH, kW', () => {
    const layer = layerOf(payloadOf(explicit), 'layer-0');
    const o = layer.overlap;
    assert.ok(o);
    assert.equal(o.countsD?.length, dOut);
    assert.equal(o.countsH.length, hOut);
    assert.equal(o.countsW.length, wOut);
    const pytorch = layer.code.find((c) => c.framework === 'pytorch')?.code ?? '';
    assert.match(pytorch, /nn\.ConvTranspose3d\(/);
    assert.match(pytorch, /kD, kH, kW/);
    const tf = layer.code.find((c) => c.framework === 'tensorflow')?.code ?? '';
    assert.match(tf, /Conv3DTranspose/);
  });

  it('the webview may send a depth with a selection and persist it; a negative or fractional one is refused', () => {
    const selection = { type: 'selection', layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 };
    assert.ok(isWebviewMessage(selection));
    assert.ok(isWebviewMessage({ ...selection, depth: 4 }));
    assert.ok(!isWebviewMessage({ ...selection, depth: -1 }));
    assert.ok(!isWebviewMessage({ ...selection, depth: 1.5 }));
    const state = {
      documentUri: null,
      view: 'grids',
      layerId: null,
      batch: 0,
      inChannel: 0,
      outChannel: 0,
      step: 0,
      zoom: 1,
    };
    assert.ok(isPreviewState(state));
    assert.ok(isPreviewState({ ...state, depth: 2 }));
    assert.ok(!isPreviewState({ ...state, depth: '2' }));
  });
});

describe('depthSlices: the input and kernel slices that reach an output slice', () => {
  const axis = { transposed: true, input: 4, kernel: 3, output: 9, stride: 2, padding: 0, dilation: 1 };

  it('transposed: od = id·stride − padding + kd·dilation, the first kd that fits', () => {
    assert.deepEqual(depthSlices(axis, 0), { input: 0, kernel: 0, output: 0 });
    assert.deepEqual(depthSlices(axis, 1), { input: 0, kernel: 1, output: 1 });
    assert.deepEqual(depthSlices(axis, 4), { input: 2, kernel: 0, output: 4 });
    assert.deepEqual(depthSlices(axis, 8), { input: 3, kernel: 2, output: 8 });
    assert.deepEqual(depthSlices({ ...axis, padding: 1 }, 0), { input: 0, kernel: 1, output: 0 });
    // Past the output: clamped to its last slice.
    assert.deepEqual(depthSlices(axis, 99), depthSlices(axis, 8));
  });

  it('convolution: input slice od·stride − padding + kd·dilation', () => {
    const conv = { transposed: false, input: 9, kernel: 3, output: 4, stride: 2, padding: 1, dilation: 2 };
    assert.deepEqual(depthSlices(conv, 0), { input: 1, kernel: 1, output: 0 });
    assert.deepEqual(depthSlices(conv, 3), { input: 5, kernel: 0, output: 3 });
  });
});

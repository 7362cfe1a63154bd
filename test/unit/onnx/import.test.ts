// tconv import: ONNX models built here → specs. Symmetric chains are validated by tconv and their values compared
// with onnxruntime-web running the same model (the oracle); the new padding fields and chain layers are checked
// for the JSON written.
import { strict as assert } from 'node:assert';
import * as ort from 'onnxruntime-web';
import { onnx } from 'onnx-proto';
import { importOnnxModel, OnnxImportError, type ImportResult } from '../../../src/onnx';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { buildModel, convChain, seeded, type ConvLayerSpec } from './onnxModels';

type Layer = Record<string, unknown>;
const layersOf = (r: ImportResult) => r.spec.layers as Layer[];

/** Validates the written text: no diagnostics at all, and the plan's output shape. */
function validClean(result: ImportResult): ReturnType<typeof validateSpec> {
  const v = validateSpec(result.text);
  assert.deepEqual(
    v.diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
    `the imported spec has diagnostics:\n${result.text}`,
  );
  assert.ok(v.spec && v.plan?.complete);
  return v;
}

/**
 * tconv's values for the imported spec against onnxruntime-web's for the model, on tconv's own (seeded) input:
 * |tconv − ort| ≤ 1e-6·(1 + |ort|) for every output value. Returns the largest difference.
 */
async function compareWithOnnxRuntime(bytes: Uint8Array, result: ImportResult): Promise<number> {
  const v = validClean(result);
  const evaluation = evaluateSpec(v.spec!, v.plan!);
  assert.equal(evaluation.usedFastPath, false);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const x = Float32Array.from(evaluation.input.data);
  const outputs = await session.run({ X: new ort.Tensor('float32', x, [...evaluation.input.shape]) });
  const y = outputs.Y;
  assert.deepEqual([...y.dims], [...evaluation.output.shape], 'output shapes differ');
  const expected = y.data as Float32Array;
  // The spec's input is float32-exact (withFloat32Input), so onnxruntime reads the very numbers tconv computes on.
  assert.ok(
    evaluation.input.data.every((value, i) => value === x[i]),
    'the input is not float32-exact',
  );
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(evaluation.output.data[i] - expected[i]);
    worst = Math.max(worst, diff / (1 + Math.abs(expected[i])));
  }
  assert.ok(worst <= 1e-6, `tconv and onnxruntime differ by ${worst} (relative)`);
  return worst;
}

/** A spec whose input is float32-exact, so tconv and onnxruntime see the same numbers. */
function withFloat32Input(result: ImportResult): ImportResult {
  const shape = result.inputShape;
  const count = shape.reduce((a, b) => a * b, 1);
  const spec = { ...result.spec, input: { shape, data: nestFlat(Array.from(seeded(count, 5)), shape) } };
  return { ...result, spec, text: JSON.stringify(spec) };
}

function nestFlat(values: number[], shape: readonly number[]): unknown {
  let at = 0;
  const build = (axis: number): unknown =>
    axis === shape.length ? values[at++] : Array.from({ length: shape[axis] }, () => build(axis + 1));
  return build(0);
}

describe('tconv import (ONNX → spec)', function () {
  this.timeout(60_000);
  before(() => {
    ort.env.wasm.numThreads = 1;
  });

  it('a DCGAN-like ConvTranspose chain: layers, weights and biases written; values equal onnxruntime-web', async () => {
    const layers: ConvLayerSpec[] = [
      { op: 'ConvTranspose', inChannels: 8, outChannels: 16, kernel: [4, 4], bias: true },
      {
        op: 'ConvTranspose',
        inChannels: 16,
        outChannels: 8,
        kernel: [4, 4],
        bias: true,
        attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
      },
      {
        op: 'ConvTranspose',
        inChannels: 8,
        outChannels: 3,
        kernel: [4, 4],
        attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
      },
    ];
    const { bytes, initializers } = convChain([1, 8, 1, 1], layers);
    const result = importOnnxModel(bytes, { fileName: '/models/dcgan.onnx' });
    assert.deepEqual(result.inputShape, [1, 8, 1, 1]);
    assert.deepEqual(result.layerCounts, { convTranspose: 3 });
    const written = layersOf(result);
    assert.deepEqual(
      written.map((l) => [l.name, l.type, l.outChannels, l.stride, l.padding]),
      [
        ['up0', undefined, 16, undefined, undefined],
        ['up1', undefined, 8, 2, 1],
        ['up2', undefined, 3, 2, 1],
      ],
    );
    // The weights as written read back as the model's float32 values, in ONNX's (= PyTorch's) layout.
    const kernel = written[0].kernel as { shape: number[]; data: unknown };
    assert.deepEqual(kernel.shape, [8, 16, 4, 4]);
    assert.deepEqual((kernel.data as number[][][][]).flat(3).map(Math.fround), Array.from(initializers[0].values));
    const bias = written[0].bias as { data: number[] };
    assert.deepEqual(bias.data.map(Math.fround), Array.from(initializers[1].values));
    assert.equal(written[2].bias, undefined);
    assert.match(String(result.spec.description), /dcgan\.onnx/);
    assert.deepEqual(validClean(result).plan?.outputShape, [1, 3, 16, 16]);
    await compareWithOnnxRuntime(bytes, withFloat32Input(result));
  });

  it('a Conv + ConvTranspose pair (with output_padding and bias) equals onnxruntime-web', async () => {
    const { bytes } = convChain(
      [1, 2, 9, 9],
      [
        {
          op: 'Conv',
          inChannels: 2,
          outChannels: 4,
          kernel: [3, 3],
          bias: true,
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
        {
          op: 'ConvTranspose',
          inChannels: 4,
          outChannels: 2,
          kernel: [3, 3],
          bias: true,
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [0, 0] },
        },
      ],
    );
    const result = importOnnxModel(bytes);
    const [conv, up] = layersOf(result);
    assert.equal(conv.type, 'conv');
    assert.deepEqual((conv.kernel as { shape: number[] }).shape, [4, 2, 3, 3]);
    assert.equal(up.type, undefined);
    assert.equal(up.outputPadding, undefined, 'output_padding 0 is the default, not written');
    assert.deepEqual(validClean(result).plan?.outputShape, [1, 2, 9, 9]);
    await compareWithOnnxRuntime(bytes, withFloat32Input(result));
  });

  it('group > 1, dilation, per-axis strides and output_padding equal onnxruntime-web', async () => {
    const { bytes } = convChain(
      [1, 4, 5, 4],
      [
        {
          op: 'ConvTranspose',
          inChannels: 4,
          outChannels: 6,
          group: 2,
          kernel: [3, 2],
          bias: true,
          attributes: { strides: [3, 2], dilations: [2, 1], pads: [1, 0, 1, 0], output_padding: [1, 1] },
        },
      ],
    );
    const result = importOnnxModel(bytes);
    const [layer] = layersOf(result);
    assert.equal(layer.groups, 2);
    assert.equal(layer.outChannels, 6);
    assert.deepEqual(layer.stride, [3, 2]);
    assert.deepEqual(layer.dilation, [2, 1]);
    assert.deepEqual(layer.padding, [1, 0]);
    assert.equal(layer.outputPadding, 1);
    assert.deepEqual((layer.kernel as { shape: number[] }).shape, [4, 3, 3, 2]);
    await compareWithOnnxRuntime(bytes, withFloat32Input(result));
  });

  it('a 1-D chain (ConvTranspose1d) is a dims 1 spec equal to onnxruntime-web', async () => {
    const { bytes } = convChain(
      [1, 3, 7],
      [
        { op: 'ConvTranspose', inChannels: 3, outChannels: 2, kernel: [5], bias: true, attributes: { strides: [3] } },
        { op: 'Conv', inChannels: 2, outChannels: 2, kernel: [3], attributes: { pads: [1, 1] } },
      ],
    );
    const result = importOnnxModel(bytes);
    assert.equal(result.spec.dims, 1);
    assert.equal(layersOf(result)[1].padding, 1);
    await compareWithOnnxRuntime(bytes, withFloat32Input(result));
  });

  it('the oracle comparison fails when a layer is imported wrong (a bias value changed)', async () => {
    const { bytes } = convChain(
      [1, 2, 3, 3],
      [{ op: 'ConvTranspose', inChannels: 2, outChannels: 2, kernel: [2, 2], bias: true }],
    );
    const result = withFloat32Input(importOnnxModel(bytes));
    const [layer] = layersOf(result);
    const bias = (layer.bias as { data: number[] }).data;
    const wrong = { ...result.spec, layers: [{ ...layer, bias: { data: [bias[0] + 1e-3, bias[1]] } }] };
    await assert.rejects(
      compareWithOnnxRuntime(bytes, { ...result, spec: wrong, text: JSON.stringify(wrong) }),
      /tconv and onnxruntime differ/,
    );
  });

  it('long rows of weights fill lines rather than one number a line', () => {
    const { bytes } = convChain([1, 1, 5], [{ op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [40] }]);
    const result = importOnnxModel(bytes);
    const lines = result.text.split('\n');
    const numberLines = lines.filter((l) => /^\s*-?\d/.test(l));
    assert.ok(numberLines.length >= 4 && numberLines.length <= 10, `${numberLines.length} lines of numbers`);
    assert.ok(numberLines.every((l) => l.length <= 100));
    assert.deepEqual(JSON.parse(result.text), result.spec);
  });

  it('weights stored as float_data and as float64 read the same as raw_data', () => {
    const values = [0.5, -1.25, 3, 0.1];
    for (const [type, encoding] of [
      ['float', 'field'],
      ['double', 'raw'],
      ['double', 'field'],
    ] as const) {
      const bytes = buildModel({
        inputs: [{ name: 'X', shape: [1, 1, 3, 3] }],
        outputs: [{ name: 'Y' }],
        nodes: [{ op: 'ConvTranspose', inputs: ['X', 'W'], outputs: ['Y'] }],
        initializers: [{ name: 'W', dims: [1, 1, 2, 2], values, type, encoding }],
      });
      const kernel = layersOf(importOnnxModel(bytes))[0].kernel as { data: number[][][][] };
      // float32 0.1 is written as the shortest decimal that reads back as it: 0.1.
      assert.deepEqual(kernel.data.flat(3), values, `${type} ${encoding}`);
    }
  });

  it('asymmetric pads are written as pads (ONNX layout), symmetric ones as padding', () => {
    const { bytes } = convChain(
      [1, 1, 6, 6],
      [
        { op: 'Conv', inChannels: 1, outChannels: 2, kernel: [3, 3], attributes: { pads: [0, 1, 1, 0] } },
        {
          op: 'ConvTranspose',
          inChannels: 2,
          outChannels: 1,
          kernel: [3, 3],
          attributes: { pads: [2, 0, 1, 0], strides: [2, 2] },
        },
        { op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [3, 3], attributes: { pads: [1, 2, 1, 2] } },
      ],
    );
    const [conv, up, last] = layersOf(importOnnxModel(bytes));
    assert.deepEqual(conv.pads, [0, 1, 1, 0]);
    assert.equal(conv.padding, undefined);
    assert.deepEqual(up.pads, [2, 0, 1, 0]);
    assert.equal(up.padding, undefined);
    assert.deepEqual(last.padding, [1, 2]);
    assert.equal(last.pads, undefined);
  });

  it('auto_pad SAME_UPPER / SAME_LOWER become autoPad; VALID is no padding; output_shape becomes outputShape', () => {
    const { bytes } = convChain(
      [1, 1, 5, 5],
      [
        {
          op: 'Conv',
          inChannels: 1,
          outChannels: 1,
          kernel: [2, 2],
          attributes: { auto_pad: 'SAME_UPPER', pads: [9, 9, 9, 9] },
        },
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 1,
          kernel: [3, 3],
          attributes: { auto_pad: 'SAME_LOWER', strides: [2, 2] },
        },
        { op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [3, 3], attributes: { auto_pad: 'VALID' } },
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 1,
          kernel: [3, 3],
          attributes: { strides: [3, 2], output_shape: [37, 24], pads: [1, 1, 1, 1] },
        },
      ],
    );
    const [same, lower, valid, shaped] = layersOf(importOnnxModel(bytes));
    assert.equal(same.autoPad, 'SAME_UPPER');
    assert.equal(same.pads, undefined, 'pads are ignored under auto_pad');
    assert.equal(lower.autoPad, 'SAME_LOWER');
    assert.deepEqual(
      [valid.autoPad, valid.padding, valid.pads],
      [undefined, undefined, undefined],
      'VALID: zero padding, the default',
    );
    assert.deepEqual(shaped.outputShape, [37, 24]);
    assert.deepEqual([shaped.padding, shaped.pads], [undefined, undefined], 'pads follow from output_shape');
  });

  it('asymmetric pads, auto_pad SAME_UPPER / SAME_LOWER and output_shape specs equal onnxruntime-web', async () => {
    const models = [
      [{ op: 'Conv', inChannels: 1, outChannels: 2, kernel: [3, 3], attributes: { pads: [0, 1, 1, 0] } }],
      [
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 2,
          kernel: [3, 3],
          attributes: { pads: [2, 0, 1, 1], strides: [2, 2] },
        },
      ],
      [
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 1,
          kernel: [3, 3],
          attributes: { auto_pad: 'SAME_UPPER', strides: [2, 2] },
        },
      ],
      [
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 1,
          kernel: [4, 3],
          attributes: { auto_pad: 'SAME_LOWER', strides: [2, 3] },
        },
      ],
      [
        {
          op: 'Conv',
          inChannels: 1,
          outChannels: 1,
          kernel: [2, 3],
          attributes: { auto_pad: 'SAME_UPPER', strides: [2, 2] },
        },
      ],
      [
        {
          op: 'ConvTranspose',
          inChannels: 1,
          outChannels: 1,
          kernel: [3, 3],
          attributes: { strides: [3, 2], output_shape: [16, 10] },
        },
      ],
    ] satisfies ConvLayerSpec[][];
    for (const layers of models) {
      const { bytes } = convChain([1, 1, 5, 5], layers);
      await compareWithOnnxRuntime(bytes, withFloat32Input(importOnnxModel(bytes)));
    }
  });

  it('an element-wise op in the chain is left out and listed; an unsupported op stops it, and what follows is listed', () => {
    const { bytes } = convChain(
      [1, 4, 2, 2],
      [
        { op: 'ConvTranspose', inChannels: 4, outChannels: 2, kernel: [2, 2], attributes: { strides: [2, 2] } },
        { op: 'ConvTranspose', inChannels: 2, outChannels: 2, kernel: [2, 2], attributes: { strides: [2, 2] } },
        { op: 'ConvTranspose', inChannels: 2, outChannels: 1, kernel: [2, 2] },
      ],
      { between: { 0: 'Relu', 1: 'Flatten' } },
    );
    const result = importOnnxModel(bytes);
    assert.deepEqual(
      layersOf(result).map((l) => l.name),
      ['up0', 'up1'],
    );
    assert.deepEqual(
      result.notes.map((n) => [n.kind, n.op, n.node]),
      [
        ['notModelled', 'Relu', 'relu0'],
        ['stopped', 'Flatten', 'flatten1'],
        ['offPath', 'ConvTranspose', 'up2'],
      ],
    );
    assert.match(result.notes[1].message, /Flatten 'flatten1'.*stops here/);
    assert.match(String(result.spec.description), /Relu/);
    assert.match(String(result.spec.description), /Flatten/);
    assert.deepEqual(validClean(result).plan?.outputShape, [1, 2, 8, 8]);
  });

  it('the chain layers: MaxPool, Resize, Pad, Concat with a skip and Add of a residual', () => {
    const weights = (name: string, dims: number[]) => ({
      name,
      dims,
      values: seeded(
        dims.reduce((a, b) => a * b),
        3,
      ),
    });
    const bytes = buildModel({
      inputs: [{ name: 'X', shape: ['batch', 3, 16, 16] }],
      outputs: [{ name: 'Y' }],
      nodes: [
        { op: 'Conv', name: 'enc', inputs: ['X', 'We'], outputs: ['e'], attributes: { pads: [1, 1, 1, 1] } },
        { op: 'Relu', name: 'act', inputs: ['e'], outputs: ['e_relu'] },
        { op: 'Shape', name: 'shape', inputs: ['e_relu'], outputs: ['s'] },
        {
          op: 'MaxPool',
          name: 'pool',
          inputs: ['e_relu'],
          outputs: ['p'],
          attributes: { kernel_shape: [2, 2], strides: [2, 2] },
        },
        {
          op: 'AveragePool',
          name: 'avg',
          inputs: ['p'],
          outputs: ['q'],
          attributes: { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] },
        },
        {
          op: 'Resize',
          name: 'up',
          inputs: ['q', '', 'scales'],
          outputs: ['u'],
          attributes: { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' },
        },
        { op: 'Pad', name: 'pad', inputs: ['u', 'pads'], outputs: ['v'] },
        { op: 'Concat', name: 'skip', inputs: ['v', 'e_relu'], outputs: ['c'], attributes: { axis: 1 } },
        { op: 'Conv', name: 'dec', inputs: ['c', 'Wd'], outputs: ['d'], attributes: { pads: [1, 1, 1, 1] } },
        { op: 'Add', name: 'residual', inputs: ['d', 'c'], outputs: ['r'] },
        {
          op: 'Resize',
          name: 'bilinear',
          inputs: ['r', '', 'scales'],
          outputs: ['Y'],
          attributes: { mode: 'linear', coordinate_transformation_mode: 'align_corners' },
        },
      ],
      initializers: [
        weights('We', [4, 3, 3, 3]),
        weights('Wd', [8, 8, 3, 3]),
        { name: 'scales', dims: [4], values: [1, 1, 2, 2] },
        { name: 'pads', dims: [8], values: [0, 0, 0, 1, 0, 0, -1, 0], type: 'int64' },
      ],
    });
    const result = importOnnxModel(bytes);
    const layers = layersOf(result);
    assert.deepEqual(
      layers.map((l) => ({ ...l, kernel: undefined })),
      [
        { name: 'enc', type: 'conv', outChannels: 4, padding: 1, kernel: undefined },
        { name: 'pool', type: 'maxPool', kernelSize: 2, stride: 2, kernel: undefined },
        {
          name: 'avg',
          type: 'avgPool',
          kernelSize: 3,
          stride: 1,
          padding: 1,
          countIncludePad: false,
          kernel: undefined,
        },
        { name: 'up', type: 'upsample', scaleFactor: 2, kernel: undefined },
        { name: 'pad', type: 'pad', pads: [0, 1, -1, 0], kernel: undefined },
        { name: 'skip', type: 'concat', with: 'enc', kernel: undefined },
        { name: 'dec', type: 'conv', outChannels: 8, padding: 1, kernel: undefined },
        { name: 'residual', type: 'add', with: 'skip', kernel: undefined },
        { name: 'bilinear', type: 'upsample', scaleFactor: 2, mode: 'bilinear', alignCorners: true, kernel: undefined },
      ],
    );
    assert.deepEqual(result.inputShape, [1, 3, 16, 16]);
    assert.deepEqual(
      result.notes.map((n) => [n.kind, n.node]),
      [
        ['input', 'X'],
        ['notModelled', 'act'],
      ],
    );
  });

  it('a residual Add with a branch the walk does not follow is left out; the branch Conv is listed', () => {
    const bytes = buildModel({
      inputs: [{ name: 'X', shape: [1, 2, 4, 4] }],
      outputs: [{ name: 'Y' }],
      nodes: [
        {
          op: 'ConvTranspose',
          name: 'main',
          inputs: ['X', 'W1'],
          outputs: ['a'],
          attributes: { strides: [2, 2], kernel_shape: [2, 2] },
        },
        { op: 'ConvTranspose', name: 'shortcut', inputs: ['X', 'W2'], outputs: ['b'], attributes: { strides: [2, 2] } },
        { op: 'Add', name: 'sum', inputs: ['a', 'b'], outputs: ['Y'] },
      ],
      initializers: [
        { name: 'W1', dims: [2, 2, 2, 2], values: seeded(16, 1) },
        { name: 'W2', dims: [2, 2, 2, 2], values: seeded(16, 2) },
      ],
    });
    const result = importOnnxModel(bytes);
    assert.deepEqual(
      layersOf(result).map((l) => l.name),
      ['main'],
    );
    assert.deepEqual(
      result.notes.map((n) => [n.kind, n.node]),
      [
        ['offPath', 'shortcut'],
        ['branch', 'sum'],
      ],
    );
  });

  it('large kernels are written as kernel.shape with a note (weights "auto"); --weights all and none', () => {
    const { bytes } = convChain(
      [1, 64, 2, 2],
      [
        { op: 'ConvTranspose', inChannels: 64, outChannels: 32, kernel: [3, 3], bias: true },
        { op: 'ConvTranspose', inChannels: 32, outChannels: 1, kernel: [3, 3] },
      ],
    );
    const auto = importOnnxModel(bytes);
    const [big, small] = layersOf(auto);
    assert.deepEqual(big.kernel, { shape: [64, 32, 3, 3] }, '18,432 values: over 4096');
    assert.ok((big.bias as { data: number[] }).data.length === 32, 'the bias is small: written');
    assert.ok('data' in (small.kernel as object));
    assert.deepEqual(
      auto.notes.map((n) => [n.kind, n.node]),
      [['weightsOmitted', 'up0']],
    );
    assert.match(String(auto.spec.description), /Kernels not written.*up0/);
    assert.deepEqual(validClean(auto).plan?.outputShape, [1, 1, 6, 6]);
    const all = importOnnxModel(bytes, { weights: 'all' });
    assert.equal((layersOf(all)[0].kernel as { data: unknown[] }).data.length, 64);
    const none = importOnnxModel(bytes, { weights: 'none' });
    assert.deepEqual(
      layersOf(none).map((l) => [l.kernel, l.bias]),
      [
        [{ shape: [64, 32, 3, 3] }, true],
        [{ shape: [32, 1, 3, 3] }, undefined],
      ],
    );
    assert.ok(importOnnxModel(bytes, { maxKernelValues: 20_000 }).notes.length === 0);
  });

  it('the input shape: a symbolic batch becomes 1; other symbolic sizes need --input-shape, which overrides', () => {
    const symbolic = convChain(
      ['N', 2, 'H', 'W'],
      [{ op: 'ConvTranspose', inChannels: 2, outChannels: 1, kernel: [2, 2] }],
    );
    assert.throws(
      () => importOnnxModel(symbolic.bytes),
      (e: unknown) =>
        e instanceof OnnxImportError && e.code === 'input-shape' && /'H' \(axis 2\).*--input-shape/.test(e.message),
    );
    const given = importOnnxModel(symbolic.bytes, { inputShape: [2, 2, 5, 7] });
    assert.deepEqual(given.spec.input, { shape: [2, 2, 5, 7] });
    assert.deepEqual(validClean(given).plan?.outputShape, [2, 1, 6, 8]);
    assert.throws(
      () => importOnnxModel(symbolic.bytes, { inputShape: [5, 7] }),
      (e: unknown) => e instanceof OnnxImportError && e.code === 'input-shape',
    );
    const noShape = buildModel({
      inputs: [{ name: 'X' }],
      outputs: [{ name: 'Y' }],
      nodes: [{ op: 'ConvTranspose', inputs: ['X', 'W'], outputs: ['Y'] }],
      initializers: [{ name: 'W', dims: [1, 1, 2, 2], values: [1, 2, 3, 4] }],
    });
    assert.throws(() => importOnnxModel(noShape), /no declared shape/);
  });

  it('a corrupt file is a clear error, never a crash', () => {
    const { bytes } = convChain([1, 1, 2, 2], [{ op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [2, 2] }]);
    const garbage = Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256);
    for (const [what, data] of [
      ['truncated', bytes.subarray(0, bytes.length - 9)],
      ['garbage', garbage],
      ['text', new TextEncoder().encode('{"this": "is JSON, not ONNX"}')],
      ['empty', new Uint8Array(0)],
    ] as const) {
      assert.throws(
        () => importOnnxModel(data),
        (e: unknown) =>
          e instanceof OnnxImportError && (e.code === 'not-onnx' || e.code === 'no-graph') && /ONNX/.test(e.message),
        what,
      );
    }
  });

  it('a model with no convolution at all is a clear error naming where the walk ended', () => {
    const bytes = buildModel({
      inputs: [{ name: 'X', shape: [1, 8] }],
      outputs: [{ name: 'Y' }],
      nodes: [
        { op: 'Relu', name: 'r', inputs: ['X'], outputs: ['h'] },
        { op: 'Gemm', name: 'fc', inputs: ['h', 'W'], outputs: ['Y'] },
      ],
      initializers: [{ name: 'W', dims: [8, 4], values: seeded(32, 1) }],
    });
    assert.throws(
      () => importOnnxModel(bytes),
      (e: unknown) => e instanceof OnnxImportError && e.code === 'input-shape',
      'a rank-2 input is not a convolution input',
    );
    const image = buildModel({
      inputs: [{ name: 'X', shape: [1, 1, 4, 4] }],
      outputs: [{ name: 'Y' }],
      nodes: [
        { op: 'Relu', name: 'r', inputs: ['X'], outputs: ['h'] },
        { op: 'Flatten', name: 'flat', inputs: ['h'], outputs: ['Y'] },
      ],
    });
    assert.throws(
      () => importOnnxModel(image),
      (e: unknown) =>
        e instanceof OnnxImportError &&
        e.code === 'no-conv' &&
        /no Conv or ConvTranspose on the path from input 'X'.*Flatten 'flat'/.test(e.message),
    );
  });

  it('the decoder reads what onnx-proto encodes, with int64 fields as numbers', () => {
    const { bytes } = convChain([1, 1, 3, 3], [{ op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [2, 2] }]);
    const model = onnx.ModelProto.decode(bytes);
    assert.equal(model.graph?.node?.[0].opType, 'ConvTranspose');
    assert.equal(importOnnxModel(bytes).text.endsWith('\n'), true);
  });
});

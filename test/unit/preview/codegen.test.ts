import { strict as assert } from 'node:assert';
import { convOutputSize, effectiveKernel } from '../../../src/engine';
import type { CodeFramework, LayerPayload } from '../../../src/webviewProtocol';
import { codeSnippets } from '../../../src/preview/codegen';
import { commentText } from '../../../src/preview/codegen/pythonText';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { example, layerOf, payloadOf, spec } from './helpers';

function code(layer: LayerPayload, framework: CodeFramework): string {
  const snippet = layer.code.find((s) => s.framework === framework);
  assert.ok(snippet, framework);
  return snippet.code;
}

function includesAll(text: string, parts: readonly string[]): void {
  for (const part of parts) assert.ok(text.includes(part), `missing ${JSON.stringify(part)} in:\n${text}`);
}

describe('code snippets', () => {
  const dcgan = payloadOf(example('dcgan-generator'));
  const up1 = layerOf(dcgan, 'layer-1');

  it('PyTorch: nn.ConvTranspose2d with every argument and the weight layout', () => {
    includesAll(code(up1, 'pytorch'), [
      'layer = nn.ConvTranspose2d(',
      'in_channels=512,',
      'out_channels=256,',
      'kernel_size=4,',
      'stride=2,',
      'padding=1,',
      'output_padding=0,',
      'dilation=1,',
      'groups=1,',
      'bias=False,',
      '# layer.weight: (in_channels, out_channels // groups, kH, kW) = (512, 256, 4, 4)',
      'x = torch.randn(1, 512, 4, 4, dtype=torch.float64)',
      'assert y.shape == (1, 256, 8, 8)',
    ]);
  });

  it("PyTorch: small layers carry their values and the engine's output to assert against", () => {
    const layer = layerOf(payloadOf(example('d2l-stride')), 'layer-0');
    includesAll(code(layer, 'pytorch'), [
      'layer.weight.copy_(torch.tensor([[[[0, 1], [2, 3]]]], dtype=torch.float64))',
      'torch.testing.assert_close(y, torch.tensor([[[[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]]], dtype=torch.float64))',
    ]);
  });

  it('TensorFlow: Keras kernel layout (kH, kW, out, in); DCGAN\'s padding 1 with k4 s2 is padding="same"', () => {
    includesAll(code(up1, 'tensorflow'), [
      'tf.keras.layers.Conv2DTranspose(',
      'filters=256,',
      'kernel_size=(4, 4),',
      'strides=(2, 2),',
      'padding="same",',
      'output_padding=None,',
      'np.transpose(w, (2, 3, 1, 0))',
      'np.transpose(x, (0, 2, 3, 1))',
    ]);
    assert.ok(!code(up1, 'tensorflow').includes('Cropping2D'));
  });

  it('TensorFlow: padding with no Keras equivalent becomes "valid" plus Cropping2D', () => {
    const layer = layerOf(payloadOf(example('d2l-padding')), 'layer-0');
    includesAll(code(layer, 'tensorflow'), [
      'padding="valid",',
      'output_padding=(0, 0),',
      'tf.keras.layers.Cropping2D(((1, 1), (1, 1)))(y_tf)',
    ]);
    assert.ok(layer.code.find((s) => s.framework === 'tensorflow')?.notes.some((n) => n.includes('Cropping')));
  });

  it('TensorFlow: output_padding below the stride is passed through (ONNX asymmetric example)', () => {
    const layer = layerOf(payloadOf(example('onnx-asymmetric-stride')), 'layer-0');
    includesAll(code(layer, 'tensorflow'), [
      'padding="valid",',
      'output_padding=(1, 1),',
      'strides=(3, 2),',
      'dtype="float32"',
    ]);
  });

  it('TensorFlow: output_padding ≥ stride (dilation > stride) becomes ZeroPadding2D', () => {
    const text = spec({ input: { shape: [3, 3] }, layer: { kernelSize: 2, dilation: 3, outputPadding: 2 } });
    includesAll(code(layerOf(payloadOf(text), 'layer-0'), 'tensorflow'), [
      'output_padding=(0, 0),',
      'tf.keras.layers.ZeroPadding2D(((0, 2), (0, 2)))(y_tf)',
    ]);
  });

  it('TensorFlow: grouped layers run one Conv2DTranspose per group', () => {
    const text = spec({ input: { shape: [4, 3, 3] }, layer: { outChannels: 6, kernelSize: 2, groups: 2 } });
    includesAll(code(layerOf(payloadOf(text), 'layer-0'), 'tensorflow'), [
      'groups = 2',
      'xs = np.split(x_tf, groups, axis=-1)',
      'filters=3,',
      'y_tf = tf.concat(parts, axis=-1)',
    ]);
  });

  it('ONNX: ConvTranspose attributes, pads as begins then ends', () => {
    includesAll(code(up1, 'onnx'), [
      '"ConvTranspose",',
      'kernel_shape=[4, 4],',
      'strides=[2, 2],',
      'pads=[1, 1, 1, 1],',
      'output_padding=[0, 0],',
      'dilations=[1, 1],',
      'group=1,',
      'TensorProto.DOUBLE',
    ]);
    const asym = layerOf(payloadOf(example('onnx-asymmetric-stride')), 'layer-0');
    includesAll(code(asym, 'onnx'), ['strides=[3, 2],', 'output_padding=[1, 1],', 'TensorProto.FLOAT']);
  });

  it('JAX: conv_general_dilated with the stride as lhs_dilation and the padding pairs', () => {
    includesAll(code(up1, 'jax'), [
      'lax.conv_general_dilated(',
      'padding=[(2, 2), (2, 2)],',
      'lhs_dilation=(2, 2),',
      'feature_group_count=1,',
      'transpose_kernel=True,',
      'jax_enable_x64',
    ]);
    const asym = layerOf(payloadOf(example('onnx-asymmetric-stride')), 'layer-0');
    includesAll(code(asym, 'jax'), ['padding=[(2, 3), (2, 3)],', 'lhs_dilation=(3, 2),']);
    assert.ok(!code(asym, 'jax').includes('jax_enable_x64'));
  });

  it("JAX: the padding pairs give PyTorch's output size for every example layer", () => {
    for (const name of [
      'd2l-stride',
      'd2l-padding',
      'dcgan-generator',
      'onnx-dilation',
      'onnx-asymmetric-stride',
      'unet-decoder-odd',
    ]) {
      for (const layer of payloadOf(example(name)).layers.filter((l) => l.kind === 'convTranspose')) {
        const text = code(layer, 'jax');
        const pairs = /padding=\[([^\]]*)\]/.exec(text)?.[1] ?? '';
        const pads = [...pairs.matchAll(/\((-?\d+), (-?\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
        layer.dims.forEach((d, i) => {
          // Dilate the input by the stride, pad, then a stride-1 correlation with the dilated kernel:
          const dilated = (d.inSize - 1) * d.stride + 1;
          const out = dilated + pads[i][0] + pads[i][1] - effectiveKernel(d.kernel, d.dilation) + 1;
          assert.equal(out, d.out, `${name} ${layer.name} ${d.axis}`);
        });
      }
    }
  });

  it("forward convolutions: nn.Conv2d, Keras Conv2D, ONNX Conv, lax with PyTorch's padding", () => {
    const conv = layerOf(payloadOf(example('d2l-kernel2matrix')), 'layer-0');
    includesAll(code(conv, 'pytorch'), ['nn.Conv2d(', '(out_channels, in_channels // groups, kH, kW)']);
    assert.ok(!code(conv, 'pytorch').includes('output_padding'));
    includesAll(code(conv, 'tensorflow'), ['tf.keras.layers.Conv2D(', 'padding="valid",']);
    includesAll(code(conv, 'onnx'), ['"Conv",']);
    assert.ok(!code(conv, 'onnx').includes('output_padding'));
    includesAll(code(conv, 'jax'), ['window_strides=(1, 1),', 'padding=[(0, 0), (0, 0)],']);
    assert.equal(convOutputSize({ inSize: 3, kernel: 2, stride: 1, padding: 0, dilation: 1 }), 2);
  });

  it('1-D layers: ConvTranspose1d, Conv1DTranspose, NCH dimension numbers', () => {
    const text = spec({
      dims: 1,
      input: { shape: [2, 5] },
      layer: { outChannels: 3, kernelSize: 3, stride: 2, padding: 1 },
    });
    const layer = layerOf(payloadOf(text), 'layer-0');
    includesAll(code(layer, 'pytorch'), ['nn.ConvTranspose1d(', '(in_channels, out_channels // groups, k)']);
    includesAll(code(layer, 'tensorflow'), ['Conv1DTranspose(', 'np.transpose(w, (2, 1, 0))', 'Cropping1D((1, 1))']);
    includesAll(code(layer, 'jax'), ['("NCH", "OIH", "NCH")', '[:, :, ::-1]']);
  });

  it('padding modes in each framework\'s own terms: Keras "same", ONNX auto_pad / output_shape, a trim', () => {
    const keras = layerOf(payloadOf(example('keras-same-generator')), 'layer-1');
    includesAll(code(keras, 'tensorflow'), ['padding="same",', 'output_padding=None,']);
    assert.ok(!code(keras, 'tensorflow').includes('Cropping2D'), 'no PyTorch slice translated into Keras');
    includesAll(code(keras, 'onnx'), ['pads=[1, 1, 2, 2],']);
    includesAll(code(keras, 'jax'), ['padding=[(3, 2), (3, 2)],']);
    const autoPad = layerOf(payloadOf(example('onnx-autopad-same')), 'layer-0');
    includesAll(code(autoPad, 'onnx'), ['auto_pad="SAME_UPPER",']);
    assert.ok(!code(autoPad, 'onnx').includes('pads='));
    includesAll(code(autoPad, 'tensorflow'), ['padding="same",']);
    const outputShape = layerOf(payloadOf(example('onnx-output-shape')), 'layer-0');
    includesAll(code(outputShape, 'onnx'), ['output_shape=[10, 8],']);
    assert.ok(!code(outputShape, 'onnx').includes('auto_pad stays NOTSET'));
    const encodec = payloadOf(example('encodec-causal-decoder'));
    const up = layerOf(encodec, 'layer-0');
    includesAll(code(up, 'tensorflow'), ['tf.keras.layers.Cropping1D((0, 8))(y_tf)']);
    includesAll(code(up, 'onnx'), ['pads=[0, 8],  # rows dropped from the canvas, the trim included']);
    includesAll(code(up, 'pytorch'), ['y = y[..., 0:64]']);
    const toAudio = layerOf(encodec, 'layer-4');
    includesAll(code(toAudio, 'tensorflow'), [
      'x_tf = tf.keras.layers.ZeroPadding1D((6, 0))(x_tf)',
      'padding="valid",',
    ]);
    includesAll(code(toAudio, 'onnx'), ['pads=[6, 0],']);
    includesAll(code(toAudio, 'jax'), ['padding=[(6, 0)],']);
  });

  it("a convolution's trim is a Slice node in ONNX, Cropping in Keras and a slice in JAX", () => {
    const text = spec({
      input: { shape: [2, 6, 7] },
      layer: { type: 'conv', outChannels: 3, kernelSize: 3, padding: 1, trim: { begin: [1, 0], end: [0, 2] } },
    });
    const layer = layerOf(payloadOf(text), 'layer-0');
    includesAll(code(layer, 'onnx'), ['"Slice",', 'inputs=["untrimmed", "starts", "ends", "axes"],', 'initializer=[']);
    includesAll(code(layer, 'tensorflow'), ['tf.keras.layers.Cropping2D(((1, 0), (0, 2)))(y_tf)', 'padding="same",']);
    includesAll(code(layer, 'jax'), ['y = y[:, :, 1:6, 0:5]  # the trim']);
  });

  it('output_padding ≥ stride (dilation > stride): ONNX appends the rest with Pad, then adds the bias', () => {
    const text = spec({
      input: { shape: [3, 3] },
      layer: { kernelSize: 2, dilation: 3, outputPadding: 2, bias: true },
    });
    const onnx = code(layerOf(payloadOf(text), 'layer-0'), 'onnx');
    includesAll(onnx, ['"Pad",', '"Add",', 'inputs=["x", "w"],']);
    assert.ok(!onnx.includes('output_padding=[2, 2]'), onnx);
  });

  it('a layer the engine ran on its float32 fast path asserts within 1e-4 of max |output| (written out past the cap)', () => {
    // The preview writes out tensors of at most 64 elements, too few for the fast path; scripts/check_codegen.py
    // writes out more.
    const text = spec({ input: { shape: [256, 4, 4] }, layer: { outChannels: 16, kernelSize: 4 } });
    const { spec: model, plan } = validateSpec(text);
    assert.ok(model && plan);
    const evaluation = evaluateSpec(model, plan);
    assert.equal(evaluation.usedFastPath, true);
    const [pytorch, , onnx] = codeSnippets(plan.layers[0], 'float64', evaluation.layers[0], 1e6);
    includesAll(pytorch.code, [
      '# tconv computed this on its float32 fast path',
      'atol=1e-4 * expected.abs().max().item()',
    ]);
    includesAll(onnx.code, ['atol=1e-4 * np.abs(expected).max()']);
    const exact = codeSnippets(plan.layers[0], 'float64', evaluation.layers[0], 1e6, 'exact')[0];
    assert.ok(!exact.code.includes('fast path'));
  });

  it('user text cannot leave a comment or hide behind bidi controls', () => {
    assert.equal(commentText('a\nimport os\r\u202Eb'), 'a\\u000aimport os\\u000d\\u202eb');
    const text = spec({
      input: { shape: [2, 2] },
      layer: { name: 'x\nos.system("rm -rf /")  # \u202E', kernelSize: 2 },
    });
    const layer = layerOf(payloadOf(text), 'layer-0');
    for (const snippet of layer.code) {
      assert.ok(!snippet.code.split('\n').some((line) => line.startsWith('os.system')), snippet.framework);
      assert.ok(!snippet.code.includes('\u202E'), snippet.framework);
    }
  });
});

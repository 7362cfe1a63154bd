// The whole chain's code (the Code view's "Whole chain"): every layer type in every framework, the skip connections
// kept in variables, names made into Python identifiers, values written out when the chain is small. The values of
// the same code are checked by codegenOnnx.test.ts (onnxruntime-web), codegenKeras.test.ts (TensorFlow.js) and
// scripts/check_codegen.py (PyTorch).
import { strict as assert } from 'node:assert';
import type { CodeFramework, PreviewPayload } from '../../../src/webviewProtocol';
import { pythonIdentifiers } from '../../../src/preview/codegen/chain/names';
import { CODEGEN_SPECS } from './codegenSpecs';
import { example, payloadOf, spec } from './helpers';

function chainCode(payload: PreviewPayload, framework: CodeFramework): string {
  const snippet = payload.chainCode?.find((s) => s.framework === framework);
  assert.ok(snippet, `no ${framework} chain code`);
  return snippet.code;
}

function includesAll(text: string, parts: readonly string[]): void {
  for (const part of parts) assert.ok(text.includes(part), `missing ${JSON.stringify(part)} in:\n${text}`);
}

describe('whole-chain code', () => {
  const unet = payloadOf(example('unet-skips'));

  it('is in the payload for chains of more than one layer only, in the four frameworks', () => {
    assert.deepEqual(
      unet.chainCode?.map((s) => s.framework),
      ['pytorch', 'tensorflow', 'onnx', 'jax'],
    );
    assert.equal(payloadOf(example('d2l-stride')).chainCode, undefined);
  });

  it('PyTorch: an nn.Module with a submodule per layer; the skips kept and torch.cat-ed', () => {
    includesAll(chainCode(unet, 'pytorch'), [
      'class Chain(nn.Module):',
      'self.inc_a = nn.Conv2d(3, 8, kernel_size=3, stride=1, padding=1, bias=False, dtype=torch.float64)',
      'self.pool1 = nn.MaxPool2d(kernel_size=2, stride=2, padding=0)',
      'self.up2 = nn.ConvTranspose2d(16, 8, kernel_size=2, stride=2, padding=0, output_padding=1, bias=False',
      '        enc1 = x  # kept for the skip connection',
      '        x = torch.cat([x, enc2], dim=1)  # cat1: 1×32×22×22',
      '        x = torch.cat([x, enc1], dim=1)  # cat2: 1×16×45×45',
      '        return x',
      'model = Chain()',
      'x = torch.rand(1, 3, 45, 45, dtype=torch.float64)',
      'assert y.shape == (1, 2, 45, 45)',
    ]);
    // Kernels without init get PyTorch's default init in the module and in tconv alike: nothing to copy.
    assert.ok(!chainCode(unet, 'pytorch').includes('.weight.copy_('));
  });

  it('TensorFlow / Keras: channels last, Keras layers, Concatenate with the kept output', () => {
    includesAll(chainCode(unet, 'tensorflow'), [
      'h = np.transpose(x, (0, 2, 3, 1))',
      'h = conv_layer(tf.keras.layers.Conv2D(filters=8, kernel_size=(3, 3), strides=(1, 1), padding="same"',
      'h = tf.keras.layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="valid", dtype="float64")(h)',
      'h = conv_layer(tf.keras.layers.Conv2DTranspose(filters=8, kernel_size=(2, 2), strides=(2, 2), padding="valid", output_padding=(1, 1)',
      'enc2 = h  # kept for the skip connection',
      'h = tf.keras.layers.Concatenate(axis=-1, dtype="float64")([h, enc2])',
      '"enc1.weight": torch_default((8, 8, 3, 3), fan_in=72),',
      'y = np.transpose(np.asarray(h), (0, 3, 1, 2))',
    ]);
  });

  it('ONNX: one graph, each output named after its layer, Concat naming the output it joins', () => {
    includesAll(chainCode(unet, 'onnx'), [
      '"MaxPool",',
      'inputs=["enc1"],',
      '"Concat",',
      'inputs=["up1", "enc2"],',
      'outputs=["y"],',
      'initializers = [numpy_helper.from_array(value, name=name) for name, value in params.items()]',
      '(y,) = ReferenceEvaluator(model).run(None, {"x": x})',
    ]);
  });

  it('JAX: lax primitives on NCHW, reduce_window pooling, jnp.concatenate with the kept output', () => {
    includesAll(chainCode(unet, 'jax'), [
      'DN = ("NCHW", "OIHW", "NCHW")',
      'h = lax.reduce_window(h, jnp.array(-jnp.inf, h.dtype), lax.max, (1, 1, 2, 2), (1, 1, 2, 2), [(0, 0), (0, 0), (0, 0), (0, 0)]',
      'transposed_kernel(params["up2.weight"], 1),',
      'lhs_dilation=(2, 2),',
      'h = jnp.concatenate([h, enc1], axis=1)',
    ]);
  });

  it('every other layer type, in each framework', () => {
    const payload = payloadOf(JSON.stringify(CODEGEN_SPECS[0].spec));
    includesAll(chainCode(payload, 'pytorch'), [
      'self.avg = nn.AvgPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)',
      'self.near = nn.Upsample(scale_factor=2, mode="nearest")',
      'self.bilinear = nn.Upsample(size=(9, 7), mode="bilinear", align_corners=True)',
      'self.padded = nn.ConstantPad2d((-1, 2, 1, 0), value=-0.5)',
      'x = x[:, :, 1:9, 1:7]  # cropped: 2×5×8×6',
      'x = x + up  # sum: 2×5×16×12',
      'x = self.stem(F.pad(x, (0, 1, 1, 2)))',
    ]);
    includesAll(chainCode(payload, 'tensorflow'), [
      'h = tf.keras.layers.AveragePooling2D(pool_size=(3, 3), strides=(2, 2), padding="same"',
      'h = tf.keras.layers.UpSampling2D(size=(2, 2), interpolation="nearest"',
      'i0, i1, w1 = linear_taps(4, 9, None, align_corners=True)',
      'h = tf.pad(h, [[0, 0], [1, 0], [0, 2], [0, 0]], constant_values=-0.5)',
      'h = tf.keras.layers.Add(dtype="float64")([h, up])',
      'def linear_taps(in_size, out_size, scale, align_corners):',
    ]);
    includesAll(chainCode(payload, 'onnx'), [
      '"AveragePool",',
      'count_include_pad=0,',
      'ceil_mode=1,',
      '"Resize",',
      'coordinate_transformation_mode="align_corners",',
      'nearest_mode="floor",',
      '"Pad",',
      'numpy_helper.from_array(np.array([0, 0, 1, -1, 0, 0, 0, 2], dtype=np.int64), name="padded.pads"),',
      '"Slice",',
      '"Add",',
    ]);
    includesAll(chainCode(payload, 'jax'), [
      'h = jnp.repeat(h, 2, axis=2)',
      'h = lax.pad(h, jnp.array(-0.5, h.dtype), [(0, 0, 0), (0, 0, 0), (1, 0, 0), (-1, 2, 0)])',
      'h = h[:, :, 1:9, 1:7]',
      'counted = jnp.pad(',
    ]);
  });

  it("a round trip: the forward convolution takes the transposed layer's kernel", () => {
    const payload = payloadOf(example('d2l-exercise1'));
    const pytorch = chainCode(payload, 'pytorch');
    includesAll(pytorch, [
      'self.forward_layer = nn.Conv2d(',
      'model.layer.weight.copy_(torch.tensor([[[[1, 2], [3, 4]]]], dtype=torch.float64))',
      'model.forward_layer.weight.copy_(model.layer.weight.reshape(1, 1, 2, 2))',
      // Every tensor is small and exact (arange, data): the engine's output to assert against.
      'torch.testing.assert_close(y, torch.tensor([[[[27, 91, 74], [138, 400, 282], [171, 429, 268]]]], dtype=torch.float64))',
    ]);
    assert.ok(pytorch.indexOf('model.layer.weight.copy_') < pytorch.indexOf('model.forward_layer.weight.copy_'));
    includesAll(chainCode(payload, 'onnx'), ['"Reshape",', 'inputs=["layer.weight", "forward_layer.shape"],']);
  });

  it('layer names become distinct Python identifiers that no keyword or generated name takes', () => {
    // A submodule named like an nn.Module method would be hidden by it (self.train is the method).
    assert.deepEqual(pythonIdentifiers(['train', 'add_module', 'pool']), [
      'train_layer',
      'add_module_layer',
      'pool_layer',
    ]);
    assert.deepEqual(pythonIdentifiers(['inc-a', 'up ×8', '2nd', 'in', 'forward', 'x', 'up_8', '', 'model']), [
      'inc_a',
      'up_8',
      'l_2nd',
      'in_layer',
      'forward_layer',
      'x_layer',
      'up_8_2',
      'layer',
      'model_layer',
    ]);
    const text = spec({
      input: { shape: [1, 2, 4, 4] },
      layers: [
        { name: 'x', type: 'conv', outChannels: 2, kernelSize: 1 },
        { name: 'class', type: 'add', with: 'input' },
      ],
    });
    includesAll(chainCode(payloadOf(text), 'pytorch'), [
      'self.x_layer = nn.Conv2d(',
      '        x_in = x  # kept for the skip connection',
      '        x = x + x_in  # class: 1×2×4×4',
    ]);
  });

  it('layer names stay inside comments (no line breaks, no bidi controls)', () => {
    const text = spec({
      input: { shape: [1, 1, 4, 4] },
      layers: [
        { name: 'a\nimport os', type: 'conv', kernelSize: 1 },
        { name: 'b\u202E', type: 'maxPool', kernelSize: 2 },
      ],
    });
    for (const snippet of payloadOf(text).chainCode ?? []) {
      assert.ok(!snippet.code.split('\n').some((line) => line.startsWith('import os')), snippet.framework);
      assert.ok(!snippet.code.includes('\u202E'), snippet.framework);
    }
  });
});

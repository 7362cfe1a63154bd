// tconv/importOnnx: the server reads the model (the extension host only sends its bytes, base64) and answers with
// the spec's text, or with the import error's code for the command to act on (asking for an input shape).
import { strict as assert } from 'node:assert';
import { ImportOnnxRequest } from '../../../src/server/protocol';
import { validateSpec } from '../../../src/specFile';
import { convChain } from '../onnx/onnxModels';
import { ServerHarness } from './harness';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('server: tconv/importOnnx', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start();
  });
  afterEach(() => harness.dispose());

  const up = { strides: [2, 2], pads: [1, 1, 1, 1] };
  const chain = (inputShape: (number | string)[]) =>
    convChain(inputShape, [
      { op: 'ConvTranspose', inChannels: 8, outChannels: 4, kernel: [4, 4], bias: true, attributes: up },
      { op: 'ConvTranspose', inChannels: 4, outChannels: 1, kernel: [4, 4], attributes: up },
    ]).bytes;

  it('answers with a spec that validates clean, its layers counted', async () => {
    const result = await harness.client.sendRequest(ImportOnnxRequest, {
      base64: base64(chain(['batch', 8, 4, 4])),
      fileName: '/models/decoder.onnx',
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.layerCounts, { convTranspose: 2 });
    const { diagnostics, plan } = validateSpec(result.text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(plan?.outputShape, [1, 1, 16, 16]);
  });

  it('a symbolic spatial size is the input-shape error, and the shape sent next time is used', async () => {
    const bytes = base64(chain(['batch', 8, 'height', 'width']));
    const first = await harness.client.sendRequest(ImportOnnxRequest, { base64: bytes, fileName: 'm.onnx' });
    assert.equal(first.ok, false);
    assert.equal(first.ok ? '' : first.code, 'input-shape');
    const second = await harness.client.sendRequest(ImportOnnxRequest, {
      base64: bytes,
      fileName: 'm.onnx',
      inputShape: [1, 8, 5, 5],
    });
    assert.ok(second.ok, JSON.stringify(second));
    assert.deepEqual(validateSpec(second.text).plan?.outputShape, [1, 1, 20, 20]);
  });

  it('bytes that are not a model: not-onnx, not a crash', async () => {
    const result = await harness.client.sendRequest(ImportOnnxRequest, {
      base64: base64(new TextEncoder().encode('{"not": "a model"}')),
      fileName: 'x.onnx',
    });
    assert.equal(result.ok ? 'ok' : result.code, 'not-onnx');
  });
});

// tconv/verify and tconv/preview: on the server's copy of an open spec (its current version), or on the text the
// client sends for a file it has not opened (version null).
import { strict as assert } from 'node:assert';
import { PlanesRequest, PreviewRequest, VerifyRequest } from '../../../src/server/protocol';
import { BROKEN_DIR, EXAMPLES_DIR, readText } from '../specFile/helpers';
import { ServerHarness } from './harness';
import { positionAt } from './positions';

const STRIDE = readText(EXAMPLES_DIR, 'd2l-stride.tconv.json');
const BROKEN = readText(BROKEN_DIR, 'channel-mismatch.tconv.json');
const OPEN = 'file:///specs/open.tconv.json';
const CLOSED = 'file:///specs/closed.tconv.json';

describe('server: tconv/verify and tconv/preview', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start();
  });
  afterEach(() => harness.dispose());

  it('verify on an open spec: its current version, whatever text comes with the request', async () => {
    await harness.openDocument(OPEN, STRIDE);
    const clean = await harness.client.sendRequest(VerifyRequest, { uri: OPEN });
    assert.equal(clean.version, 1);
    assert.equal(clean.error, undefined);
    assert.equal(clean.verification?.passed, true);
    assert.deepEqual(clean.layerPositions, [{ line: 6, column: 3 }], 'where "layer" starts, 1-based');
    const digit = STRIDE.indexOf('"stride": 2') + '"stride": '.length;
    const version = await harness.change(OPEN, {
      range: { start: positionAt(STRIDE, digit), end: positionAt(STRIDE, digit + 1) },
      text: '3',
    });
    const edited = await harness.client.sendRequest(VerifyRequest, { uri: OPEN, text: STRIDE });
    assert.equal(edited.version, version);
    assert.equal(edited.verification, undefined, 'stride 3 contradicts expect.outputShape, so nothing is verified');
    assert.match(edited.error ?? '', /errors/);
    assert.ok(
      edited.diagnostics.some((d) => d.code === 'expected-shape' && d.message.includes('5×5')),
      edited.diagnostics.map((d) => d.message).join(' | '),
    );
  });

  it('verify on a text the server does not have open: that text, version null', async () => {
    const clean = await harness.client.sendRequest(VerifyRequest, { uri: CLOSED, text: STRIDE });
    assert.equal(clean.version, null);
    assert.equal(clean.verification?.passed, true);
    const broken = await harness.client.sendRequest(VerifyRequest, { uri: CLOSED, text: BROKEN });
    assert.equal(broken.version, null);
    assert.equal(broken.verification, undefined);
    assert.deepEqual(
      broken.diagnostics.map((d) => d.code),
      ['channel-mismatch'],
    );
  });

  it('verify on a spec neither open nor sent fails, naming it', async () => {
    await assert.rejects(harness.client.sendRequest(VerifyRequest, { uri: CLOSED }), (e: Error) =>
      e.message.includes(CLOSED),
    );
  });

  it('preview of a clean spec: ok, with a payload of its layer', async () => {
    const preview = await harness.client.sendRequest(PreviewRequest, { uri: CLOSED, text: STRIDE });
    assert.equal(preview.version, null);
    assert.ok(preview.ok, preview.ok ? '' : preview.message);
    assert.equal(preview.payload.title, JSON.parse(STRIDE).name);
    assert.equal(preview.payload.layers.length, 1);
  });

  it('preview of a broken spec: not ok, with its diagnostics', async () => {
    const preview = await harness.client.sendRequest(PreviewRequest, { uri: CLOSED, text: BROKEN });
    assert.ok(!preview.ok, 'a spec with errors has no preview');
    assert.ok(preview.message.length > 0);
    assert.deepEqual(
      preview.diagnostics.map((d) => [d.code, d.line, d.column]),
      [['channel-mismatch', 8, 36]],
    );
  });

  it('preview of an open spec: its current version', async () => {
    await harness.openDocument(OPEN, BROKEN);
    const version = await harness.replaceAll(OPEN, STRIDE);
    const preview = await harness.client.sendRequest(PreviewRequest, { uri: OPEN });
    assert.equal(preview.version, version);
    assert.ok(preview.ok);
  });

  it('planes of an open spec: the focused planes of its current version, and nothing else', async () => {
    const spec = (kernelSize: number) =>
      JSON.stringify({ input: { shape: [1, 2, 8, 8] }, layer: { outChannels: 3, kernelSize, stride: 2 } });
    await harness.openDocument(OPEN, spec(2));
    const focus = { layerId: 'layer-0', batch: 0, inChannel: 1, outChannel: 2 };
    const first = await harness.client.sendRequest(PlanesRequest, { uri: OPEN, focus });
    assert.equal(first.version, 1);
    assert.equal(first.planes.note, null);
    assert.deepEqual(
      [first.planes.input?.firstPlane, first.planes.weight?.firstPlane, first.planes.output?.firstPlane],
      [1, 1 * 3 + 2, 2],
    );
    assert.deepEqual(first.planes.output?.planeShape, [16, 16]);
    assert.equal(first.planes.output?.data.length, 16 * 16, 'one plane of the three');
    // The kept layer tensors are of version 1: version 2 is evaluated anew.
    const version = await harness.replaceAll(OPEN, spec(3));
    const second = await harness.client.sendRequest(PlanesRequest, { uri: OPEN, focus });
    assert.equal(second.version, version);
    assert.deepEqual(second.planes.output?.planeShape, [17, 17]);
    const unknown = await harness.client.sendRequest(PlanesRequest, {
      uri: OPEN,
      focus: { ...focus, layerId: 'layer-9' },
    });
    assert.match(unknown.planes.note ?? '', /no layer layer-9/);
  });
});

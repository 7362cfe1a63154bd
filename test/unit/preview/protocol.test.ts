import { strict as assert } from 'node:assert';
import { PROTOCOL_VERSION, type PreviewState } from '../../../src/webviewProtocol';
import { isHostMessage, isPreviewState, isWebviewMessage } from '../../../src/webviewMessageGuards';
import { example, payloadOf } from './helpers';

const state: PreviewState = {
  documentUri: 'file:///a.tconv.json',
  view: 'matrix',
  layerId: 'layer-0',
  batch: 0,
  inChannel: 1,
  outChannel: 2,
  step: 3,
  zoom: 1.5,
};

describe('protocol guards', () => {
  it('accepts every webview message the webview sends', () => {
    for (const m of [
      { type: 'ready', protocol: PROTOCOL_VERSION, state: null },
      { type: 'ready', protocol: PROTOCOL_VERSION, state },
      { type: 'reveal', offset: 10, length: 3 },
      { type: 'command', command: 'verify' },
      { type: 'command', command: 'toggleSymbolic' },
      { type: 'command', command: 'openSpec' },
      { type: 'selection', layerId: 'layer-1', batch: 0, inChannel: 0, outChannel: 4 },
      { type: 'copy', text: 'import torch' },
      { type: 'requestPlanes', layerId: 'layer-2', batch: 1, inChannel: 0, outChannel: 7 },
      { type: 'requestPlanes', layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0, depth: 3 },
    ]) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
    }
  });

  it('rejects malformed webview messages (the host treats them as untrusted)', () => {
    for (const m of [
      null,
      'ready',
      [],
      { type: 'ready' },
      { type: 'ready', protocol: 1, state: { view: 'nope' } },
      { type: 'reveal', offset: -1, length: 3 },
      { type: 'reveal', offset: 1.5, length: 3 },
      { type: 'reveal', offset: '1', length: 3 },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'selection', layerId: 5, batch: 0, inChannel: 0, outChannel: 0 },
      { type: 'selection', layerId: 'layer-0', batch: -1, inChannel: 0, outChannel: 0 },
      { type: 'copy', text: 'x'.repeat(1_000_001) },
      { type: 'requestPlanes', layerId: 'layer-0', batch: 0, inChannel: 0 },
      { type: 'requestPlanes', layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0, depth: -1 },
      { type: 'planes', version: 1, focus: { layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 }, planes: {} },
      { type: 'eval', code: 'x' },
    ]) {
      assert.equal(isWebviewMessage(m), false, JSON.stringify(m)?.slice(0, 80));
    }
  });

  it('accepts host messages, including a real payload, and rejects others', () => {
    const payload = payloadOf(example('d2l-stride'));
    assert.ok(isHostMessage({ type: 'render', version: 1, documentUri: 'file:///x', fileName: 'x', payload }));
    const error = {
      type: 'error',
      version: 2,
      documentUri: 'file:///x',
      fileName: 'x',
      message: 'bad',
      diagnostics: [],
    };
    assert.ok(isHostMessage(error));
    assert.equal(isHostMessage({ ...error, documentUri: undefined }), false, 'an error names its document');
    assert.ok(isHostMessage({ type: 'setView', view: 'code' }));
    assert.ok(isHostMessage({ type: 'setView', view: 'code', layerId: 'layer-0' }));
    assert.ok(isHostMessage({ type: 'strings', strings: { 'view.code': 'Código' } }));
    assert.ok(isHostMessage({ type: 'verification', version: 3, verification: payload.verification }));
    assert.equal(isHostMessage({ type: 'setView', view: 'nope' }), false);
    assert.equal(isHostMessage({ type: 'render', version: 1, documentUri: 'x', fileName: 'x', payload: {} }), false);
    assert.equal(isHostMessage({ type: 'strings', strings: { a: 1 } }), false);
    assert.equal(isHostMessage({ type: 'ready', protocol: 1, state: null }), false);
    const focus = { layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 1 };
    const planes = { input: null, weight: null, bias: null, skip: null, output: null, note: 'over the budget' };
    assert.ok(isHostMessage({ type: 'planes', version: 4, focus, planes }));
    assert.equal(isHostMessage({ type: 'planes', version: 4, focus: { ...focus, batch: -1 }, planes }), false);
    assert.equal(isHostMessage({ type: 'planes', version: 4, focus, planes: null }), false);
    assert.equal(isHostMessage({ type: 'requestPlanes', ...focus }), false, 'the webview sends it, the host does not');
  });

  it('checks persisted state', () => {
    assert.ok(isPreviewState(state));
    assert.equal(isPreviewState({ ...state, zoom: Infinity }), false);
    assert.equal(isPreviewState({ ...state, step: -1 }), false);
    assert.equal(isPreviewState({ ...state, documentUri: 3 }), false);
  });
});

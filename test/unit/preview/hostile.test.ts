import { strict as assert } from 'node:assert';
import { buildPreviewPayload } from '../../../src/preview/buildPayload';
import { layerOf, payloadOf, spec } from './helpers';

export const HOSTILE = {
  name: '<script>window.__tconvPwned = "name"</script><img src=x onerror="window.__tconvPwned = \'img\'">',
  description:
    'javascript:window.__tconvPwned="js" </style><style>body{display:none}</style> "><svg onload="window.__tconvPwned=\'svg\'"> \u202Egnp.exe \u2066{{constructor.constructor("return 1")()}}',
  layerName: '<iframe src="javascript:parent.__tconvPwned=1"></iframe>\u202E',
};

describe("hostile strings are passed as data (escaping is the webview's job)", () => {
  const text = spec({
    name: HOSTILE.name,
    description: HOSTILE.description,
    input: { shape: [2, 2] },
    layer: { name: HOSTILE.layerName, kernelSize: 2 },
  });

  it('names and descriptions arrive exactly as written', () => {
    const payload = payloadOf(text);
    assert.equal(payload.title, HOSTILE.name);
    assert.equal(payload.description, HOSTILE.description);
    assert.equal(layerOf(payload, 'layer-0').name, HOSTILE.layerName);
    assert.equal(payload.walk[1].label, HOSTILE.layerName);
    assert.equal(payload.verification.layers[0].layerName, HOSTILE.layerName);
  });

  it('a very long name is not cut or changed', () => {
    const long = 'A'.repeat(200_000);
    const payload = payloadOf(spec({ name: long, input: { shape: [1, 1] }, layer: { kernelSize: 1 } }));
    assert.equal(payload.title, long);
  });

  it('diagnostic messages that quote the spec stay plain text too', () => {
    const result = buildPreviewPayload(
      spec({ name: HOSTILE.name, input: { shape: [2, 2] }, layer: { kernelSize: 2, outputPadding: 3 } }),
    );
    assert.ok(!result.ok);
    assert.ok(result.diagnostics.every((d) => typeof d.message === 'string'));
  });
});

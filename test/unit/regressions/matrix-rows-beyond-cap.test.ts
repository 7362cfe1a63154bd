// Found by the host-blocking benchmark (fuzz cases with huge padding): a transposed layer whose padding crops
// almost everything has few stored entries in W but one row per input element. The preview checked only the
// entries, the engine refused the rows, and the whole preview failed with "the convolution matrix would hold …
// rows" instead of showing the layer with W as channel blocks.
import { strict as assert } from 'node:assert';
import { buildPreviewPayload } from '../../../src/preview/buildPayload';
import { DEFAULT_PREVIEW_LIMITS } from '../../../src/preview/limits';
import type { LayerPayload } from '../../../src/webviewProtocol';

describe('regression: W with more rows than the preview cap but few entries', () => {
  it('300×300 input, kernel 1, padding 149 (a 2×2 output): the preview builds, W is summarised, the values are there', () => {
    const text = '{ "input": { "shape": [300, 300] }, "layer": { "kernelSize": 1, "padding": 149 } }';
    const result = buildPreviewPayload(text);
    assert.ok(result.ok, result.ok ? '' : result.message);
    const layer = result.payload.layers.find((l): l is LayerPayload => 'matrix' in l);
    assert.ok(layer?.matrix);
    assert.ok(layer.matrix.rows > DEFAULT_PREVIEW_LIMITS.maxMatrixNnz, `rows ${layer.matrix.rows}`);
    assert.equal(layer.matrix.csr, null);
    assert.ok(layer.matrix.note);
    assert.deepEqual(layer.values?.output.shape, [1, 1, 2, 2]);
  });
});

// What the status bar and the CodeLens line show (src/server/shapeStatus.ts, layerLenses.ts: no `vscode`, so the
// host benchmark runs the same code), from the server's analysis of real specs.
import { strict as assert } from 'node:assert';
import { layerLenses } from '../../../src/server/layerLenses';
import { shapeStatus } from '../../../src/server/shapeStatus';
import { validateSpec } from '../../../src/specFile';
import { BROKEN_DIR, EXAMPLES_DIR, readText } from '../specFile/helpers';

const DCGAN = readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json');
const D2L = readText(EXAMPLES_DIR, 'd2l-basic.tconv.json');

describe('views: status bar and CodeLens content', () => {
  it('status bar: input → output of a clean spec, opening the preview', () => {
    const status = shapeStatus(validateSpec(D2L));
    assert.equal(status.text, '$(symbol-array) 1×1×2×2 → 1×1×3×3');
    assert.equal(status.command, 'tconv.openPreviewToSide');
  });

  it('status bar: the error count of a broken spec, opening Problems', () => {
    const status = shapeStatus(validateSpec(readText(BROKEN_DIR, 'channel-mismatch.tconv.json')));
    assert.match(status.text, /\$\(error\) 1$/);
    assert.equal(status.command, 'workbench.actions.view.problems');
    assert.equal(status.tooltip, '1 error in this spec (open Problems)');
  });

  it('CodeLens: Preview, Verify and the shapes above each layer, at the layer', () => {
    const analysis = validateSpec(DCGAN);
    const lenses = layerLenses(analysis);
    const layers = analysis.spec?.layers ?? [];
    assert.ok(layers.length > 1);
    assert.equal(lenses.length, 3 * layers.length);
    layers.forEach((layer, i) => {
      const [preview, verify, shape] = lenses.slice(3 * i, 3 * i + 3);
      for (const lens of [preview, verify, shape]) assert.equal(lens.offset, layer.ref.keyOffset ?? layer.ref.offset);
      assert.equal(preview.command, 'tconv.openPreviewToSide');
      assert.equal(verify.command, 'tconv.verifyCurrent');
      assert.equal(shape.command, '');
      const plan = analysis.plan?.layers[i];
      assert.ok(plan);
      assert.equal(shape.title, `${plan.inputShape.join('×')} → ${plan.outputShape.join('×')}`);
      assert.match(shape.tooltip ?? '', /H_out = /);
    });
  });
});

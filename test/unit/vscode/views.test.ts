// What the status bar, the CodeLens line and the Testing view show (src/vscode/views: no `vscode`, so the host
// benchmark runs the same code), from the worker's answers for real specs.
import { strict as assert } from 'node:assert';
import { analyzeText, verifyText } from '../../../src/analysis/analyze';
import { analysisForHost, verificationForHost } from '../../../src/analysis/hostView';
import { VERIFICATION_NAMES, verificationTitle } from '../../../src/engine';
import { layerLenses } from '../../../src/vscode/views/layerLenses';
import { shapeStatus } from '../../../src/vscode/views/shapeStatus';
import { layerTestItems, resultOutput } from '../../../src/vscode/views/testItems';
import { BROKEN_DIR, EXAMPLES_DIR, readText } from '../spec/helpers';

const DCGAN = readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json');
const D2L = readText(EXAMPLES_DIR, 'd2l-basic.tconv.json');
const host = (text: string) => analysisForHost(analyzeText(text));

describe('views: status bar, CodeLens and Testing view content', () => {
  it('status bar: input → output of a clean spec, opening the preview', () => {
    const status = shapeStatus(host(D2L));
    assert.equal(status.text, '$(symbol-array) 1×1×2×2 → 1×1×3×3');
    assert.equal(status.command, 'tconv.openPreviewToSide');
  });

  it('status bar: the error count of a broken spec, opening Problems', () => {
    const status = shapeStatus(host(readText(BROKEN_DIR, 'channel-mismatch.tconv.json')));
    assert.match(status.text, /\$\(error\) 1$/);
    assert.equal(status.command, 'workbench.actions.view.problems');
    assert.equal(status.tooltip, '1 error in this spec (open Problems)');
  });

  it('CodeLens: Preview, Verify and the shapes above each layer, at the layer', () => {
    const analysis = host(DCGAN);
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

  it('Testing view: one item per layer at its line, a child per verification, and each result in the output', () => {
    const outcome = verificationForHost(verifyText(D2L), D2L);
    const [item, ...others] = layerTestItems(outcome);
    assert.equal(others.length, 0);
    assert.equal(item.position?.line, D2L.slice(0, D2L.indexOf('"layer"')).split('\n').length);
    assert.deepEqual(item.checks.map((c) => c.label), VERIFICATION_NAMES.map((name) => verificationTitle(name)));
    const [first] = outcome.verification?.layers[0].results ?? [];
    assert.ok(first);
    assert.match(resultOutput(item.checks[0].label, first), /^✔ .+: .+\r\n {2}\w+: /);
    assert.equal(resultOutput('x', { ...first, notRun: 'too large' }), 'x: not run: too large\r\n');
  });
});

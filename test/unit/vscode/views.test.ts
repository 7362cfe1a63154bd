// What the Testing view shows (src/vscode/views: no `vscode`, so the host benchmark runs the same code), from the
// verification of a real spec as tconv/verify answers it. The status bar and the CodeLens line are made by the
// server (test/unit/server/views.test.ts).
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { verificationForHost } from '../../../src/server/verificationResult';
import { VERIFICATION_NAMES, verificationTitle } from '../../../src/engine';
import { layerTestItems, resultOutput } from '../../../src/vscode/views/testItems';
import { EXAMPLES_DIR, readText } from '../specFile/helpers';

const D2L = readText(EXAMPLES_DIR, 'd2l-basic.tconv.json');

describe('views: Testing view content', () => {
  it('Testing view: one item per layer at its line, a child per verification, and each result in the output', () => {
    const outcome = verificationForHost(verifyText(D2L), D2L);
    const [item, ...others] = layerTestItems(outcome);
    assert.equal(others.length, 0);
    assert.equal(item.position?.line, D2L.slice(0, D2L.indexOf('"layer"')).split('\n').length);
    assert.deepEqual(
      item.checks.map((c) => c.label),
      VERIFICATION_NAMES.map((name) => verificationTitle(name)),
    );
    const [first] = outcome.verification?.layers[0].results ?? [];
    assert.ok(first);
    assert.match(resultOutput(item.checks[0].label, first), /^✔ .+: .+\r\n {2}\w+: /);
    assert.equal(resultOutput('x', { ...first, notRun: 'too large' }), 'x: not run: too large\r\n');
  });
});

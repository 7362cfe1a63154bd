// What the Testing view shows (src/vscode/views: no `vscode`, so the host benchmark runs the same code), from the
// verification of a real spec as tconv/verify answers it. The status bar and the CodeLens line are made by the
// server (test/unit/server/views.test.ts).
import { strict as assert } from 'node:assert';
import { verifyText } from '../../../src/specFile/verifySpec';
import { verificationForHost } from '../../../src/server/verificationResult';
import { VERIFICATION_NAMES, verificationTitle } from '../../../src/engine';
import {
  fileDescription,
  layerOutcome,
  layerTestItems,
  MAX_DESCRIPTION_LENGTH,
  notRunDescription,
  resultOutput,
} from '../../../src/vscode/views/testItems';
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
    assert.equal(resultOutput('x', { ...first, notRun: 'too large' }), '– x: not run: too large\r\n');
    assert.ok(
      item.checks.every((c) => c.description === undefined),
      'a check that ran has no description',
    );
    assert.equal(layerOutcome(outcome.verification?.layers[0].results ?? []), 'passed');
    assert.equal(fileDescription(outcome.verification!), undefined);
  });

  it('Testing view: a not-run check shows its reason next to its label and in its output; not a failure', () => {
    // Dilation 10⁹ with padding 5·10⁸: a 2×2 layer whose gradient window would be 2000000001×2000000001 cells,
    // far above the window cap: the gradient check is not run, with that (long) reason.
    const text = JSON.stringify({
      input: { shape: [2, 2], init: 'arange' },
      layer: { kernelSize: 2, dilation: 1000000000, padding: 500000000 },
      verify: ['gradient'],
    });
    const outcome = verificationForHost(verifyText(text), text);
    const [item] = layerTestItems(outcome);
    const results = outcome.verification?.layers[0].results ?? [];
    assert.equal(results.length, 1);
    const reason = results[0].notRun ?? '';
    assert.match(reason, /^a receptive window of 2000000001×2000000001 /);
    for (const check of item.checks) {
      assert.ok(check.description?.startsWith('not run: a receptive window of 2000000001'), check.description);
      assert.ok((check.description?.length ?? 0) <= MAX_DESCRIPTION_LENGTH);
      assert.ok(check.description?.endsWith('…'), 'the long reason is shortened; the output has all of it');
    }
    assert.equal(resultOutput(item.checks[0].label, results[0]), `– ${item.checks[0].label}: not run: ${reason}\r\n`);
    assert.equal(layerOutcome(results), 'skipped');
    assert.equal(layerOutcome([]), 'skipped');
    assert.equal(layerOutcome([...results, { ...results[0], notRun: undefined, passed: false }]), 'failed');
    assert.equal(
      fileDescription(outcome.verification!)?.startsWith('nothing verified: 1 check not run (a receptive'),
      true,
    );
    assert.equal(notRunDescription('too large'), 'not run: too large');
  });
});

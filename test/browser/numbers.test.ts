/**
 * One way to write numbers in a view (issue 16): the Matrix view gave the density as "19.1%" for one layer and
 * "7.80e-3" for another, and the Verify view printed counts raw (1638400) beside grouped ones.
 */
import { strict as assert } from 'node:assert';
import { payloadOf, PreviewPage } from './harness';

const STATS = (selector: string) =>
  `[...document.querySelectorAll(${JSON.stringify(selector)})].map((dd) => [dd.previousElementSibling.textContent, dd.textContent])`;

describe('numbers in the preview', function () {
  this.timeout(60_000);

  it('a sparse W gives its density as a percentage, and Verify groups its counts', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 1100, height: 900 });
    try {
      // 64×64 → 128×128, kernel 4, stride 2: W is 4,096 × 16,384 with 65,536 stored entries, a density of 0.098%.
      const text = JSON.stringify({
        input: { shape: [64, 64] },
        layer: { kernelSize: 4, stride: 2, padding: 1 },
        verify: ['cost', 'adjoint'],
      });
      const payload = payloadOf(text);
      await p.render(payload, 'sparse.tconv.json');
      const [layer] = payload.layers;
      await p.showView('matrix');
      await p.waitFor(`document.querySelector('vscode-tab-panel[data-view="matrix"] .stats') !== null`);
      const stats = new Map(
        await p.page.evaluate<[string, string][]>(STATS('vscode-tab-panel[data-view="matrix"] .stats dd')),
      );
      assert.ok(layer.matrix.stats.density < 0.01, `density ${layer.matrix.stats.density}`);
      assert.match(stats.get('density') ?? '', /^0\.\d+%$/);
      assert.match(stats.get('stored entries') ?? '', /^\d{1,3}(,\d{3})+$/);

      await p.showView('verify');
      const details = await p.page.evaluate<[string, string][]>(
        STATS('vscode-tab-panel[data-view="verify"] .stats dd'),
      );
      const bigCounts = details.filter(([, v]) => /^\d{4,}$/.test(v));
      assert.deepEqual(bigCounts, [], 'counts of four digits or more are grouped');
      assert.ok(
        details.some(([, v]) => /^\d{1,3}(,\d{3})+$/.test(v)),
        details.map(([k, v]) => `${k}=${v}`).join('; '),
      );
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });
});

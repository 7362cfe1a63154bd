/**
 * The Shapes view's walk with skip connections (issue 13): every layer of a U-Net is a step, each concat names the
 * step it joins, and that step names the concat; screenshot: test-results/screenshots/unet-skips-<theme>-shapes.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';
import type { ThemeName } from './themes';

interface Chip {
  readonly label: string;
  readonly text: string;
  readonly skipFrom: string | null;
  readonly disabled: boolean;
  readonly isSource: boolean;
}

describe('the shape walk of a U-Net with skips', function () {
  this.timeout(120_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  for (const theme of ['dark', 'light'] as ThemeName[]) {
    it(`lists every layer and draws each skip from its source to its concat (${theme} theme)`, async () => {
      const p = await PreviewPage.open({ theme, width: 1100, height: 900 });
      try {
        const payload = payloadOf(exampleText('unet-skips'));
        await p.render(payload, 'unet-skips.tconv.json');
        await p.showView('shapes');
        const chips = await p.page.evaluate<Chip[]>(
          `[...document.querySelectorAll('vscode-tab-panel[data-view="shapes"] .walk .walk-step')].map((b) => ({
            label: b.querySelector('.walk-label').textContent,
            text: b.textContent,
            skipFrom: b.dataset.skipFrom ?? null,
            disabled: b.disabled,
            isSource: b.classList.contains('skip-source'),
          }))`,
        );
        const labels = chips.map((c) => c.label);
        assert.equal(labels.length, 18, labels.join(', ')); // the input and 17 layers
        assert.deepEqual(labels.slice(0, 4), ['input', 'inc-a', 'enc1', 'pool1']);
        const cat2 = chips[labels.indexOf('cat2')];
        assert.equal(cat2.skipFrom, String(labels.indexOf('enc1')));
        assert.match(cat2.text, /skip from enc1/);
        assert.match(cat2.text, /cat\(\[x, enc1\], dim=1\)/);
        assert.match(cat2.text, /1×16×45×45/);
        assert.match(cat2.text, /1×8×45×45/); // the skip's own shape
        const cat1 = chips[labels.indexOf('cat1')];
        assert.equal(cat1.skipFrom, String(labels.indexOf('enc2')));
        const enc1 = chips[labels.indexOf('enc1')];
        assert.ok(enc1.isSource);
        assert.match(enc1.text, /⟶ cat2/);
        assert.ok(!chips[labels.indexOf('enc2')].text.includes('cat2'));
        // Convolutions open their layer; pool and concat steps have no layer of their own in the other views.
        assert.equal(chips[labels.indexOf('pool1')].disabled, true);
        assert.match(chips[labels.indexOf('pool1')].text, /MaxPool2d\(kernel 2, stride 2, padding 0\)/);
        assert.equal(enc1.disabled, false);
        // The layer cards are the convolutions: 13 of the 17 layers (not the two pools and two concats).
        const cards = await p.page.evaluate<number>(
          `document.querySelectorAll('vscode-tab-panel[data-view="shapes"] .layer-card').length`,
        );
        assert.equal(cards, 13);
        // The header counts the chain's layers, all 17 of them.
        const meta = await p.page.evaluate<string>(`document.querySelector('.spec-meta').textContent`);
        assert.match(meta, / · 17 layers · /);
        const file = join(SCREENSHOT_DIR, `unet-skips-${theme}-shapes.png`);
        await p.page.screenshot({ path: file, fullPage: false });
        assert.ok(statSync(file).size > 5000, file);
        assert.deepEqual(await p.problems(), []);
      } finally {
        await p.close();
      }
    });
  }
});

/**
 * Screenshots of every view for two examples in the dark and light themes, test-results/screenshots/<example>-<theme>-<view>.png,
 * and of a 4096 × 16384 W heat map (big-w-dark-matrix.png).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VIEW_IDS } from '../../src/webviewProtocol';
import { exampleText, payloadOf, PreviewPage } from './harness';
import type { ThemeName } from './themes';

export const SCREENSHOT_DIR = join(__dirname, '../../test-results/screenshots');
const EXAMPLES = ['d2l-stride', 'dcgan-generator'];
const THEMES: ThemeName[] = ['dark', 'light'];

describe('screenshots of every view', function () {
  this.timeout(120_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  it('the W heat map of a 4096 × 16384 matrix (64×64 → 128×128, kernel 4, stride 2), dark theme', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 1100, height: 900 });
    try {
      const text = JSON.stringify({
        name: 'W of a 64×64 → 128×128 layer',
        input: { shape: [64, 64] },
        layer: { kernelSize: 4, stride: 2, padding: 1 },
        verify: ['cost'],
      });
      await p.render(payloadOf(text), 'big-w.tconv.json');
      await p.showView('matrix');
      await p.waitFor(`document.querySelector('.matrix-wt canvas')?.dataset.drawMs !== undefined`);
      const file = join(SCREENSHOT_DIR, 'big-w-dark-matrix.png');
      await p.page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 5000, file);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });

  for (const theme of THEMES) {
    for (const example of EXAMPLES) {
      it(`${example}, ${theme} theme`, async () => {
        const p = await PreviewPage.open({ theme, width: 1100, height: 900 });
        try {
          await p.render(payloadOf(exampleText(example), { symbolic: true }), `${example}.tconv.json`);
          await p.waitFor('document.fonts.status === "loaded"');
          for (const view of VIEW_IDS) {
            await p.showView(view);
            if (view === 'steps')
              for (let i = 0; i < 3; i++) await p.page.click('.stepper-next').catch(() => undefined);
            await p.page.waitForTimeout(150);
            const file = join(SCREENSHOT_DIR, `${example}-${theme}-${view}.png`);
            await p.page.screenshot({ path: file, fullPage: true });
            assert.ok(statSync(file).size > 5000, file);
          }
          assert.deepEqual(await p.problems(), []);
        } finally {
          await p.close();
        }
      });
    }
  }
});

/**
 * Every view fits its width or scrolls (issue 16): at 420, 600 and 1200 px, nothing sticks out past the preview's
 * right edge unless a scrollable box holds it, so no column of a table or of W is cut off out of reach.
 * Screenshots: test-results/screenshots/layout-<example>-<width>-<view>.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { VIEW_IDS } from '../../src/webviewProtocol';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { CUT_OFF } from './cutOff';
import { SCREENSHOT_DIR } from './screenshots.test';

const WIDTHS = [420, 600, 1200];
const EXAMPLES = ['dcgan-generator', 'unet-skips', 'd2l-round-trip'];

describe('every view fits or scrolls at 420, 600 and 1200 px', function () {
  this.timeout(180_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  for (const example of EXAMPLES) {
    for (const width of WIDTHS) {
      it(`${example} at ${width} px`, async () => {
        const p = await PreviewPage.open({ theme: 'dark', width, height: 900 });
        try {
          await p.render(payloadOf(exampleText(example)), `${example}.tconv.json`);
          await p.waitFor('document.fonts.status === "loaded"');
          const cut: string[] = [];
          for (const view of VIEW_IDS) {
            await p.showView(view);
            await p.page.waitForTimeout(100);
            await p.page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${example}-${width}-${view}.png`) });
            const scrollWidth = await p.page.evaluate<number>('document.documentElement.scrollWidth');
            if (scrollWidth > width + 1) cut.push(`${view}: the page scrolls sideways (${scrollWidth} px)`);
            for (const e of await p.page.evaluate<string[]>(CUT_OFF)) cut.push(`${view}: ${e}`);
          }
          assert.deepEqual(cut, [], `cut off at ${width} px`);
          assert.deepEqual(await p.problems(), []);
        } finally {
          await p.close();
        }
      });
    }
  }
});

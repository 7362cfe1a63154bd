/**
 * Grids of the layers without a kernel (issue 13): a U-Net's max-pool shows its input and output planes, a concat
 * both its inputs and which output channels each gives; a plane the render left out is asked of the host. The views
 * about one convolution say what the layer is instead. Screenshots: test-results/screenshots/unet-skips-dark-grids-
 * pool1.png and unet-skips-dark-grids-cat2.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewFocus, RequestPlanesMessage } from '../../src/webviewProtocol';
import { validateSpec } from '../../src/specFile';
import { planesFor } from '../../src/preview/planeRequest';
import { StepValuesCache } from '../../src/preview/stepValues';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

const text = exampleText('unet-skips');

function pick(p: PreviewPage, selector: string, value: string): Promise<unknown> {
  return p.page.evaluate(
    `(() => { const s = document.querySelector(${JSON.stringify(selector)}); s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change')); })()`,
  );
}

async function numbers(p: PreviewPage, selector: string): Promise<number[][]> {
  return (await p.tableText(selector)).map((row) => row.map(Number));
}

const title = (p: PreviewPage, card: string) => p.page.locator(`.grid-${card}-card h3`).textContent();
const caption = (p: PreviewPage, card: string) => p.page.locator(`.grid-${card}-card .card-caption`).textContent();

describe('grids of the layers without a kernel (U-Net skips)', function () {
  this.timeout(120_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  it('a max-pool shows input and output planes; a concat shows both inputs and asks for a plane not sent', async () => {
    // Tall enough for the three 45×45 cards one under another (the screenshots show them all).
    const p = await PreviewPage.open({ theme: 'dark', width: 1100, height: 2200 });
    try {
      const rendered = await p.render(payloadOf(text), 'unet-skips.tconv.json');
      await p.showView('grids');
      // 45×45 tables: at half size the cards fit the screenshots.
      await pick(p, '.select-zoom', '0.5');

      // pool1: MaxPool2d(2) on 1×8×45×45; every output cell is the largest of its 2×2 input block.
      await pick(p, '.select-layer', 'layer-2');
      await p.waitFor(`document.querySelector('.grids-caption')?.textContent.startsWith('pool1')`);
      assert.equal(
        await p.page.locator('.grids-caption').textContent(),
        'pool1: MaxPool2d(kernel 2, stride 2, padding 0)',
      );
      assert.equal(await title(p, 'input'), 'Input x[0, 0] · 45×45');
      assert.equal(await title(p, 'output'), 'Output y[0, 0] · 22×22');
      assert.equal(await p.page.locator('.grid-kernel-card').isHidden(), true);
      assert.equal(await p.page.locator('.grid-bias-card').isHidden(), true);
      assert.equal(await p.page.locator('.grid-skip-card').isHidden(), true);
      // The input channel follows the output channel: no picker for it.
      assert.equal(await p.page.locator('.select-in').isVisible(), false);
      const x = await numbers(p, '.grid-input table');
      const y = await numbers(p, '.grid-output table');
      assert.equal(y.length, 22);
      for (let i = 0; i < 22; i++)
        for (let j = 0; j < 22; j++)
          assert.equal(
            y[i][j],
            Math.max(x[2 * i][2 * j], x[2 * i][2 * j + 1], x[2 * i + 1][2 * j], x[2 * i + 1][2 * j + 1]),
            `y[${i}, ${j}]`,
          );
      const poolShot = join(SCREENSHOT_DIR, 'unet-skips-dark-grids-pool1.png');
      await p.page.screenshot({ path: poolShot, fullPage: false });
      assert.ok(statSync(poolShot).size > 5000, poolShot);

      // cat2 = cat([up2, enc1]): output channels 0–7 are the input's, 8–15 enc1's.
      await pick(p, '.select-layer', 'layer-13');
      await p.waitFor(`document.querySelector('.grids-caption')?.textContent.startsWith('cat2')`);
      assert.equal(await p.page.locator('.grids-caption').textContent(), 'cat2: cat([x, enc1], dim=1)');
      assert.equal(await title(p, 'input'), 'Input x[0, 0] · 45×45');
      assert.equal(await title(p, 'skip'), 'Skip enc1[0, 0] · 45×45');
      assert.equal(await caption(p, 'input'), 'output channels 0–7');
      assert.equal(await caption(p, 'skip'), 'output channels 8–15');
      assert.equal(await p.page.locator('.grid-input-card.feeds-output').count(), 1);
      assert.deepEqual(await numbers(p, '.grid-output table'), await numbers(p, '.grid-input table'));

      // Output channel 12 is enc1's channel 4, a plane the render did not send (2 of 8): the view asks for it.
      await pick(p, '.select-out', '12');
      await p.waitFor(`window.__tconvTest.posted.some((m) => m.type === 'requestPlanes')`);
      const asked = (await p.posted()).filter((m): m is RequestPlanesMessage => m.type === 'requestPlanes');
      assert.deepEqual(asked, [{ type: 'requestPlanes', layerId: 'layer-13', batch: 0, inChannel: 0, outChannel: 12 }]);
      const { type: _type, ...focus } = asked[0];
      const planes = planesFor(validateSpec(text), focus as PreviewFocus, new StepValuesCache(), null);
      assert.equal(planes.note, null);
      assert.deepEqual([planes.skip?.firstPlane, planes.output?.firstPlane], [4, 12]);
      await p.send({ type: 'planes', version: rendered.version, focus, planes });
      await p.waitFor(`document.querySelector('.grid-skip-card h3').textContent === 'Skip enc1[0, 4] · 45×45'`);
      assert.equal(await title(p, 'output'), 'Output y[0, 12] · 45×45');
      assert.equal(await p.page.locator('.grid-skip-card.feeds-output').count(), 1);
      assert.deepEqual(await numbers(p, '.grid-output table'), await numbers(p, '.grid-skip table'));
      const catShot = join(SCREENSHOT_DIR, 'unet-skips-dark-grids-cat2.png');
      await p.page.screenshot({ path: catShot, fullPage: false });
      assert.ok(statSync(catShot).size > 5000, catShot);

      // Steps is about a convolution's kernel: it says what cat2 is, and leads back to Grids.
      await p.showView('steps');
      await p.page.waitForSelector('.op-notice');
      assert.equal(
        await p.page.locator('.op-notice p').textContent(),
        'cat2 (cat([x, enc1], dim=1)) has no kernel: the Grids view shows its input and output planes.',
      );
      assert.equal(await p.page.locator('.steps-view').isHidden(), true);
      // Code has no notice: it shows the whole chain, cat2 among its layers.
      await p.showView('code');
      assert.equal(await p.page.locator('.op-notice').count(), 0);
      assert.equal(await p.page.locator('.code-view').isHidden(), false);
      await p.page.waitForSelector('.code-view pre');
      assert.match((await p.page.locator('.code-view pre').first().textContent()) ?? '', /torch\.cat\(/);
      await p.showView('steps');
      await p.page.click('.op-notice vscode-button');
      await p.page.waitForSelector('vscode-tab-panel[data-view="grids"]:not([hidden])');
      // A convolution again: Steps is back, without the notice.
      await pick(p, '.select-layer', 'layer-12');
      await p.showView('steps');
      assert.equal(await p.page.locator('.op-notice').count(), 0);
      assert.equal(await p.page.locator('.steps-view').isHidden(), false);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });
});

/**
 * Planes on request (issue 14): a 1×64×960×640 U-Net up-convolution's plane is asked of the host, arrives pooled to
 * 480×320 and is drawn as a heat map whose caption gives the factor and whose cells name the index ranges they
 * cover; another output channel is asked for on its own. The test plays the host with the language server's own
 * answer (planesFor). Screenshot: test-results/screenshots/unet-960-dark-grids.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanesMessage, PreviewFocus, RequestPlanesMessage } from '../../src/webviewProtocol';
import { validateSpec } from '../../src/specFile';
import { planesFor } from '../../src/preview/planeRequest';
import { StepValuesCache } from '../../src/preview/stepValues';
import { payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

const UNET_960 = JSON.stringify({
  name: 'U-Net up-convolution at 960×640',
  input: { shape: [1, 128, 480, 320] },
  layers: [{ name: 'up1', outChannels: 64, kernelSize: 2, stride: 2 }],
});

async function requests(p: PreviewPage): Promise<RequestPlanesMessage[]> {
  return (await p.posted()).filter((m): m is RequestPlanesMessage => m.type === 'requestPlanes');
}

describe('planes on request: a 960×640 plane, pooled', function () {
  this.timeout(180_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  it('asks for the shown planes only, draws the output pooled 2×2 with its index ranges, and asks again per channel', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 1100, height: 900 });
    const result = validateSpec(UNET_960);
    const cache = new StepValuesCache();
    /** The host: the last request answered as the language server answers it. */
    const answer = async (version: number): Promise<PlanesMessage> => {
      const asked = (await requests(p)).pop();
      assert.ok(asked, 'no requestPlanes message');
      const { type: _type, ...focus } = asked;
      const message: PlanesMessage = {
        type: 'planes',
        version,
        focus,
        planes: planesFor(result, focus as PreviewFocus, cache, 'unet-960'),
      };
      await p.send(message);
      return message;
    };
    try {
      // Over the preview's multiply-add budget: the render has no values, and nothing is asked before the user does.
      const payload = payloadOf(UNET_960);
      assert.equal(payload.layers[0].values, null);
      assert.equal(payload.layers[0].planesOnRequest, true);
      const rendered = await p.render(payload, 'unet-960.tconv.json');
      await p.showView('grids');
      await p.page.waitForSelector('.grids-view .view-message:not([hidden]) vscode-button');
      assert.deepEqual(await requests(p), []);
      await p.page.click('.grids-view .view-message vscode-button');
      await p.waitFor(`window.__tconvTest.posted.some((m) => m.type === 'requestPlanes')`);
      assert.deepEqual(await requests(p), [
        { type: 'requestPlanes', layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 },
      ]);
      const first = await answer(rendered.version);
      // Only the shown planes came: one plane of each tensor, the output pooled to at most 512 a side.
      const out = first.planes.output;
      assert.ok(out && first.planes.input && first.planes.weight);
      assert.deepEqual(out.planeShape, [960, 640]);
      assert.deepEqual(out.pooled, { factor: 2, rows: 480, cols: 320 });
      assert.equal(out.data.length, 480 * 320);
      assert.equal(first.planes.input.data.length, 480 * 320);
      assert.equal(first.planes.weight.data.length, 4);

      await p.waitFor(`!!document.querySelector('.grid-output-card canvas.heatmap-canvas')`);
      const caption = await p.page.locator('.grid-output-card .card-caption').textContent();
      assert.equal(caption, 'The 960×640 plane drawn as 480×320: each cell is the largest |value| of a 2×2 block.');
      assert.equal(await p.page.locator('.grid-output-card h3').textContent(), 'Output y[0, 0] · 960×640');
      // The canvas draws colours (not just the background).
      await p.waitFor(
        `(() => { const c = document.querySelector('.grid-output-card canvas'); return c && c.width > 0; })()`,
      );
      const colours = await p.page.evaluate<number>(`(() => {
        const c = document.querySelector('.grid-output-card canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
        return seen.size;
      })()`);
      assert.ok(colours > 20, `only ${colours} colours drawn`);

      // Hover the canvas: the status line names the 2×2 block under the pointer and its largest |value|.
      const box = await p.page.locator('.grid-output-card canvas').boundingBox();
      assert.ok(box);
      for (const [fx, fy] of [
        [0.01, 0.01],
        [0.5, 0.3],
        [0.99, 0.99],
      ]) {
        await p.page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
        await p.waitFor(`document.querySelector('.status-line').textContent.startsWith('y[0, 0, ')`);
        const status = (await p.page.locator('.status-line').textContent()) ?? '';
        const m = /^y\[0, 0, (\d+):(\d+), (\d+):(\d+)\]: largest \|value\| (\S+)$/.exec(status);
        assert.ok(m, status);
        const [r0, r1, c0, c1] = m.slice(1, 5).map(Number);
        assert.deepEqual([r1 - r0, c1 - c0, r0 % 2, c0 % 2], [2, 2, 0, 0], status);
        assert.equal(Number(m[5]), out.data[(r0 / 2) * 320 + c0 / 2], status);
        await p.page.mouse.move(0, 0);
      }

      const file = join(SCREENSHOT_DIR, 'unet-960-dark-grids.png');
      await p.page.screenshot({ path: file, fullPage: false });
      assert.ok(statSync(file).size > 5000, file);

      // Another output channel: asked for on its own, with no button.
      await p.page.evaluate(
        `(() => { const s = document.querySelector('.select-out'); s.value = '5'; s.dispatchEvent(new Event('change')); })()`,
      );
      await p.waitFor(`window.__tconvTest.posted.filter((m) => m.type === 'requestPlanes').length === 2`);
      assert.deepEqual((await requests(p))[1], {
        type: 'requestPlanes',
        layerId: 'layer-0',
        batch: 0,
        inChannel: 0,
        outChannel: 5,
      });
      assert.match((await p.page.locator('.grid-output-card').textContent()) ?? '', /Loading this plane/);
      const fifth = await answer(rendered.version);
      await p.waitFor(`document.querySelector('.grid-output-card h3').textContent === 'Output y[0, 5] · 960×640'`);
      assert.notDeepEqual(fifth.planes.output?.data.slice(0, 50), out.data.slice(0, 50));
      // An answer for an older render is dropped.
      await p.send({ ...fifth, version: rendered.version - 1, focus: { ...fifth.focus, outChannel: 7 } });
      assert.equal((await requests(p)).length, 2);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });
});

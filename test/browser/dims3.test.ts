/**
 * A 3-D layer in the preview (issue 13): the grids show one depth slice of each tensor, the depth slider moves
 * through them, and the views that are 2-D only say why. Screenshot: test-results/screenshots/dims3-<theme>-grids.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { convTranspose3d, tensor, type Tensor } from '../../src/engine';
import { payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

const [D, H, W] = [3, 3, 3];
const inputData = Array.from({ length: D * H * W }, (_, i) => i);
const kernelData = [1, 2, 3, 4, 5, 6, 7, 8];

function nest(data: readonly number[], shape: readonly number[]): unknown {
  if (shape.length === 1) return data;
  const size = data.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(data.slice(i * size, (i + 1) * size), shape.slice(1)));
}

const text = JSON.stringify({
  name: 'a 3-D transposed convolution',
  dims: 3,
  input: { data: nest(inputData, [D, H, W]) },
  layer: { kernel: { data: nest(kernelData, [2, 2, 2]) }, stride: 2 },
});

/** Slice d of an (N, C, D, H, W) tensor (n = c = 0) as table text. */
function sliceText(t: Tensor, d: number): string[][] {
  const [, , , h, w] = t.shape;
  return Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => String(t.data[(d * h + i) * w + j])));
}

describe('a 3-D layer in the preview', function () {
  this.timeout(120_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  const expected = convTranspose3d(tensor([1, 1, D, H, W], inputData), tensor([1, 1, 2, 2, 2], kernelData), null, {
    stride: 2,
  });
  const input = tensor([1, 1, D, H, W], inputData);
  const kernel = tensor([1, 1, 2, 2, 2], kernelData);

  it('the depth slider moves every grid to its slice; Steps, Matrix and Symbolic say why they are 2-D only', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 1100, height: 760 });
    try {
      assert.deepEqual(expected.shape, [1, 1, 6, 6, 6]);
      await p.render(payloadOf(text), 'dims3.tconv.json');
      await p.showView('grids');
      const slider = p.page.locator('input.select-depth');
      assert.equal(await slider.isVisible(), true);
      assert.equal(await slider.getAttribute('max'), '5'); // the output's 6 slices
      assert.deepEqual(await p.tableText('.grid-output table'), sliceText(expected, 0));
      assert.deepEqual(await p.tableText('.grid-input table'), sliceText(input, 0));
      assert.deepEqual(await p.tableText('.grid-kernel table'), sliceText(kernel, 0));

      await slider.fill('3');
      await p.waitFor(`document.querySelector('.grid-output-card h3')?.textContent.includes('[0, 0, 3]')`);
      const after = await p.tableText('.grid-output table');
      assert.deepEqual(after, sliceText(expected, 3));
      assert.notDeepEqual(after, sliceText(expected, 0));
      // Output slice 3 = input slice 1 ⋆ᵀ kernel slice 1 (3 = 1·2 + 1): the grids show that pair.
      assert.deepEqual(await p.tableText('.grid-input table'), sliceText(input, 1));
      assert.deepEqual(await p.tableText('.grid-kernel table'), sliceText(kernel, 1));
      assert.match(await p.page.locator('.grid-input-card h3').innerText(), /x\[0, 0, 1\]/);
      assert.match(await p.page.locator('.depth-value').innerText(), /d = 3/);
      assert.equal((await p.states()).pop()?.depth, 3);
      const file = join(SCREENSHOT_DIR, 'dims3-dark-grids.png');
      await p.page.screenshot({ path: file, fullPage: false });
      assert.ok(statSync(file).size > 5000, file);

      await p.showView('steps');
      assert.match(await p.page.locator('vscode-tab-panel[data-view="steps"]').innerText(), /1-D and 2-D layers/);
      await p.showView('matrix');
      assert.match(await p.page.locator('vscode-tab-panel[data-view="matrix"]').innerText(), /this layer is 3-D/);
      await p.showView('shapes');
      // Each formula is typeset; its box's title holds it as text.
      const shapes = await p.page.evaluate<string>(
        `[...document.querySelectorAll('vscode-tab-panel[data-view="shapes"] .formula-box')].map((b) => b.title).join('\\n')`,
      );
      for (const axis of ['D', 'H', 'W']) assert.match(shapes, new RegExp(`${axis}_out`));
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });
});

/**
 * Issue 16, explanations: the Shapes view's formulas typeset with KaTeX (two lines in a box of their own that fits
 * or scrolls, at 420, 600 and 1200 px), a 1-D spec's views saying L (never H/W), a long 1-D overlap drawn as a
 * strip, and Steps for every layer of HiFi-GAN (1-D, long inputs) as a strip you step through.
 * Screenshots: test-results/screenshots/explain-*.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripSum } from '../../src/preview/stepStrip';
import type { PreviewPayload, PreviewState, SelectionMessage, ViewId } from '../../src/webviewProtocol';
import { CUT_OFF } from './cutOff';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

const HIFIGAN = readFileSync(join(__dirname, '../fixtures/hifigan-v1.tconv.json'), 'utf8');
const WIDTHS = [420, 600, 1200];
const SPECS: [string, string][] = [
  ['dcgan-generator', exampleText('dcgan-generator')],
  ['d2l-round-trip', exampleText('d2l-round-trip')],
  ['encodec-causal-decoder', exampleText('encodec-causal-decoder')],
  ['hifigan', HIFIGAN],
];

interface FormulaBox {
  readonly axis: string;
  readonly typeset: boolean;
  readonly height: number;
  readonly right: number;
  readonly overflows: boolean;
  readonly scrolls: boolean;
}

const FORMULA_BOXES = `[...document.querySelectorAll('vscode-tab-panel[data-view="shapes"] .dim-formula')].map((row) => {
  const box = row.querySelector('.formula-box');
  const r = box.getBoundingClientRect();
  return {
    axis: row.querySelector('.dim-axis').textContent,
    typeset: box.querySelector('.katex-html') !== null && !box.classList.contains('formula-plain'),
    height: r.height,
    right: r.right,
    overflows: box.scrollWidth > box.clientWidth + 1,
    scrolls: getComputedStyle(box).overflowX === 'auto',
  };
})`;

/** The visible text of a view's panel (KaTeX's MathML copy, hidden from sight, left out). */
function panelText(p: PreviewPage, view: ViewId): Promise<string> {
  return p.page.evaluate<string>(`(() => {
    const panel = document.querySelector('vscode-tab-panel[data-view="${view}"]').cloneNode(true);
    panel.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
    return panel.textContent;
  })()`);
}

async function selectLayer(p: PreviewPage, view: ViewId, layerId: string): Promise<void> {
  await p.send({ type: 'setView', view, layerId });
  await p.page.waitForSelector(`vscode-tab-panel[data-view="${view}"]:not([hidden])`);
}

async function shot(p: PreviewPage, name: string): Promise<void> {
  await p.page.screenshot({ path: join(SCREENSHOT_DIR, `explain-${name}.png`) });
}

describe('issue 16: explanations that fit and are right', function () {
  this.timeout(180_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  for (const width of WIDTHS) {
    it(`Shapes at ${width} px: every formula typeset on two lines, in a box that fits or scrolls`, async () => {
      const p = await PreviewPage.open({ theme: 'dark', width, height: 900 });
      try {
        for (const [name, text] of SPECS) {
          const payload = payloadOf(text);
          await p.render(payload, `${name}.tconv.json`);
          await p.showView('shapes');
          await p.waitFor('document.fonts.status === "loaded"');
          const boxes = await p.page.evaluate<FormulaBox[]>(FORMULA_BOXES);
          const expected = payload.layers.flatMap((l) => l.dims.map((d) => d.axis));
          assert.deepEqual(
            boxes.map((b) => b.axis),
            expected,
            `${name}: one formula per layer and dimension`,
          );
          for (const b of boxes) {
            assert.ok(b.typeset, `${name} ${b.axis}: typeset with KaTeX`);
            assert.ok(b.height <= 60, `${name} ${b.axis}: ${b.height} px high, more than two lines`);
            assert.ok(b.right <= width + 1, `${name} ${b.axis}: the box passes the right edge`);
            assert.ok(!b.overflows || b.scrolls, `${name} ${b.axis}: wider than its box, which does not scroll`);
          }
          assert.deepEqual(await p.page.evaluate<string[]>(CUT_OFF), [], `${name}: cut off at ${width} px`);
          await shot(p, `shapes-${name}-${width}`);
        }
        // The KaTeX fonts come from the media folder, under the webview's CSP (a refused font is a CSP violation).
        assert.ok(
          await p.page.evaluate<boolean>(
            `[...document.fonts].some((f) => f.family === 'KaTeX_Math' && f.status === 'loaded')`,
          ),
        );
        assert.deepEqual(await p.problems(), []);
      } finally {
        await p.close();
      }
    });
  }

  it('Shapes: the letters are explained under the formulas (s = stride … op = output_padding)', async () => {
    const p = await PreviewPage.open({ theme: 'light', width: 600 });
    try {
      await p.render(payloadOf(exampleText('d2l-round-trip')), 'd2l-round-trip.tconv.json');
      const legends = await p.page.evaluate<string[]>(
        `[...document.querySelectorAll('.layer-card .formula-legend')].map((l) => l.textContent)`,
      );
      assert.deepEqual(legends, [
        's = stridep = paddingd = dilationk = kernel',
        's = stridep = paddingd = dilationk = kernelop = output_padding',
      ]);
    } finally {
      await p.close();
    }
  });

  it('a 1-D spec (HiFi-GAN) says L in Shapes, Overlap and Steps, never H or W, rows or columns', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 600 });
    try {
      await p.render(payloadOf(HIFIGAN), 'hifigan.tconv.json');
      for (const view of ['shapes', 'overlap', 'steps'] as ViewId[]) {
        await selectLayer(p, view, 'layer-2');
        if (view === 'steps') await p.page.click('.stepper-next');
        const text = await panelText(p, view);
        assert.doesNotMatch(text, /\b[HW](_in|_out|in|out)?\b|\b[HW]:/, `${view}: ${text.slice(0, 400)}`);
        assert.doesNotMatch(text, /\b(row|column)s?\b|stride \d+×\d+/i, `${view}: ${text.slice(0, 400)}`);
        assert.match(text, /L(out|in)\b|\bL\b/, `${view} names the length L`);
      }
      assert.deepEqual(
        await p.page.evaluate<string[]>(
          `[...new Set([...document.querySelectorAll('.dim-axis')].map((a) => a.textContent))]`,
        ),
        ['L'],
      );
    } finally {
      await p.close();
    }
  });

  for (const width of WIDTHS) {
    it(`Overlap of HiFi-GAN ups.1 at ${width} px: a strip with a legend and the period, not 2,048 numbers`, async () => {
      const p = await PreviewPage.open({ theme: 'dark', width, height: 900 });
      try {
        await p.render(payloadOf(HIFIGAN), 'hifigan.tconv.json');
        await selectLayer(p, 'overlap', 'layer-2');
        assert.equal(
          await p.page.locator('.overlap-axes').textContent(),
          'L · 2,048 positions: first 4: 1 1 1 1 · then, repeating every 8 positions (the stride): 2 2 2 2 2 2 2 2 · last 4: 1 1 1 1',
        );
        const strip = p.page.locator('.overlap-strip canvas');
        assert.ok(await strip.isVisible());
        const box = await strip.boundingBox();
        assert.ok(box && box.height <= 60 && box.width > 200, `the strip is one row: ${JSON.stringify(box)}`);
        assert.deepEqual(
          await p.page.evaluate<string[]>(
            `[...document.querySelectorAll('.overlap-strip-card .strip-key')].map((k) => k.textContent)`,
          ),
          ['1', '2'],
        );
        const text = await panelText(p, 'overlap');
        assert.ok(text.length < 1500, `${text.length} characters: a wall of numbers`);
        // Hovering the strip names the position and its count in the status line.
        await strip.hover({ position: { x: box.width / 2, y: 10 } });
        assert.match((await p.page.locator('.status-line').textContent()) ?? '', /^taps\[\d+\] = 2$/);
        assert.deepEqual(await p.page.evaluate<string[]>(CUT_OFF), []);
        await shot(p, `overlap-hifigan-${width}`);
        assert.deepEqual(await p.problems(), []);
      } finally {
        await p.close();
      }
    });
  }

  it('Overlap of an uneven 1-D layer (kernel 3, stride 2): the period from the first position, 1 2', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 600 });
    try {
      const text = JSON.stringify({
        dims: 1,
        input: { shape: [4, 100], init: 'ones' },
        layers: [{ outChannels: 2, kernelSize: 3, stride: 2, padding: 1 }],
      });
      await p.render(payloadOf(text), 'uneven.tconv.json');
      await p.showView('overlap');
      assert.equal(
        await p.page.locator('.overlap-axes').textContent(),
        'L · 199 positions: repeating every 2 positions (the stride): 1 2',
      );
      assert.match((await p.page.locator('.overlap-note').textContent()) ?? '', /Uneven overlap/);
    } finally {
      await p.close();
    }
  });

  it('Steps for HiFi-GAN ups.1 (65,536 steps per output channel in 2-D terms): a strip of input channel 0’s 256 steps', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 600, height: 1000 });
    try {
      const payload = payloadOf(HIFIGAN);
      const strip = payload.layers.find((l) => l.id === 'layer-2')?.stepStrip;
      assert.ok(strip);
      await p.render(payload, 'hifigan.tconv.json');
      await selectLayer(p, 'steps', 'layer-2');
      assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 0 of 256');
      for (let i = 0; i < 3; i++) await p.page.click('.stepper-next');
      const caption = (await p.page.locator('.step-caption').textContent()) ?? '';
      assert.match(caption, /^x\[0, 0, 2\] = .* times the kernel, placed at 16$/);
      // The current step's 16 taps, at 16 … 31, hold the running sum of steps 0, 1 and 2.
      const sum = stripSum(strip, 3);
      const current = await p.page.evaluate<string[]>(
        `[...document.querySelectorAll('.strip-canvas td.current')].map((td) => td.title)`,
      );
      assert.deepEqual(
        current,
        Array.from({ length: 16 }, (_, a) => `canvas[${16 + a}] = ${String(sum[16 + a])}`),
      );
      assert.deepEqual(
        await p.page.evaluate<string[]>(
          `[...document.querySelectorAll('.strip-input td.current')].map((td) => td.title)`,
        ),
        [`x[0, 0, 2] = ${String(strip.input[2])}`],
      );
      await shot(p, 'steps-hifigan-600');
      await p.page.evaluate(
        `(() => { const s = document.querySelector('.stepper-slider'); s.value = '256'; s.dispatchEvent(new Event('input')); })()`,
      );
      assert.match(
        (await p.page.locator('.step-caption').textContent()) ?? '',
        /All steps of input channel 0 added: its share of output channel 0\. The output is the sum of all 256 input channels' shares/,
      );
      assert.deepEqual(await p.page.evaluate<string[]>(CUT_OFF), []);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });

  it('Steps for a HiFi-GAN layer past the budget (ups.2): asked for, computed, 2,048 steps', async () => {
    const p = await PreviewPage.open({ theme: 'dark', width: 600 });
    try {
      await p.render(payloadOf(HIFIGAN), 'hifigan.tconv.json');
      await selectLayer(p, 'steps', 'layer-3');
      const button = p.page.locator('vscode-tab-panel[data-view="steps"] .view-message vscode-button');
      assert.equal(await button.textContent(), 'Compute values for this layer');
      await button.click();
      const selection = (await p.posted()).filter((m): m is SelectionMessage => m.type === 'selection').pop();
      assert.deepEqual(selection, {
        type: 'selection',
        layerId: 'layer-3',
        batch: 0,
        inChannel: 0,
        outChannel: 0,
      });
      const { type: _, ...focus } = selection;
      const focused: PreviewPayload = payloadOf(HIFIGAN, { focus });
      await p.render(focused, 'hifigan.tconv.json');
      assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 0 of 2048');
      await p.page.click('.stepper-next');
      assert.match((await p.page.locator('.step-caption').textContent()) ?? '', /^x\[0, 0, 0\] = /);
    } finally {
      await p.close();
    }
  });

  it('Steps follows the In channel: a strip of another channel is asked for, then shown', async () => {
    const state: PreviewState = {
      documentUri: 'file:///work/hifigan.tconv.json',
      view: 'steps',
      layerId: 'layer-1',
      batch: 0,
      inChannel: 5,
      outChannel: 2,
      step: 1,
      zoom: 1,
    };
    const p = await PreviewPage.open({ theme: 'dark', width: 600, state });
    try {
      await p.render(payloadOf(HIFIGAN), 'hifigan.tconv.json');
      const button = p.page.locator('vscode-tab-panel[data-view="steps"] .view-message vscode-button');
      assert.equal(await button.textContent(), 'Load this plane');
      await button.click();
      const selection = (await p.posted()).filter((m): m is SelectionMessage => m.type === 'selection').pop();
      assert.ok(selection);
      assert.deepEqual([selection.layerId, selection.inChannel, selection.outChannel], ['layer-1', 5, 2]);
      const { type: _, ...focus } = selection;
      await p.render(payloadOf(HIFIGAN, { focus }), 'hifigan.tconv.json');
      assert.match((await p.page.locator('.step-caption').textContent()) ?? '', /^x\[0, 5, 0\] = /);
      assert.match((await p.page.locator('.strip-canvas-card h3').textContent()) ?? '', /in 5 → out 2/);
    } finally {
      await p.close();
    }
  });
});

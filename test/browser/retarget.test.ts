/**
 * The preview retargeted to another spec (issue 16): another document's errors never show over the last
 * document's render, and Steps starts at its first step on another document or layer.
 */
import { strict as assert } from 'node:assert';
import { errorMessage, exampleText, payloadOf, PreviewPage } from './harness';

const TWO_LAYERS = JSON.stringify({
  name: 'two layers',
  input: {
    data: [
      [0, 1],
      [2, 3],
    ],
  },
  layers: [
    { kernelSize: 2, stride: 2 },
    { kernelSize: 2, stride: 1 },
  ],
});

describe('preview retargeted to another spec', function () {
  this.timeout(60_000);
  let p: PreviewPage;
  const stride = payloadOf(exampleText('d2l-stride'));
  const padding = payloadOf(exampleText('d2l-padding'));

  before(async () => {
    p = await PreviewPage.open();
  });
  after(async () => {
    await p?.close();
  });
  afterEach(async () => {
    assert.deepEqual(await p.problems(), []);
  });

  async function stepToEnd(): Promise<string> {
    const count = Number(await p.page.locator('.stepper-slider').getAttribute('max'));
    for (let i = 0; i < count; i++) await p.page.click('.stepper-next');
    return (await p.page.locator('.stepper-position').textContent()) ?? '';
  }

  it("another document's errors show alone, without the last document's render under them", async () => {
    await p.render(stride, 'a.tconv.json');
    await p.showView('grids');
    assert.equal(await p.page.locator('.grid-output td').count(), 16);
    await p.send(errorMessage('b.tconv.json', 'layers must not be empty'));
    await p.page.waitForSelector('.error-banner:not([hidden])');
    assert.equal(await p.page.locator('tr, td, canvas').count(), 0, 'no grids of a');
    assert.equal(await p.page.locator('#content').isHidden(), true);
    assert.equal(await p.page.locator('#content.stale').count(), 0, 'nothing dimmed: there is nothing of b to dim');
    assert.equal(
      await p.page.locator('.error-banner .no-render-note').textContent(),
      'Nothing to show yet: fix the errors below.',
    );
    assert.equal(await p.page.locator('.error-banner .stale-note').count(), 0);
    assert.match((await p.page.locator('.error-banner').textContent()) ?? '', /layers must not be empty/);
    assert.equal(await p.page.locator('.spec-title').textContent(), 'b.tconv.json');
    assert.doesNotMatch((await p.page.locator('body').textContent()) ?? '', /a\.tconv\.json|stride spreads/);
    const states = await p.states();
    assert.equal(states[states.length - 1].documentUri, 'file:///work/b.tconv.json');
  });

  it('once fixed, the other document renders; its own later errors keep its render, dimmed', async () => {
    await p.render(padding, 'b.tconv.json');
    assert.equal(await p.page.locator('.error-banner').isVisible(), false);
    assert.deepEqual(await p.tableText('.grid-output table'), [['4']]);
    await p.send(errorMessage('b.tconv.json', 'stride must be ≥ 1'));
    await p.page.waitForSelector('#content.stale');
    assert.deepEqual(await p.tableText('.grid-output table'), [['4']]);
    assert.equal(await p.page.locator('.error-banner .stale-note').count(), 1);
    assert.equal(await p.page.locator('.error-banner .no-render-note').count(), 0);
  });

  it('Steps starts at its first step on another document, and keeps its step on the same one', async () => {
    await p.render(stride, 'a.tconv.json');
    await p.showView('steps');
    assert.equal(await stepToEnd(), 'Step 4 of 4');
    await p.render(stride, 'a.tconv.json');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 4 of 4', 'same document');
    await p.render(padding, 'b.tconv.json');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 0 of 4');
    assert.equal(
      await p.page.locator('.step-caption').textContent(),
      'Each input element scales the whole kernel; Next places it on the canvas at (row·stride, column·stride).',
    );
    assert.equal(await p.page.locator('.steps-canvas td.current').count(), 0);
  });

  it("Steps starts at its first step after another document's errors too", async () => {
    assert.equal(await stepToEnd(), 'Step 4 of 4');
    await p.send(errorMessage('c.tconv.json', 'kernelSize must be ≥ 1'));
    await p.page.waitForSelector('.error-banner .no-render-note');
    await p.render(stride, 'c.tconv.json');
    await p.showView('steps');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 0 of 4');
  });

  it('Steps starts at its first step when the selected layer is gone from the same document', async () => {
    await p.render(payloadOf(TWO_LAYERS), 'two.tconv.json');
    await p.page.evaluate(
      `(() => { const s = document.querySelector('.select-layer'); s.value = 'layer-1'; s.dispatchEvent(new Event('change')); })()`,
    );
    await p.showView('steps');
    await p.page.click('.stepper-next');
    await p.page.click('.stepper-next');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 2 of 16');
    await p.render(stride, 'two.tconv.json');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 0 of 4');
  });

  it("the last step's placement stays visible: named in the caption and not dimmed by the crop", async () => {
    await p.render(padding, 'b.tconv.json');
    await p.showView('steps');
    assert.equal(await stepToEnd(), 'Step 4 of 4');
    const caption = (await p.page.locator('.step-caption').textContent()) ?? '';
    assert.match(caption, /x\[0, 0, 1, 1\] = 3 times the kernel, placed at row 1, column 1/);
    assert.match(caption, /All steps added/);
    const current = await p.page.evaluate<{ crop: boolean; opacity: string }[]>(
      `[...document.querySelectorAll('.steps-canvas td.current')].map((td) => ({ crop: td.classList.contains('crop'), opacity: getComputedStyle(td).opacity }))`,
    );
    assert.equal(current.length, 4);
    assert.ok(
      current.some((c) => c.crop),
      'the last placement reaches into the cropped border',
    );
    assert.deepEqual(
      current.map((c) => c.opacity),
      ['1', '1', '1', '1'],
    );
  });
});

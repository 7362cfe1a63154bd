/** Every example (and a 1-D and a grouped layer) renders in every view, for every layer, without a page error or CSP violation. */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { VIEW_IDS } from '../../src/webviewProtocol';
import { EXAMPLES_DIR, exampleText, payloadOf, PreviewPage } from './harness';

const EXTRA: Record<string, string> = {
  'one-dimensional': JSON.stringify({
    dims: 1,
    input: { shape: [2, 7] },
    layer: { outChannels: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, bias: true },
  }),
  grouped: JSON.stringify({
    input: { shape: [1, 4, 3, 3] },
    layer: { outChannels: 6, kernelSize: 2, stride: 2, groups: 2, dilation: 2 },
  }),
};

describe('every example in every view', function () {
  this.timeout(180_000);
  let p: PreviewPage;
  const examples = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.tconv.json'))
    .map((f) => f.replace('.tconv.json', ''));

  before(async () => {
    p = await PreviewPage.open();
  });
  after(async () => {
    await p?.close();
  });

  for (const name of [...examples, ...Object.keys(EXTRA)]) {
    it(name, async () => {
      const payload = payloadOf(EXTRA[name] ?? exampleText(name), { symbolic: true });
      await p.render(payload, `${name}.tconv.json`);
      for (const layer of payload.layers) {
        await p.page.evaluate(
          `(() => { const s = document.querySelector('.select-layer'); s.value = ${JSON.stringify(layer.id)}; s.dispatchEvent(new Event('change')); })()`,
        );
        for (const view of VIEW_IDS) await p.showView(view);
      }
      assert.deepEqual(await p.problems(), []);
    });
  }
});

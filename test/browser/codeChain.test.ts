/**
 * The Code view's "Whole chain" (issue 13's follow-up): a U-Net's code in every framework, its skip connections
 * kept in variables; the layer's own code stays one click away. Screenshot:
 * test-results/screenshots/unet-skips-code-chain.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

describe('the Code view: this layer or the whole chain', function () {
  this.timeout(120_000);
  let p: PreviewPage;
  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    p = await PreviewPage.open({ width: 900, height: 900 });
    await p.render(payloadOf(exampleText('unet-skips')), 'unet-skips.tconv.json');
    await p.showView('code');
  });
  after(() => p.close());

  const code = (selector: string) => p.page.locator(`${selector} code`).textContent();

  it("starts on the selected layer's code, with a choice of the whole chain", async () => {
    assert.match((await code('.code-card[data-framework="pytorch"]')) ?? '', /layer = nn\.ConvTranspose2d\(/);
    assert.equal(await p.page.locator('.chain-code-card').count(), 0);
    assert.equal(await p.page.locator('.code-scope-layer').getAttribute('aria-pressed'), 'true');
    assert.match((await p.page.locator('.code-scope-chain').textContent()) ?? '', /17/);
  });

  it('the whole chain: every framework, the skips kept and joined', async () => {
    await p.page.click('.code-scope-chain');
    await p.waitFor(`document.querySelectorAll('.chain-code-card').length === 4`);
    const pytorch = (await code('.chain-code-card[data-framework="pytorch"]')) ?? '';
    assert.match(pytorch, /enc2 = x {2}# kept for the skip connection/);
    assert.match(pytorch, /x = torch\.cat\(\[x, enc2\], dim=1\)/);
    assert.match(pytorch, /self\.pool1 = nn\.MaxPool2d\(kernel_size=2, stride=2, padding=0\)/);
    assert.match((await code('.chain-code-card[data-framework="tensorflow"]')) ?? '', /Concatenate\(axis=-1/);
    assert.match((await code('.chain-code-card[data-framework="onnx"]')) ?? '', /"Concat",/);
    assert.match(
      (await code('.chain-code-card[data-framework="jax"]')) ?? '',
      /jnp\.concatenate\(\[h, enc1\], axis=1\)/,
    );
    assert.equal(await p.page.locator('.code-card').count(), 0);
    await p.page.screenshot({ path: join(SCREENSHOT_DIR, 'unet-skips-code-chain.png') });
    assert.deepEqual(p.pageErrors, []);
  });

  it('the choice stays while another layer is picked, and "This layer" goes back', async () => {
    await p.page.click('.code-scope-layer');
    await p.waitFor(`document.querySelectorAll('.code-card').length === 4`);
    assert.equal(await p.page.locator('.chain-code-card').count(), 0);
  });

  it('a single-layer spec has no choice to make', async () => {
    await p.render(payloadOf(exampleText('d2l-stride')), 'd2l-stride.tconv.json');
    await p.showView('code');
    await p.waitFor(`document.querySelectorAll('.code-card').length === 4`);
    assert.equal(await p.page.locator('.code-scope').count(), 0);
  });
});

/**
 * Light high contrast (issue 16): VS Code sets no button hover colours in high-contrast themes, and the buttons'
 * built-in fallback is dark, so a focused secondary button (the stepper's Next) was dark text on dark. Every
 * focused button must keep readable text: a contrast ratio of at least 4.5 (WCAG AA).
 * Screenshot: test-results/screenshots/hc-light-steps-focused-next.png.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { exampleText, payloadOf, PreviewPage } from './harness';
import { SCREENSHOT_DIR } from './screenshots.test';

/** Text and background colours of a focused vscode-button's inner box, and their WCAG contrast ratio. */
const FOCUSED_CONTRAST = (selector: string) => `(() => {
  const host = document.querySelector(${JSON.stringify(selector)});
  host.focus();
  const base = host.shadowRoot.querySelector('.base');
  const style = getComputedStyle(base);
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
  return { color: style.color, background: style.backgroundColor, ratio: (a + 0.05) / (b + 0.05), focused: document.activeElement === host };
})()`;

interface Contrast {
  color: string;
  background: string;
  ratio: number;
  focused: boolean;
}

describe('light high contrast', function () {
  this.timeout(60_000);
  before(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  it('a focused button keeps readable text: the stepper Next, Verify and the Verify view button', async () => {
    const p = await PreviewPage.open({ theme: 'hc-light', width: 900, height: 800 });
    try {
      await p.render(payloadOf(exampleText('d2l-stride')), 'd2l-stride.tconv.json');
      await p.showView('steps');
      const next = await p.page.evaluate<Contrast>(FOCUSED_CONTRAST('.stepper-next'));
      await p.page.screenshot({ path: join(SCREENSHOT_DIR, 'hc-light-steps-focused-next.png') });
      assert.ok(next.focused, 'Next has the focus');
      assert.ok(
        next.ratio >= 4.5,
        `Next focused: ${next.color} on ${next.background}, contrast ${next.ratio.toFixed(2)}`,
      );
      const verify = await p.page.evaluate<Contrast>(FOCUSED_CONTRAST('.toolbar-verify'));
      assert.ok(verify.ratio >= 4.5, `Verify focused: ${verify.color} on ${verify.background}`);
      await p.showView('verify');
      const run = await p.page.evaluate<Contrast>(FOCUSED_CONTRAST('.verify-button'));
      assert.ok(run.ratio >= 4.5, `Verify all layers focused: ${run.color} on ${run.background}`);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.close();
    }
  });
});

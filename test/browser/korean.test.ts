// The preview in Korean, as a Korean VS Code shows it: the payload built with the Korean bundle configured (as the
// worker is), the labels the host sends (localizedPreviewStrings), rendered in Chromium.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { localizedPreviewStrings } from '../../src/vscode/preview/previewStrings';
import { exampleText, payloadOf, PreviewPage } from './harness';

const korean = JSON.parse(readFileSync(join(__dirname, '../../l10n/bundle.l10n.ko.json'), 'utf8')) as Record<
  string,
  string
>;
const HANGUL = /[\uac00-\ud7af]/;
const SCREENSHOT_DIR = join(__dirname, '../../test-results/screenshots');

describe('preview in Korean (bundle loaded)', function () {
  this.timeout(60_000);
  let p: PreviewPage;

  before(async () => {
    l10n.config({ contents: korean });
    p = await PreviewPage.open({ width: 1000, height: 800 });
  });
  after(async () => {
    l10n.config({ contents: {} });
    await p?.close();
  });

  it('tabs, toolbar and the notes built in the worker are Korean; the numbers are unchanged', async () => {
    await p.send({
      type: 'strings',
      strings: localizedPreviewStrings((english, comment) =>
        comment ? l10n.t({ message: english, comment }) : l10n.t(english),
      ),
    });
    await p.render(payloadOf(exampleText('d2l-round-trip')), 'd2l-round-trip.tconv.json');
    await p.waitFor(
      `document.querySelector('vscode-tab-header[data-view="grids"]').textContent === ${JSON.stringify(korean.Grids)}`,
    );
    assert.match(korean.Grids, HANGUL);
    assert.equal(await p.page.locator('.toolbar-verify').textContent(), korean.Verify);
    await p.showView('overlap');
    const note = (await p.page.locator('.overlap-note').textContent()) ?? '';
    assert.match(note, HANGUL, note.slice(0, 200));
    assert.doesNotMatch(note, /Uneven overlap/);
    await p.showView('grids');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await p.page.screenshot({ path: join(SCREENSHOT_DIR, 'ko-d2l-round-trip-grids.png'), fullPage: true });
    assert.deepEqual(await p.problems(), []);
  });
});

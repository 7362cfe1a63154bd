// What a new user does in the editor, driven through the real workbench UI; screenshots go to test-results/ui/.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  clickIntoEditor,
  closeAllEditorsWithoutSaving,
  goToText,
  problemsInFile,
  quickOpen,
  runCommand,
  webviewFrame,
} from './workbench';
import { NEW_USER_DAY_STEPS, prepareNewUserDay } from './newUserDay';

export interface UiCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly screenshot?: string;
}

type Step = (page: Page, shot: (name: string) => Promise<string>, workspace: string) => Promise<string>;

const LARGE_ROWS = 1000;
const MISSING_ROW = 700;

const LARGE_PASTE = 'large-paste.tconv.json';

/**
 * A spec with about 7 MB of pasted numbers: 1000 rows of 1000, declared 1×1×1000×1000, where row 700 lacks its
 * first number. Written into the workspace when the UI steps start (after the suites): Quick Open finds a file
 * only some time after it appears.
 */
function largePasteSpec(): string {
  const rows = Array.from({ length: LARGE_ROWS }, (_, r) => {
    const numbers = Array.from({ length: LARGE_ROWS }, (_, c) => (((r * 31 + c * 17) % 1000) / 1000).toFixed(3));
    return `[${(r === MISSING_ROW ? numbers.slice(1) : numbers).join(', ')}]`;
  });
  return `{
  "name": "a large paste",
  "input": {
    "shape": [1, 1, ${LARGE_ROWS}, ${LARGE_ROWS}],
    "data": [[[
${rows.join(',\n')}
]]]
  },
  "layer": { "kernel": { "data": [[0, 1], [2, 3]] }, "stride": 2 }
}
`;
}

const steps: [string, Step][] = [
  [
    'a broken spec shows a squiggle on the offending token',
    async (page, shot) => {
      await closeAllEditorsWithoutSaving(page);
      await quickOpen(page, 'output-padding-too-large.tconv.json');
      const squiggle = page.locator('.squiggly-error').first();
      await squiggle.waitFor({ timeout: 20_000 });
      return shot('squiggle');
    },
  ],
  [
    'hovering the squiggle shows the diagnostic with its fix',
    async (page, shot) => {
      await page.locator('.squiggly-error').first().hover({ force: true });
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'output-padding-range' });
      await hover.first().waitFor({ timeout: 10_000 });
      return shot('hover-diagnostic');
    },
  ],
  [
    'hovering stride shows the formula with numbers',
    async (page, shot) => {
      await page.mouse.move(5, 5);
      const stride = page.locator('.view-line span', { hasText: '"stride"' }).first();
      await stride.hover();
      await page.locator('.monaco-hover:not(.hidden)', { hasText: 'H_out = (' }).first().waitFor({ timeout: 10_000 });
      return shot('hover-formula');
    },
  ],
  [
    'the Problems panel lists it with its code, once',
    async (page, shot) => {
      await runCommand(page, 'View: Focus Problems');
      await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'output-padding-range' })
        .first()
        .waitFor({ timeout: 10_000 });
      // The file's row counts its problems: one mistake, one problem (no second copy from VS Code's JSON support).
      const count = await problemsInFile(page, 'output-padding-too-large.tconv.json');
      if (count !== 1)
        throw new Error(`Problems counts ${count} problems in output-padding-too-large.tconv.json, not 1`);
      return shot('problems');
    },
  ],
  [
    'typing the fix clears the squiggle',
    async (page, shot) => {
      await quickOpen(page, 'output-padding-too-large.tconv.json');
      // Find selects "2 }"; typing over it (no quote or bracket opened, so nothing auto-closes) gives a valid value.
      await goToText(page, 'output-padding-too-large.tconv.json', '2 }');
      await page.keyboard.type('1 }');
      await page.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
      return shot('fixed');
    },
  ],
  [
    'Ctrl+. on the squiggle offers the quick fix, and applying it clears the error',
    async (page, shot) => {
      await closeAllEditorsWithoutSaving(page);
      await quickOpen(page, 'unet-off-by-one.tconv.json');
      const squiggle = page.locator('.squiggly-error').first();
      await squiggle.waitFor({ timeout: 20_000 });
      await squiggle.click({ force: true });
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'outputPadding to 1' }).first();
      await fix.waitFor({ timeout: 10_000 });
      const file = await shot('quick-fix-menu');
      await page.keyboard.press('Enter'); // the fix is the focused row, as the screenshot shows
      await page.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
      return file;
    },
  ],
  [
    'Verify Current Spec from the palette reports the verifications',
    async (page, shot) => {
      await quickOpen(page, 'd2l-stride.tconv.json');
      await runCommand(page, 'Transposed Convolution: Verify Current Spec');
      await page
        .locator('.notification-toast', { hasText: 'd2l-stride.tconv.json: 8 passed, 0 failed' })
        .first()
        .waitFor({ timeout: 30_000 });
      return shot('verify-notification');
    },
  ],
  [
    'the Testing view lists the specs with their verifications',
    async (page, shot) => {
      await runCommand(page, 'Testing: Focus on Test Explorer View');
      await page
        .locator('.test-explorer .monaco-list-row', { hasText: 'd2l-stride.tconv.json' })
        .first()
        .waitFor({ timeout: 20_000 });
      return shot('testing-view');
    },
  ],
  [
    'the walkthrough teaches the topic in six steps, with live examples',
    async (page, shot) => {
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Transposed convolution in six steps' })
        .first()
        .click();
      await page
        .locator('.getting-started-step', { hasText: 'The basic operation' })
        .first()
        .waitFor({ timeout: 20_000 });
      await page.locator('.getting-started-step', { hasText: 'Stride spreads the copies apart' }).first().click();
      const file = await shot('walkthrough');
      await page
        .getByRole('button', { name: 'Open the stride example' })
        .or(page.locator('a', { hasText: 'Open the stride example' }))
        .first()
        .click();
      // The example opens as an untitled copy with its preview: no preview tab existed before this step.
      await page.locator('.tab[aria-label*="Preview d2l-stride.tconv.json"]').first().waitFor({ timeout: 20_000 });
      await shot('walkthrough-example');
      await runCommand(page, 'View: Revert and Close Editor');
      return file;
    },
  ],
  [
    'the preview opens beside the spec and follows an edit',
    async (page, shot) => {
      await quickOpen(page, 'playground.tconv.json');
      await runCommand(page, 'Transposed Convolution: Open Preview to the Side');
      const frame = await webviewFrame(page, 'vscode-tab-header[data-view="grids"]');
      await frame.locator('vscode-tab-header[data-view="grids"]').click();
      // Locators, not evaluated scripts: the preview's CSP (rightly) forbids eval, Playwright's string functions included.
      await frame.getByText('9', { exact: true }).first().waitFor({ timeout: 20_000 });
      await shot('preview');
      // The input's last row: [2, 3]] },  →  [2, 5]] },  (typed over Find's selection; no bracket is opened,
      // so auto-closing cannot interfere). With kernel [[0,1],[2,3]] at stride 2 the last output row becomes 4 6 10 15.
      await goToText(page, 'playground.tconv.json', '3]] },');
      await page.keyboard.type('5]] },');
      await frame.getByText('15', { exact: true }).first().waitFor({ timeout: 20_000 });
      return shot('preview-follows-edit');
    },
  ],
  [
    '7 MB of pasted numbers: F8 goes to the short row, typing the number clears it, and data hovers show the shape',
    async (page, shot) => {
      await closeAllEditorsWithoutSaving(page);
      await quickOpen(page, LARGE_PASTE);
      await clickIntoEditor(page, LARGE_PASTE);
      await page.keyboard.press('Control+Home');
      // The diagnostic is on row 700, far below the screen: Go to Next Problem (F8) shows it in place, once it is there.
      const problem = page
        .locator('.marker-widget', { hasText: `input.data[0][0][${MISSING_ROW}] has ${LARGE_ROWS - 1} numbers` })
        .first();
      for (let tries = 0; tries < 30 && !(await problem.isVisible()); tries++) {
        await page.keyboard.press('F8');
        await problem.waitFor({ timeout: 2_000 }).catch(() => undefined);
      }
      await problem.waitFor({ timeout: 1_000 });
      const file = await shot('large-paste-problem');
      // The paste's one mistake is one problem in Problems.
      const count = await problemsInFile(page, LARGE_PASTE);
      if (count !== 1) throw new Error(`Problems counts ${count} problems in ${LARGE_PASTE}, not 1`);
      // Row r is on line 6 + r: go just inside its "[" and type the missing number.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+G');
      const line = page.locator('.quick-input-widget input.input');
      await line.waitFor({ state: 'visible', timeout: 10_000 });
      await line.fill(`:${6 + MISSING_ROW}:2`);
      await page.keyboard.press('Enter');
      await page.keyboard.type('0.5, ');
      await page
        .locator(`.monaco-editor[data-uri$="/${LARGE_PASTE}"] .squiggly-error`)
        .first()
        .waitFor({ state: 'detached', timeout: 60_000 });
      // The number right after the cursor (just typed in front of it): where the cursor is drawn is known, whereas
      // Monaco reuses its line elements, so their order in the page is not the order on screen.
      const cursor = await page.locator(`.monaco-editor[data-uri$="/${LARGE_PASTE}"] .cursor`).first().boundingBox();
      if (!cursor) throw new Error('the cursor of the paste is not on screen');
      await page.mouse.move(cursor.x + 14, cursor.y + cursor.height / 2);
      const hover = page
        .locator('.monaco-hover:not(.hidden)', { hasText: `declared shape [1, 1, ${LARGE_ROWS}, ${LARGE_ROWS}] ✔` })
        .first();
      await hover.waitFor({ timeout: 30_000 });
      // The number under the pointer, by its index in the paste.
      await page
        .locator('.monaco-hover:not(.hidden)', { hasText: /input\.data\[0\]\[0\]\[\d+\]\[\d+\] = 0\.\d{3}/ })
        .first()
        .waitFor({ timeout: 5_000 });
      await shot('large-paste-hover');
      // The preview of the paste: 1000×1000 in, 2000×2000 out, drawn within its caps.
      await page.mouse.move(5, 5);
      await runCommand(page, 'Transposed Convolution: Open Preview to the Side');
      const frame = await webviewFrame(page, 'body[data-rendered-version]', 60_000);
      await frame.getByText('1×1×2000×2000', { exact: true }).first().waitFor({ timeout: 60_000 });
      await shot('large-paste-preview');
      await runCommand(page, 'View: Close All Editors');
      const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
      if (
        await dontSave.waitFor({ state: 'visible', timeout: 3_000 }).then(
          () => true,
          () => false,
        )
      )
        await dontSave.click();
      return file;
    },
  ],
];

export async function runUiScenario(page: Page, dir: string, workspace: string): Promise<UiCheck[]> {
  const checks: UiCheck[] = [];
  const shot = async (name: string) => {
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  writeFileSync(path.join(workspace, LARGE_PASTE), largePasteSpec());
  prepareNewUserDay(workspace);
  for (const [name, step] of [...steps, ...NEW_USER_DAY_STEPS]) {
    try {
      // Start each step from a calm workbench: no quick input, hover or notification toast in the way.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      const file = await step(page, shot, workspace);
      checks.push({ name, ok: true, detail: '', screenshot: file });
    } catch (e) {
      const file = await shot(`FAILED-${checks.length + 1}`).catch(() => undefined);
      checks.push({ name, ok: false, detail: e instanceof Error ? e.message : String(e), screenshot: file });
    }
  }
  return checks;
}

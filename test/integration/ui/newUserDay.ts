// A new user's day in the workbench: type a small decoder with the mistakes users make, fix each with Ctrl+.,
// walk every preview tab in the light, dark and both high-contrast themes, then verify and read the same story in
// the toast and in the preview's Verify tab.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  clickIntoEditor,
  closeAllEditorsWithoutSaving,
  goToText,
  problemsInFile,
  quickOpen,
  runCommand,
  webviewFrame,
} from './workbench';

export const DAY_FILE = 'my-decoder.tconv.json';

/**
 * What the user types, on one line (Monaco's auto-closing pairs are overtyped as the closing characters are typed).
 * Three mistakes: a stride written as a string, groups that divide neither channel count, a misspelt check.
 */
export const TYPED_DECODER =
  '{ "input": { "shape": [1, 2, 3, 3], "init": "randn" }, "layers": [' +
  ' { "name": "up1", "outChannels": 2, "kernelSize": 3, "stride": "2", "padding": 1, "groups": 3 },' +
  ' { "name": "up2", "outChannels": 1, "kernelSize": 2, "stride": 2 } ],' +
  ' "expect": { "outputShape": [1, 1, 10, 10] }, "verify": ["adjont", "roundTrip"] }';

/** Problems shown right after typing: the two schema mistakes; the layer's own check waits until the schema holds. */
export const PROBLEMS_AT_FIRST = 2;

/**
 * Each mistake: the text Find selects (the offending token), the title of the fix the user picks, and how many
 * problems the file has once it is applied (fixing the schema reveals the groups mistake).
 */
export const MISTAKES: readonly { readonly token: string; readonly fix: RegExp; readonly problemsAfter: number }[] = [
  { token: '"2"', fix: /^Write 2 as a number$/, problemsAfter: 1 },
  { token: '"adjont"', fix: /^Change to "adjoint"$/, problemsAfter: 1 },
  { token: '"groups": 3', fix: /groups.*\b2\b/, problemsAfter: 0 },
];

/** The built-in themes (their `workbench.colorTheme` names), with the class VS Code puts on a webview's body in each. */
const THEMES = [
  { name: 'Default Light Modern', bodyClass: 'vscode-light' },
  { name: 'Default Dark Modern', bodyClass: 'vscode-dark' },
  { name: 'Default High Contrast', bodyClass: 'vscode-high-contrast' },
  { name: 'Default High Contrast Light', bodyClass: 'vscode-high-contrast-light' },
] as const;

const VIEWS = ['shapes', 'grids', 'steps', 'matrix', 'symbolic', 'overlap', 'code', 'verify'] as const;

type Shot = (name: string) => Promise<string>;
type Step = (page: Page, shot: Shot, workspace: string) => Promise<string>;

/**
 * Switches the workbench theme through the workspace's settings, which VS Code applies as the file changes (the
 * theme picker's filter also searches the marketplace, which this machine cannot reach). null: the default again.
 */
function useTheme(workspace: string, name: string | null): void {
  const dir = path.join(workspace, '.vscode');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  const settings = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  if (name === null) delete settings['workbench.colorTheme'];
  else settings['workbench.colorTheme'] = name;
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Opens a view of the preview and checks that it shows something and no error. */
async function walkView(frame: Frame, view: (typeof VIEWS)[number]): Promise<void> {
  await frame.locator(`vscode-tab-header[data-view="${view}"]`).click();
  const panel = frame.locator(`vscode-tab-panel[data-view="${view}"]`);
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  // Some visible text in the panel: the view rendered something for this spec.
  await panel.locator(':visible', { hasText: /\S/ }).first().waitFor({ timeout: 10_000 });
  if (await frame.locator('.error-banner:visible').count())
    throw new Error(`the ${view} view shows an error banner: ${await frame.locator('.error-banner').innerText()}`);
}

/** 0 once the editor of the file shows no error squiggle (Problems then has no row for the file to count). */
async function noProblems(page: Page): Promise<number> {
  const squiggles = page.locator(`.monaco-editor[data-uri$="/${DAY_FILE}"] .squiggly-error`);
  await squiggles
    .first()
    .waitFor({ state: 'detached', timeout: 2_000 })
    .catch(() => undefined);
  return squiggles.count();
}

const steps: [string, Step][] = [
  [
    "a new user's decoder: each typed schema mistake is one problem on its token",
    async (page, shot) => {
      await closeAllEditorsWithoutSaving(page);
      await quickOpen(page, DAY_FILE);
      await clickIntoEditor(page, DAY_FILE);
      await page.keyboard.type(TYPED_DECODER);
      await page
        .locator(`.monaco-editor[data-uri$="/${DAY_FILE}"] .squiggly-error`)
        .first()
        .waitFor({ timeout: 20_000 });
      const count = await problemsInFile(page, DAY_FILE);
      if (count !== PROBLEMS_AT_FIRST)
        throw new Error(`Problems counts ${count} problems in ${DAY_FILE}, not ${PROBLEMS_AT_FIRST}`);
      return shot('day-typed');
    },
  ],
  [
    "a new user's decoder: Ctrl+. fixes every mistake",
    async (page, shot) => {
      for (const [i, mistake] of MISTAKES.entries()) {
        await quickOpen(page, DAY_FILE);
        // Back to the start of the long line: Find clicks the editor's first line, which must be on screen.
        await page.keyboard.press('Control+Home');
        await goToText(page, DAY_FILE, mistake.token);
        await page.keyboard.press('Control+.');
        const row = page.locator('.action-widget .monaco-list-row', { hasText: mistake.fix }).first();
        await row.waitFor({ timeout: 20_000 }).catch(async () => {
          const offered = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
          throw new Error(`no fix matching ${mistake.fix} on ${mistake.token}; offered: ${offered.join(' | ')}`);
        });
        if (i === 1) await shot('day-quick-fix');
        // As a user does with the keyboard: down to the fix, then Enter (the menu blocks the pointer until it moves).
        const focused = page.locator('.action-widget .monaco-list-row.focused').first();
        for (let down = 0; down < 10 && !mistake.fix.test((await focused.getAttribute('aria-label')) ?? ''); down++)
          await page.keyboard.press('ArrowDown');
        const chosen = (await focused.getAttribute('aria-label')) ?? '';
        if (!mistake.fix.test(chosen)) throw new Error(`the arrow keys did not reach ${mistake.fix} (at "${chosen}")`);
        await page.keyboard.press('Enter');
        const left = mistake.problemsAfter;
        const deadline = Date.now() + 20_000;
        let count = -1;
        while (Date.now() < deadline && count !== left)
          count = left === 0 ? await noProblems(page) : await problemsInFile(page, DAY_FILE, 500).catch(() => -1);
        if (count !== left) throw new Error(`after fixing ${mistake.token}: ${count} problems, not ${left}`);
      }
      await quickOpen(page, DAY_FILE);
      await page.keyboard.press('Control+S');
      await page
        .locator(`.tab.dirty[data-resource-name="${DAY_FILE}"]`)
        .waitFor({ state: 'detached', timeout: 10_000 });
      return shot('day-fixed');
    },
  ],
  [
    "a new user's decoder: every preview tab renders in light, dark and both high-contrast themes",
    async (page, shot, workspace) => {
      await quickOpen(page, DAY_FILE);
      await runCommand(page, 'Transposed Convolution: Open Preview to the Side');
      let first = '';
      try {
        for (const theme of THEMES) {
          useTheme(workspace, theme.name);
          const frame = await webviewFrame(page, `body.${theme.bodyClass}[data-rendered-version]`, 30_000);
          for (const view of VIEWS) {
            await walkView(frame, view).catch((e: Error) => {
              throw new Error(`${theme.name}: ${e.message}`);
            });
            const file = await shot(`day-${theme.bodyClass}-${view}`);
            first ||= file;
          }
        }
      } finally {
        useTheme(workspace, null);
      }
      return first;
    },
  ],
  [
    "a new user's decoder: Verify tells the same story in the toast and in the preview",
    async (page, shot) => {
      // The spec's own tab, left of its preview (Quick Open would open it a second time in the preview's group).
      await page.locator(`.tab[data-resource-name="${DAY_FILE}"]`).first().click();
      await runCommand(page, 'Transposed Convolution: Verify Current Spec');
      const toast = page.locator('.notification-toast', { hasText: `${DAY_FILE}: ` }).first();
      await toast.waitFor({ timeout: 60_000 });
      const said = /(\d+) passed, (\d+) failed/.exec(await toast.innerText());
      if (!said) throw new Error(`unexpected toast: ${await toast.innerText()}`);
      if (said[2] !== '0') throw new Error(`the fixed decoder fails verification: ${said[0]}`);
      const frame = await webviewFrame(page, 'body[data-rendered-version]', 30_000);
      await frame.locator('vscode-tab-header[data-view="verify"]').click();
      await frame
        .locator('vscode-tab-panel[data-view="verify"]')
        .getByText(`${said[1]} passed, 0 failed, 0 not run`)
        .first()
        .waitFor({ timeout: 30_000 });
      return shot('day-verified');
    },
  ],
];

/** Writes the empty file the user types into; Quick Open finds a file only some time after it appears. */
export function prepareNewUserDay(workspace: string): void {
  writeFileSync(path.join(workspace, DAY_FILE), '');
}

export const NEW_USER_DAY_STEPS = steps;

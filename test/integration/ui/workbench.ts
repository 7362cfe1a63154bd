// Small Playwright helpers for driving the VS Code workbench the way a user does: palette, quick open, keys.
import type { Frame, Page } from 'playwright-core';

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(fileName);
  // Click the matching row: Enter would take whichever row is first while the list is still re-sorting.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator(`.tab.active[data-resource-name="${fileName}"]`).waitFor({ timeout: 10_000 });
}

/** Clicks into the first line of the editor of `fileName` (its start must be on screen). */
export async function clickIntoEditor(page: Page, fileName: string): Promise<void> {
  await page
    .locator(`.monaco-editor[data-uri$="/${fileName}"] .view-lines`)
    .first()
    .click({ position: { x: 10, y: 5 } });
}

/** Selects the first occurrence of `needle` in the editor of `fileName` with Find, then closes Find. */
export async function goToText(page: Page, fileName: string, needle: string): Promise<void> {
  await clickIntoEditor(page, fileName);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  const find = page.locator('.find-widget textarea, .find-widget input').first();
  await find.waitFor({ state: 'visible', timeout: 5_000 });
  await find.fill(needle);
  // Find-as-you-type already selects the first match after the cursor (Enter would move to the next one).
  await page.keyboard.press('Escape');
}

/** The webview frame whose document contains `selector` (VS Code nests the content in an inner iframe). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame with ${selector} after ${timeoutMs / 1000} s`);
}

/**
 * Closes every editor. The suites before leave edited scratch specs unsaved (auto-save is off, as on desktop),
 * so VS Code asks whether to save them: the answer is no, nothing of the workspace's examples is written.
 */
export async function closeAllEditorsWithoutSaving(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (
    await dontSave.waitFor({ state: 'visible', timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    await dontSave.click();
}

/**
 * How many problems the Problems panel counts for the file named `fileName` (its row reads "N problems in file
 * <name> of folder <folder>"), once it has stayed the same for `settleMs`, with the panel filtered to that file.
 */
export async function problemsInFile(page: Page, fileName: string, settleMs = 1_500): Promise<number> {
  const row = page.locator(`.markers-panel .monaco-list-row[aria-label*="problems in file ${fileName} "]`).first();
  await runCommand(page, 'View: Focus Problems');
  // The panel's list is virtual: with many files in Problems, this file's row may not be rendered at all. A glob
  // in the panel's filter keeps this file's problems, all of them, and nothing else, so the row is on screen.
  const filter = page
    .locator('.panel')
    .getByPlaceholder(/^Filter \(e\.g\. text/)
    .first();
  await filter.fill(`**/${fileName}`);
  try {
    await row.waitFor({ timeout: 10_000 });
    return await settledCount(page, row, fileName, settleMs);
  } finally {
    await filter.fill('');
  }
}

async function settledCount(
  page: Page,
  row: ReturnType<Page['locator']>,
  fileName: string,
  settleMs: number,
): Promise<number> {
  const count = async () => {
    const label = (await row.getAttribute('aria-label')) ?? '';
    const n = /^(\d+) problems in file /.exec(label);
    if (!n) throw new Error(`unexpected Problems row "${label}"`);
    return Number(n[1]);
  };
  const first = await count();
  await page.waitForTimeout(settleMs); // a second opinion (VS Code's JSON support, say) would arrive in the meantime
  const settled = await count();
  if (settled !== first) throw new Error(`the Problems count of ${fileName} went from ${first} to ${settled}`);
  return settled;
}

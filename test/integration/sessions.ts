// The workbench sessions the integration run starts, one code-server each: the same extension (.vsix) in the
// situations a user can be in. Each session's suites run in the runner extension's (Node) extension host.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runUiScenario, type UiCheck } from './ui/scenario';
import { webviewFrame } from './ui/workbench';

export interface Session {
  readonly name: string;
  /** The top-level title of its tests in the report. */
  readonly title: string;
  /** Folder of *.test.ts suites bundled into the runner extension. */
  readonly suitesDir: string;
  /** false: workspace trust is on and the folder is not trusted (restricted mode). */
  readonly trusted: boolean;
  /** Serve the workspace through a FileSystemProvider (scheme tconv-virtual) instead of file:. */
  readonly virtual?: boolean;
  readonly settings?: Record<string, unknown>;
  /** Playwright steps after the suites, with screenshots under test-results/<screenshotDir>. */
  readonly ui?: {
    readonly title: string;
    readonly screenshotDir: string;
    run(page: Page, dir: string, workspace: string): Promise<UiCheck[]>;
  };
}

/** In the web session the suites open a preview; the user must see it rendered by the web worker host. */
async function webPreviewRenders(page: Page, dir: string): Promise<UiCheck[]> {
  const name = 'the preview opened from the web extension host renders its grids';
  try {
    const frame = await webviewFrame(page, 'body[data-rendered-version]', 30_000);
    await frame.locator('vscode-tab-header[data-view="grids"]').click();
    // Whichever spec it follows by then, a rendered grid shows numbers in its cells.
    const cell = frame.locator('td:visible', { hasText: /^\s*-?\d+(\.\d+)?\s*$/ }).nth(3);
    await cell.waitFor({ timeout: 20_000 });
    const screenshot = path.join(dir, 'web-preview.png');
    await page.screenshot({ path: screenshot });
    return [{ name, ok: true, detail: '', screenshot }];
  } catch (e) {
    const screenshot = path.join(dir, 'web-preview-failed.png');
    await page.screenshot({ path: screenshot }).catch(() => {});
    return [{ name, ok: false, detail: (e as Error).message, screenshot }];
  }
}

export const SESSIONS: readonly Session[] = [
  {
    name: 'desktop',
    title: 'trusted folder, Node extension host',
    suitesDir: path.join(__dirname, 'suites'),
    trusted: true,
    ui: { title: 'UI (Playwright in code-server)', screenshotDir: 'ui', run: runUiScenario },
  },
  { name: 'restricted', title: 'restricted mode', suitesDir: path.join(__dirname, 'restricted'), trusted: false },
  {
    name: 'virtual',
    title: 'virtual workspace',
    suitesDir: path.join(__dirname, 'virtual'),
    trusted: true,
    virtual: true,
  },
  {
    name: 'web',
    title: 'web extension host',
    suitesDir: path.join(__dirname, 'web'),
    trusted: true,
    // VS Code's own switch for where an extension runs: "web" = the browser's web worker extension host.
    settings: { 'remote.extensionKind': { 'tconv.tconv': ['web'] } },
    ui: { title: 'UI (web extension host)', screenshotDir: 'ui-web', run: webPreviewRenders },
  },
];

/**
 * Opens the preview in headless Chromium (playwright-core + the system's /usr/bin/chromium, a fresh temporary
 * profile), with the fake VS Code API, and plays the host: sends HostMessages, reads WebviewMessages, states,
 * CSP violations and console errors. Fails loudly when Chromium or the built bundle is missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type {
  ErrorMessage,
  HostMessage,
  PreviewDiagnostic,
  PreviewPayload,
  PreviewState,
  RenderMessage,
  WebviewMessage,
} from '../../src/webviewProtocol';
import { buildPreviewPayload, type PreviewBuildOptions } from '../../src/preview/buildPayload';
import { fakeVscodeApiScript } from './fakeVscodeApi';
import { MEDIA_DIR, startServer, type PreviewServer } from './server';
import { applyThemeScript, type ThemeName } from './themes';

export const CHROMIUM = process.env.TCONV_CHROMIUM ?? '/usr/bin/chromium';
export const EXAMPLES_DIR = join(__dirname, '../../examples');
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function requireBrowserSetup(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set TCONV_CHROMIUM. The browser tests cannot run without it.`,
    );
  for (const file of ['preview.js', 'preview.css']) {
    if (!existsSync(join(MEDIA_DIR, file)))
      throw new Error(`${join(MEDIA_DIR, file)} is missing: run \`node scripts/build.mjs\` before the browser tests.`);
  }
}

export function exampleText(name: string): string {
  return readFileSync(join(EXAMPLES_DIR, `${name}.tconv.json`), 'utf8');
}

export function payloadOf(text: string, options: PreviewBuildOptions = {}): PreviewPayload {
  const result = buildPreviewPayload(text, options);
  if (!result.ok) throw new Error(`the spec does not build a payload: ${result.message}`);
  return result.payload;
}

let version = 0;

export function renderMessage(payload: PreviewPayload, fileName = 'spec.tconv.json'): RenderMessage {
  return { type: 'render', version: ++version, documentUri: `file:///work/${fileName}`, fileName, payload };
}

/** The host's answer for a spec with errors (documentUri as renderMessage makes it from the file name). */
export function errorMessage(fileName: string, message: string, diagnostics: PreviewDiagnostic[] = []): ErrorMessage {
  return { type: 'error', version: ++version, documentUri: `file:///work/${fileName}`, fileName, message, diagnostics };
}

export function nextVersion(): number {
  return ++version;
}

interface TestRecord {
  posted: WebviewMessage[];
  states: PreviewState[];
  state: PreviewState | null;
  violations: string[];
}

export class PreviewPage {
  readonly consoleProblems: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly server: PreviewServer,
    private readonly profile: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text()))
        this.consoleProblems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.pageErrors.push(String(e)));
  }

  static async open(
    options: { theme?: ThemeName; state?: PreviewState | null; width?: number; height?: number } = {},
  ): Promise<PreviewPage> {
    requireBrowserSetup();
    const server = await startServer();
    const profile = mkdtempSync(join(tmpdir(), 'tconv-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript({ content: fakeVscodeApiScript(options.state ?? null) });
    const preview = new PreviewPage(page, context, server, profile);
    await page.goto(`${server.origin}/`);
    await preview.waitForReady();
    await preview.setTheme(options.theme ?? 'dark');
    return preview;
  }

  private record(): Promise<TestRecord> {
    return this.page.evaluate<TestRecord>('window.__tconvTest');
  }

  async posted(): Promise<WebviewMessage[]> {
    return (await this.record()).posted;
  }

  async states(): Promise<PreviewState[]> {
    return (await this.record()).states;
  }

  async violations(): Promise<string[]> {
    return (await this.record()).violations;
  }

  /**
   * Polls a page expression until it is truthy. (page.waitForFunction polls with eval inside the page, which
   * the preview's CSP rightly refuses; page.evaluate goes through the debugger protocol instead.)
   */
  async waitFor(expression: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.page.evaluate<unknown>(expression))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async waitForReady(): Promise<void> {
    await this.waitFor('window.__tconvTest.posted.some((m) => m.type === "ready")');
  }

  async setTheme(theme: ThemeName): Promise<void> {
    await this.page.evaluate(applyThemeScript(theme));
  }

  /** Posts a host message the way VS Code delivers it (a message event on window). */
  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  }

  async render(payload: PreviewPayload, fileName?: string): Promise<RenderMessage> {
    const message = renderMessage(payload, fileName);
    await this.send(message);
    // Wait for this very render to be applied, not just for some earlier content to be visible.
    await this.page.waitForSelector(`body[data-rendered-version="${message.version}"] #content:not([hidden])`);
    return message;
  }

  /** Clicks a view's tab and waits until its panel shows. */
  async showView(view: string): Promise<void> {
    await this.page.click(`vscode-tab-header[data-view="${view}"]`);
    await this.page.waitForSelector(`vscode-tab-panel[data-view="${view}"]:not([hidden])`);
  }

  /** The text of every cell of a table, row by row. */
  async tableText(selector: string): Promise<string[][]> {
    return this.page.evaluate<string[][]>(
      `[...document.querySelector(${JSON.stringify(selector)}).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`,
    );
  }

  /** Problems that must fail any test: CSP violations, console errors, uncaught exceptions. */
  async problems(): Promise<string[]> {
    return [
      ...(await this.violations()).map((v) => `CSP violation: ${v}`),
      ...this.consoleProblems,
      ...this.pageErrors.map((e) => `page error: ${e}`),
    ];
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.server.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

// Runs the integration suites inside code-server's extension host (= VS Code 1.99), driven by headless Chromium,
// once per session (test/integration/sessions.ts): a trusted folder, restricted mode, a virtual workspace, and
// tconv in the browser's web worker extension host. Needs `bash scripts/code-server/install.sh` first.
// Usage: tsx test/integration/run-code-server.ts [session names…]
// Env: TCONV_CACHE (code-server install), TCONV_CHROMIUM, TCONV_IT_TIMEOUT_MS (default 120000), TCONV_IT_KEEP=1,
// TCONV_IT_VSIX (test this .vsix instead of running npm run package).
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compileSuites, packageExtension, prepareWorkspace, repoRoot } from './prepare';
import { SESSIONS, type Session } from './sessions';

const CODE_SERVER = '4.99.4';
const cache = process.env.TCONV_CACHE || path.join(os.homedir(), '.cache', 'tconv-code-server');
const entry = path.join(cache, CODE_SERVER, 'node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.TCONV_CHROMIUM || '/usr/bin/chromium';
const resultsTimeoutMs = Number(process.env.TCONV_IT_TIMEOUT_MS || 300_000);
const artifacts = path.join(repoRoot, 'test-results');

interface TestResult {
  titlePath: string[];
  state: 'passed' | 'failed';
  durationMs: number;
  error?: { message: string; stack: string };
}
interface Results {
  tests: TestResult[];
  error: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 25): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : `(no ${file})`;
}

/** Mocha-style listing; returns [passed, failed]. */
function report(results: Results): [number, number] {
  const failures: TestResult[] = [];
  let prev: string[] = [];
  console.log('');
  for (const t of results.tests) {
    const suites = t.titlePath.slice(0, -1);
    let i = 0;
    while (i < suites.length && suites[i] === prev[i]) i++;
    for (; i < suites.length; i++) console.log(`${'  '.repeat(i + 1)}${suites[i]}`);
    prev = suites;
    const pad = '  '.repeat(suites.length + 1);
    if (t.state === 'passed') console.log(`${pad}✔ ${t.titlePath.at(-1)} (${t.durationMs}ms)`);
    else console.log(`${pad}${failures.push(t)}) ${t.titlePath.at(-1)}`);
  }
  failures.forEach((t, i) =>
    console.log(`\n  ${i + 1}) ${t.titlePath.join(' ')}:\n     ${t.error?.stack || t.error?.message}`),
  );
  if (results.error) console.log(`\n  error outside the tests: ${results.error}`);
  const passed = results.tests.length - failures.length;
  if (results.tests.length === 0) console.log('\n  zero tests ran');
  // Harness-level trouble (load error, zero tests) counts as one failure so the closing line never reads green.
  return [passed, failures.length + (results.error || results.tests.length === 0 ? 1 : 0)];
}

/** Fills the run folder: extensions dir (ours symlinked + the runner with compiled suites), settings, workspace. */
async function setUp(run: string, vsix: string, session: Session) {
  const [extDir, userData, xdgData] = ['extensions', 'user-data', 'xdg-data'].map((d) => path.join(run, d));
  const workspace = prepareWorkspace(path.join(run, 'workspace'));
  mkdirSync(extDir);
  // What we ship is what we test: the packaged .vsix, installed the way a user installs it.
  const install = spawnSync(
    process.execPath,
    [entry, '--extensions-dir', extDir, '--user-data-dir', userData, '--install-extension', vsix],
    {
      encoding: 'utf8',
      env: { ...process.env, XDG_DATA_HOME: xdgData, XDG_CONFIG_HOME: path.join(run, 'xdg-config') },
    },
  );
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`code-server --install-extension ${vsix} failed:\n${install.stdout}${install.stderr}`);
  }
  const runnerName = 'tconv-test.integration-runner-0.0.0';
  const runnerDir = path.join(extDir, runnerName);
  cpSync(path.join(__dirname, 'runner-extension'), runnerDir, { recursive: true });
  // Installing the .vsix created the registry of installed extensions; a folder it does not list is ignored.
  const registry = path.join(extDir, 'extensions.json');
  const installed = JSON.parse(readFileSync(registry, 'utf8')) as unknown[];
  installed.push({
    identifier: { id: 'tconv-test.integration-runner' },
    version: '0.0.0',
    relativeLocation: runnerName,
    location: { $mid: 1, fsPath: runnerDir, external: `file://${runnerDir}`, path: runnerDir, scheme: 'file' },
    metadata: { source: 'resource' },
  });
  writeFileSync(registry, json(installed));
  const resultsFile = path.join(run, 'results.json');
  const files = await compileSuites(runnerDir, false, session.suitesDir);
  const mocha = path.join(repoRoot, 'node_modules', 'mocha');
  writeFileSync(
    path.join(runnerDir, 'tconv-it.json'),
    json({
      mocha,
      files,
      results: resultsFile,
      timeoutMs: 20000,
      virtualRoot: session.virtual ? path.dirname(workspace) : undefined,
    }),
  );
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    json({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      // VS Code for the Web saves after a delay by default; desktop does not. Off, so "nothing lost" sees only tconv.
      'files.autoSave': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'security.workspace.trust.enabled': !session.trusted,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'git.enabled': false,
      ...session.settings,
    }),
  );
  const config = path.join(run, 'config.yaml'); // keeps code-server away from ~/.config/code-server
  writeFileSync(config, 'auth: none\ncert: false\n');
  return { extDir, userData, xdgData, workspace, resultsFile, config };
}

/** One code-server + Chromium session: its suites' results (titles prefixed with the session), or a failure. */
async function runSession(session: Session, vsix: string): Promise<{ results: Results; run: string }> {
  const run = mkdtempSync(path.join(os.tmpdir(), `tconv-it-${session.name}-`));
  const { extDir, userData, xdgData, workspace, resultsFile, config } = await setUp(run, vsix, session).catch((err) => {
    rmSync(run, { recursive: true, force: true });
    throw err;
  });

  const port = await freePort();
  const serverLog = path.join(run, 'code-server.log');
  const browserLog = path.join(run, 'browser-console.log');
  const logFd = openSync(serverLog, 'w');
  // Own process group (detached), so cleanup ends exactly code-server and the processes it forked.
  const server = spawn(
    process.execPath,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--config',
      config,
      '--disable-telemetry',
      '--disable-update-check',
      ...(session.trusted ? ['--disable-workspace-trust'] : []),
      '--extensions-dir',
      extDir,
      '--user-data-dir',
      userData,
      workspace,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: { ...process.env, XDG_DATA_HOME: xdgData } },
  );
  const alive = () => {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `code-server exited early (${server.exitCode ?? server.signalCode}); its log:\n${tail(serverLog)}`,
      );
    }
  };
  let browser: Browser | undefined;
  let page: Page | undefined;
  let results: Results | undefined;
  const stop = async () => {
    if (page) await page.screenshot({ path: path.join(artifacts, `integration-${session.name}.png`) }).catch(() => {});
    await browser?.close().catch(() => {});
    // Signal 0 probes whether any process of our group is left; -pid addresses the whole group, nothing else.
    const signal = (sig: NodeJS.Signals | 0) => {
      try {
        process.kill(-server.pid!, sig);
        return true;
      } catch {
        return false;
      }
    };
    if (server.pid && signal('SIGTERM')) {
      for (let i = 0; i < 40 && signal(0); i++) await sleep(125);
      signal('SIGKILL');
    }
  };
  const onSignal = (code: number) => () => void stop().then(() => process.exit(code));
  const onInt = onSignal(130);
  const onTerm = onSignal(143);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  const t0 = Date.now();
  try {
    await waitFor('code-server /healthz', 60_000, () => {
      alive();
      return fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => (r.ok ? true : undefined),
        () => undefined,
      );
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(run, 'xdg-config'),
        XDG_CACHE_HOME: path.join(run, 'xdg-cache'),
      },
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The browser's console: the only log of the web worker extension host (where the web session runs tconv).
    page.on('console', (m) => appendFileSync(browserLog, `${new Date().toISOString()} ${m.type()} ${m.text()}\n`));
    page.on('pageerror', (e) =>
      appendFileSync(browserLog, `${new Date().toISOString()} pageerror ${e.stack ?? e.message}\n`),
    );
    // The virtual file system serves the run folder, so the examples' "$schema": "../schemas/…" resolves there too.
    const folder = session.virtual ? `tconv-virtual:/${path.basename(workspace)}` : workspace;
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    console.log(
      `integration [${session.name}]: workbench up after ${((Date.now() - t0) / 1000).toFixed(1)} s, waiting for the suites`,
    );
    results = await waitFor<Results>(`${resultsFile} (written by the runner extension)`, resultsTimeoutMs, () => {
      alive();
      return existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    });
    // Then what a user does with keyboard and mouse, in the same workbench; each step counts as a test.
    if (session.ui) {
      const uiDir = path.join(artifacts, session.ui.screenshotDir);
      rmSync(uiDir, { recursive: true, force: true });
      mkdirSync(uiDir, { recursive: true });
      for (const check of await session.ui.run(page, uiDir, workspace)) {
        results.tests.push({
          titlePath: [session.ui.title, check.name],
          state: check.ok ? 'passed' : 'failed',
          durationMs: 0,
          error: check.ok
            ? undefined
            : { message: check.detail, stack: `${check.detail}\n    screenshot: ${check.screenshot ?? 'none'}` },
        });
      }
    }
    const metrics = path.join(run, 'editor-metrics.json');
    if (existsSync(metrics)) cpSync(metrics, path.join(artifacts, 'editor-metrics.json'));
  } catch (err) {
    const logs = path.join(userData, 'logs');
    const exthost = existsSync(logs)
      ? readdirSync(logs, { recursive: true })
          .map(String)
          .filter((f) => /exthost\d*\.log$/.test(f))
      : [];
    console.error(
      `\nintegration [${session.name}]: ${(err as Error).message}\n\n--- code-server log (tail) ---\n${tail(serverLog)}`,
    );
    for (const f of exthost) console.error(`\n--- ${f} (tail) ---\n${tail(path.join(logs, f))}`);
    console.error(`\n--- browser console (tail) ---\n${tail(browserLog)}`);
    console.error(`\nkept ${run} for inspection`);
  } finally {
    await stop();
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
  const failure: Results = { tests: [], error: `session ${session.name} produced no results` };
  const prefixed = results ?? failure;
  for (const t of prefixed.tests) t.titlePath = [session.title, ...t.titlePath];
  return { results: prefixed, run };
}

async function main(): Promise<number> {
  if (!existsSync(entry))
    throw new Error(`code-server ${CODE_SERVER} not found at ${entry}: run bash scripts/code-server/install.sh`);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: run bash scripts/code-server/install.sh`);
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SESSIONS.some((s) => s.name === w));
  if (unknown.length > 0)
    throw new Error(`unknown session(s) ${unknown.join(', ')}; known: ${SESSIONS.map((s) => s.name).join(', ')}`);
  const sessions = wanted.length > 0 ? SESSIONS.filter((s) => wanted.includes(s.name)) : SESSIONS;
  const vsix = process.env.TCONV_IT_VSIX || packageExtension();
  mkdirSync(artifacts, { recursive: true });
  rmSync(path.join(artifacts, 'integration-results.json'), { force: true });

  const t0 = Date.now();
  const all: Results = { tests: [], error: null };
  const runs: string[] = [];
  for (const session of sessions) {
    const { results, run } = await runSession(session, vsix);
    all.tests.push(...results.tests);
    if (results.error) all.error = `${all.error ? `${all.error}\n` : ''}[${session.name}] ${results.error}`;
    runs.push(run);
  }
  writeFileSync(path.join(artifacts, 'integration-results.json'), json(all));
  const [passed, failed] = report(all);
  const broken = failed > 0 || passed === 0;
  console.log(
    `\nintegration: ${passed} passed, ${failed} failed in ${sessions.length} session(s) (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  for (const run of runs) {
    if (!broken && !process.env.TCONV_IT_KEEP) rmSync(run, { recursive: true, force: true });
    else if (existsSync(run)) console.log(`run folder: ${run}`);
  }
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`integration: ${err instanceof Error ? err.message : err}`);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);

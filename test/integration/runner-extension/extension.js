// Test-only extension: on startup, runs the mocha suites listed in ./tconv-it.json (written by
// test/integration/run-code-server.ts) inside this extension host and writes the results JSON that the
// launcher waits for. code-server's web client never passes extensionTestsPath, hence this detour.
/* global require, module, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function writeResults(file, results) {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file); // the launcher polls for `file`: it appears complete or not at all
}

function entry(test, state, err) {
  const e = { titlePath: test.titlePath(), state, durationMs: test.duration ?? 0 };
  if (err) e.error = { message: String(err.message ?? err), stack: String(err.stack ?? '') };
  return e;
}

function runMocha(config, results) {
  const Mocha = require(config.mocha); // the repo's own mocha, by absolute path
  class Collector {
    constructor(runner) {
      runner.on('pass', (t) => results.tests.push(entry(t, 'passed')));
      runner.on('fail', (t, err) => results.tests.push(entry(t, 'failed', err))); // tests, hooks, forbidden pending
    }
  }
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: config.timeoutMs ?? 20000,
    forbidOnly: true,
    forbidPending: true,
    reporter: Collector,
  });
  for (const f of config.files) mocha.addFile(f);
  return new Promise((resolve) => mocha.run(resolve));
}

/**
 * A virtual workspace for the tests: the scheme `tconv-virtual:` served from a folder on disk through a
 * FileSystemProvider, so VS Code treats the workspace as virtual (no file: URIs, no search provider).
 */
function registerVirtualFolder(vscode, root) {
  const toPath = (uri) => path.join(root, uri.path);
  const statOf = (s) => ({
    type: s.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File,
    ctime: s.ctimeMs,
    mtime: s.mtimeMs,
    size: s.size,
  });
  const wrap = (fn) => {
    try {
      return fn();
    } catch (e) {
      throw e.code === 'ENOENT' ? vscode.FileSystemError.FileNotFound() : e;
    }
  };
  const changes = new vscode.EventEmitter();
  return vscode.workspace.registerFileSystemProvider(
    'tconv-virtual',
    {
      onDidChangeFile: changes.event,
      watch: () => ({ dispose() {} }),
      stat: (uri) => wrap(() => statOf(fs.statSync(toPath(uri)))),
      readDirectory: (uri) =>
        wrap(() =>
          fs
            .readdirSync(toPath(uri), { withFileTypes: true })
            .map((d) => [d.name, d.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File]),
        ),
      createDirectory: (uri) => wrap(() => fs.mkdirSync(toPath(uri))),
      readFile: (uri) => wrap(() => fs.readFileSync(toPath(uri))),
      writeFile: (uri, content) =>
        wrap(() => {
          fs.writeFileSync(toPath(uri), content);
          changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
        }),
      delete: (uri) => wrap(() => fs.rmSync(toPath(uri), { recursive: true })),
      rename: (from, to) => wrap(() => fs.renameSync(toPath(from), toPath(to))),
    },
    { isCaseSensitive: true },
  );
}

async function activate(context) {
  const configFile = path.join(__dirname, 'tconv-it.json');
  if (!fs.existsSync(configFile)) return;
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  if (config.virtualRoot) context.subscriptions.push(registerVirtualFolder(require('vscode'), config.virtualRoot));
  const results = { startedAt: new Date().toISOString(), tests: [], error: null };
  try {
    await runMocha(config, results);
  } catch (err) {
    results.error = String(err?.stack ?? err); // mocha missing, a suite that throws while loading, ...
  }
  results.finishedAt = new Date().toISOString();
  writeResults(config.results, results);
}

module.exports = { activate, deactivate() {} };

// Runs the same suites in VS Code desktop 1.99 via @vscode/test-electron, where it can be downloaded
// (not on the offline build machines: use run-code-server.ts there). Usage: tsx test/integration/run-electron.ts
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, compileSuites, prepareWorkspace, repoRoot } from './prepare';

async function main(): Promise<void> {
  buildExtension();
  const out = path.join(repoRoot, 'out', 'integration'); // inside the repo so index.js resolves mocha
  await compileSuites(out, true);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tconv-it-electron-'));
  await runTests({
    version: '1.99.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(out, 'index.js'),
    launchArgs: [
      prepareWorkspace(path.join(tmp, 'workspace')),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(tmp, 'user-data'),
    ],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

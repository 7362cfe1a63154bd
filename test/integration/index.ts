// The standard @vscode/test-electron entry (extensionTestsPath): runs the compiled suites next to this file.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 20000, forbidOnly: true, forbidPending: true });
  const dir = path.join(__dirname, 'suites');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js in ${dir}`));
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (failures > 0) reject(new Error(`integration: ${failures} failed`));
      else if (runner.stats?.passes === 0) reject(new Error('integration: zero tests passed'));
      else resolve();
    });
  });
}

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../../src/specFile/diagnostics';

// The editor links every diagnostic code to README.md#<code>: each code needs its heading.
describe('README documents every diagnostic code', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  for (const code of Object.keys(DIAGNOSTIC_CODES)) {
    it(code, () => assert.match(readme, new RegExp(`^#### \`${code}\`$`, 'm')));
  }
});

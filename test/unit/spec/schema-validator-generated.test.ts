import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// src/spec/generated/validateSchema.js is compiled from the schema ahead of time; it must never go stale.
describe('generated schema validator', () => {
  it('matches schemas/tconv.schema.json (regenerate with `npm run gen:schema`)', async () => {
    const generator = (await import(join(__dirname, '../../../scripts/gen-schema-validator.mjs'))) as { generateValidatorSource(): string; OUTPUT: string };
    assert.equal(readFileSync(generator.OUTPUT, 'utf8'), generator.generateValidatorSource());
  });
});

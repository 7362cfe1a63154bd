import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { validate as generatedValidate } from '../../../src/specFile/generated/validateSchema';
import { BROKEN_DIR, EXAMPLES_DIR, readText, specFiles } from './helpers';

interface Validator {
  (value: unknown): boolean;
  errors?: unknown[] | null;
}

interface Generator {
  generateValidatorSource(): string;
  compileSchema(): { validate: Validator };
  appendErrorsInPlace(source: string): string;
  OUTPUT: string;
}

const loadGenerator = async () =>
  (await import(join(__dirname, '../../../scripts/gen-schema-validator.mjs'))) as Generator;

const examples = [
  ...specFiles(EXAMPLES_DIR).map((f) => readText(EXAMPLES_DIR, f)),
  ...specFiles(BROKEN_DIR).map((f) => readText(BROKEN_DIR, f)),
].map((t) => parse(t) as Record<string, unknown>);

/** What a validator says of a value: its verdict and its errors, in order. */
function verdict(validate: Validator, value: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(value);
  return { valid, errors: valid ? null : structuredClone(validate.errors) };
}

/** The value with the node at `path` (indices taken modulo what exists) replaced. */
function replacedAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[path[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...value };
  copy[key] = replacedAt((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

// src/specFile/generated/validateSchema.js is compiled from the schema ahead of time; it must never go stale.
describe('generated schema validator', () => {
  it('matches schemas/tconv.schema.json (regenerate with `npm run gen:schema`)', async () => {
    const generator = await loadGenerator();
    assert.equal(readFileSync(generator.OUTPUT, 'utf8'), generator.generateValidatorSource());
  });

  it('appends the errors of a "$ref" in place, and refuses code it does not recognise', async () => {
    const generator = await loadGenerator();
    const source = readFileSync(generator.OUTPUT, 'utf8');
    assert.ok(!source.includes('.concat('), 'no error list is copied');
    assert.ok(source.includes('vErrors.push(e)'));
    assert.throws(() => generator.appendErrorsInPlace('vErrors = vErrors.concat(other);'), /no longer copies errors/);
  });

  describe('says exactly what ajv compiled at run time says: the same errors in the same order', () => {
    let reference: Validator;
    before(async () => {
      reference = (await loadGenerator()).compileSchema().validate;
    });

    it('for every example, clean and broken', () => {
      assert.ok(examples.length > 10);
      for (const value of examples) assert.deepEqual(verdict(generatedValidate, value), verdict(reference, value));
    });

    it('for "layers" of 4,096 wrong items and of valid and wrong items mixed', () => {
      const wrong = Array.from({ length: 4096 }, (_, i) =>
        i % 3 === 0 ? i : i % 3 === 1 ? `layer ${i}` : { kernelSize: -i, typo: true },
      );
      const mixed = Array.from({ length: 300 }, (_, i) =>
        i % 7 === 0 ? { kernelSize: 'four' } : { kernelSize: 2, stride: 1 + (i % 3) },
      );
      for (const layers of [wrong, mixed]) {
        const value = { input: { shape: [1, 4, 4] }, layers };
        const generated = verdict(generatedValidate, value);
        assert.equal(generated.valid, false);
        assert.ok((generated.errors as unknown[]).length >= layers.length / 7);
        assert.deepEqual(generated, verdict(reference, value));
      }
    });

    it('for examples with any node replaced by any JSON value (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.nat(examples.length - 1),
          fc.array(fc.nat(), { maxLength: 6 }),
          fc.jsonValue({ maxDepth: 3 }),
          (example, path, replacement) => {
            const value = replacedAt(examples[example], path, replacement);
            assert.deepEqual(verdict(generatedValidate, value), verdict(reference, value));
          },
        ),
        { seed: 20261121, numRuns: 1500 },
      );
    });
  });
});

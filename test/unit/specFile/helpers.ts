import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEdits,
  validateSpec,
  type DiagnosticCode,
  type Fix,
  type SpecDiagnostic,
  type ValidateOptions,
} from '../../../src/specFile';

export const EXAMPLES_DIR = join(__dirname, '../../../examples');
export const BROKEN_DIR = join(EXAMPLES_DIR, 'broken');

export function specFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tconv.json'))
    .sort();
}

export function readText(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

/** The spec as JSON text; objects keep their key order so positions are predictable. */
export function specText(spec: unknown): string {
  return JSON.stringify(spec, null, 2);
}

export function codesOf(diagnostics: readonly SpecDiagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** The only diagnostic with this code; fails listing all diagnostics otherwise. */
export function only(text: string, code: DiagnosticCode, options: ValidateOptions = {}): SpecDiagnostic {
  const { diagnostics } = validateSpec(text, options);
  const matching = diagnostics.filter((d) => d.code === code);
  assert.equal(
    matching.length,
    1,
    `expected one ${code}, got: ${diagnostics.map((d) => `${d.code}: ${d.message}`).join(' | ') || 'none'}`,
  );
  return matching[0];
}

export function marked(text: string, d: { offset: number; length: number }): string {
  return text.slice(d.offset, d.offset + d.length);
}

export function preferredFix(d: SpecDiagnostic): Fix {
  const fix = d.fixes?.find((f) => f.isPreferred) ?? d.fixes?.[0];
  assert.ok(fix, `no fix on ${d.code}: ${d.message}`);
  return fix;
}

/** Applies the diagnostic's preferred fix and asserts the fixed text validates without errors. */
export function assertFixClears(text: string, d: SpecDiagnostic, options: ValidateOptions = {}): string {
  const fixed = applyEdits(text, preferredFix(d).edits);
  const after = validateSpec(fixed, options).diagnostics.filter((x) => x.severity === 'error');
  assert.deepEqual(
    after.map((x) => `${x.code}: ${x.message}`),
    [],
    `fix "${preferredFix(d).title}" left errors in:\n${fixed}`,
  );
  return fixed;
}

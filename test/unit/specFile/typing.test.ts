import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { BROKEN_DIR, EXAMPLES_DIR, readText, specFiles } from './helpers';

function assertInside(text: string, diagnostics: readonly SpecDiagnostic[]): void {
  for (const d of diagnostics) {
    assert.ok(
      d.offset >= 0 && d.length >= 0 && d.offset + d.length <= text.length,
      `${d.code} at ${d.offset}+${d.length} outside ${text.length}`,
    );
    assert.notEqual(d.code, 'internal', d.message);
  }
}

const allExamples = [
  ...specFiles(EXAMPLES_DIR).map((f) => readText(EXAMPLES_DIR, f)),
  ...specFiles(BROKEN_DIR).map((f) => readText(BROKEN_DIR, f)),
];

describe('validating while typing', () => {
  it('every example cut at every 7th offset: no exception, a diagnostic inside the text', () => {
    for (const full of allExamples) {
      for (let cut = 0; cut < full.length; cut += 7) {
        const text = full.slice(0, cut);
        const { diagnostics } = validateSpec(text);
        assertInside(text, diagnostics);
        if (text.trim() !== full.trim())
          assert.ok(diagnostics.length > 0, `no diagnostic for a cut at ${cut}:\n${text}`);
      }
    }
  });

  it('every example with one character deleted: no exception, no internal error', () => {
    for (const full of allExamples) {
      for (let at = 0; at < full.length; at += 5) {
        const text = full.slice(0, at) + full.slice(at + 1);
        assertInside(text, validateSpec(text).diagnostics);
      }
    }
  });

  it('arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        assertInside(text, validateSpec(text).diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary JSON values, and arbitrary values under known keys, never throw', () => {
    const keys = [
      'input',
      'layer',
      'layers',
      'forward',
      'expect',
      'verify',
      'dims',
      'dtype',
      'shape',
      'data',
      'kernel',
      'kernelSize',
      'stride',
      'padding',
      'outputPadding',
      'groups',
      'bias',
      'outputShape',
      'output',
      'outputSize',
    ];
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: -3, max: 40 }),
        fc.double(),
        fc.constantFrom('all', 'conv', 'random', 'float32'),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v, null, 1) ?? '';
        assertInside(text, validateSpec(text).diagnostics);
      }),
      { numRuns: 500 },
    );
  });
});

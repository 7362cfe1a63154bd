import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyEdits, LineIndex, validateSpec } from '../../../src/specFile';
import { BROKEN_DIR, EXAMPLES_DIR, readText, specFiles } from './helpers';

interface ExpectedDiagnostic {
  readonly code: string;
  readonly at: string;
}

const expectedFile = JSON.parse(readFileSync(join(BROKEN_DIR, 'EXPECTED.json'), 'utf8')) as {
  files: Record<string, ExpectedDiagnostic[]>;
};

describe('examples/', () => {
  const files = specFiles(EXAMPLES_DIR);

  it('has the examples the README promises', () => {
    for (const name of [
      'd2l-basic',
      'd2l-padding',
      'd2l-stride',
      'd2l-round-trip',
      'd2l-kernel2matrix',
      'd2l-exercise1',
      'symbolic-4x4-3x3',
      'onnx-dilation',
      'onnx-asymmetric-stride',
      'dcgan-generator',
      'unet-decoder-odd',
      'unet-skips',
      'encodec-causal-decoder',
      'keras-same-generator',
      'onnx-autopad-same',
      'onnx-output-shape',
      'monai-unet3d-upconv',
      'unet3d-skips',
    ]) {
      assert.ok(files.includes(`${name}.tconv.json`), name);
    }
  });

  for (const file of files) {
    it(`${file} validates clean, with a name, a description and a working $schema path`, () => {
      const text = readText(EXAMPLES_DIR, file);
      const result = validateSpec(text);
      assert.deepEqual(
        result.diagnostics.map((d) => `${d.code}: ${d.message}`),
        [],
      );
      assert.ok(result.spec?.name && result.spec.description, 'name and description');
      assert.ok(result.plan?.complete);
      const schemaPath = (JSON.parse(text) as { $schema: string }).$schema;
      assert.ok(existsSync(resolve(EXAMPLES_DIR, schemaPath)), schemaPath);
    });
  }
});

describe('examples/broken/', () => {
  const files = specFiles(BROKEN_DIR);

  it('EXPECTED.json lists exactly the broken examples (at least three)', () => {
    assert.deepEqual(Object.keys(expectedFile.files).sort(), files);
    assert.ok(files.length >= 3);
  });

  for (const file of files) {
    it(`${file} reports ${expectedFile.files[file]?.map((d) => `${d.code} at ${d.at}`).join(', ')}`, () => {
      const text = readText(BROKEN_DIR, file);
      const lines = new LineIndex(text);
      const errors = validateSpec(text).diagnostics.filter((d) => d.severity === 'error');
      const actual = errors.map((d) => {
        const p = lines.positionAt(d.offset);
        return { code: d.code, at: `${p.line}:${p.column}` };
      });
      assert.deepEqual(actual, expectedFile.files[file]);
    });

    it(`${file}: a quick fix, where offered, repairs it`, () => {
      const text = readText(BROKEN_DIR, file);
      const [first] = validateSpec(text).diagnostics;
      const fix = first.fixes?.find((f) => f.isPreferred);
      if (!fix) return;
      const after = validateSpec(applyEdits(text, fix.edits)).diagnostics;
      assert.deepEqual(
        after.map((d) => d.code),
        [],
      );
    });
  }
});

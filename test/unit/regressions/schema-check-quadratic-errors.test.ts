// Found by the fuzzer (test/fuzz, seed 4, "a 10 MB array of numbers pasted into data" landing in "layers" or
// "verify"): ajv's allErrors code copies its whole error list at every "$ref" it follows, and the schema
// check's dedupe copied its branch lists per error, so each wrong item cost as much as all errors so far.
// 10,000 numbers in "verify" took 1.8 s, 30,000 took 32 s, the 10 MB paste never finished (and 100,000
// errors overflowed the stack in push(...)). Large documents are now prepared so the check stays linear.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { MAX_LIST_ITEMS } from '../../../src/specFile/largeDocument';

const numbers = (n: number) => `[${Array.from({ length: n }, (_, i) => (i % 7) / 8).join(', ')}]`;

/** Work counted in validateSpec calls: a quadratic check on these sizes would take minutes, not one call each. */
function validateOnce(text: string) {
  const { diagnostics } = validateSpec(text);
  assert.ok(diagnostics.length <= 60, `${diagnostics.length} diagnostics`);
  for (const d of diagnostics) assert.notEqual(d.code, 'internal', d.message);
  return diagnostics;
}

describe('regression: many schema errors in one long list', () => {
  it('100,000 numbers in "verify": schema errors on the first entries', () => {
    const text = `{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1 }, "verify": ${numbers(100_000)} }`;
    const diagnostics = validateOnce(text);
    assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.code === 'schema'));
    assert.match(diagnostics[0].message, /^verify\[0\] must be one of "scatter"/);
  });

  it('100,000 numbers as "layers": "layers[i] must be an object", and the length is refused', () => {
    const text = `{ "input": { "shape": [2, 2] }, "layers": ${numbers(100_000)} }`;
    const diagnostics = validateOnce(text);
    assert.ok(diagnostics.some((d) => d.message === 'layers[0] must be an object, not the integer 0.'));
    assert.ok(diagnostics.some((d) => d.message === `layers takes at most ${MAX_LIST_ITEMS} entries, it has 100000.`));
  });

  it('100,000 strings inside nested data: the same message ajv gives, on the first wrong values', () => {
    const rows = Array.from({ length: 1000 }, () => `[${Array.from({ length: 100 }, () => '"x"').join(', ')}]`).join(
      ', ',
    );
    const text = `{ "input": { "data": [${rows}] }, "layer": { "kernelSize": 1 } }`;
    const diagnostics = validateOnce(text);
    assert.equal(
      diagnostics[0].message,
      'input.data[0][0] must be a number or a nested list of numbers, not the string "x".',
    );
    assert.equal(text.slice(diagnostics[0].offset, diagnostics[0].offset + diagnostics[0].length), '"x"');
  });

  it('a large valid data array still validates clean, and a small document still lists every error', () => {
    const data = `[${Array.from({ length: 300 }, () => numbers(300)).join(', ')}]`;
    assert.deepEqual(validateSpec(`{ "input": { "data": ${data} }, "layer": { "kernelSize": 3 } }`).diagnostics, []);
    const small = '{ "input": { "shape": [2, 2], "seed": "a" }, "layer": { "kernelSize": "b", "strid": 2 } }';
    assert.equal(validateSpec(small).diagnostics.filter((d) => d.code === 'schema').length, 3);
  });

  it('an empty row and 1e400 inside a large data array', () => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      i === 40 ? '[]' : i === 60 ? numbers(99).replace('[0,', '[1e400,') : numbers(100),
    ).join(', ');
    const text = `{ "input": { "data": [${rows}] }, "layer": { "kernelSize": 1 } }`;
    const messages = validateOnce(text).map((d) => d.message);
    assert.deepEqual(messages, [
      'input.data[40] needs at least 1 entry.',
      'input.data[60][0] must be a number or a nested list of numbers, not a number beyond the range of float64.',
    ]);
  });
});

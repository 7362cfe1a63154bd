// Found by the fuzzer (test/fuzz, "insert [[[[…]]]] thousands deep"): jsonc-parser's parseTree and
// getLocation recurse once per level, so 5,000 nested brackets overflowed the stack. validateSpec caught it
// as an "internal" diagnostic (a tconv bug), and hoverAt threw RangeError. Nesting deeper than any spec needs
// is now refused up front with a schema diagnostic on the bracket that goes too deep.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { hoverAt } from '../../../src/specFile/hover';
import { MAX_NESTING_DEPTH } from '../../../src/specFile/nestingLimit';

const wrap = (inner: string) => `{ "input": { "data": ${inner} }, "layer": { "kernelSize": 1 } }`;
const prefix = '{ "input": { "data": ';

function onlyDiagnostic(text: string) {
  const { diagnostics, spec, plan } = validateSpec(text);
  assert.equal(diagnostics.length, 1, diagnostics.map((d) => `${d.code}: ${d.message}`).join(' | '));
  assert.equal(spec, null);
  assert.equal(plan, null);
  return diagnostics[0];
}

describe('regression: nesting thousands deep', () => {
  it('5,000 balanced brackets in data: a schema diagnostic on the bracket past the limit, not "internal"', () => {
    const text = wrap(`${'['.repeat(5000)}1${']'.repeat(5000)}`);
    const d = onlyDiagnostic(text);
    assert.equal(d.code, 'schema');
    assert.match(d.message, /nested more than 64 levels deep/);
    // The root object is level 1, "input" level 2, so the 63rd bracket of data is level 65.
    assert.equal(d.offset, prefix.length + MAX_NESTING_DEPTH - 2);
    assert.equal(text.slice(d.offset, d.offset + d.length), '[');
  });

  it('50,000 unclosed brackets (a paste cut short)', () => {
    assert.equal(onlyDiagnostic(wrap('['.repeat(50_000))).code, 'schema');
  });

  it("mismatched closers do not hide the depth: '[}, ' repeated 50,000 times", () => {
    // The parser skips a '}' inside an array and recurses into the next '[', so this nests 50,000 deep.
    assert.equal(onlyDiagnostic(wrap('[}, '.repeat(50_000))).code, 'schema');
  });

  it('brackets inside strings and comments do not count', () => {
    const deepString = JSON.stringify('['.repeat(1000));
    const text = `{ "name": ${deepString}, /* ${'{'.repeat(1000)} */ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1 } } // ${'['.repeat(1000)}`;
    assert.deepEqual(validateSpec(text).diagnostics, []);
  });

  it('up to the limit, nesting is read as usual (a rank error, not a depth error)', () => {
    const levels = MAX_NESTING_DEPTH - 2;
    const { diagnostics } = validateSpec(wrap(`${'['.repeat(levels)}1${']'.repeat(levels)}`));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['shape-rank'],
    );
  });

  it('hoverAt on deep text never throws, even with a stale analysis that has a plan', () => {
    const fine = wrap('[[1, 2], [3, 4]]');
    const stale = validateSpec(fine);
    assert.ok(stale.plan);
    const deep = wrap(`${'['.repeat(20_000)}1${']'.repeat(20_000)}`);
    for (const offset of [0, 30, 10_000, deep.length - 5, deep.length]) {
      assert.equal(hoverAt(deep, stale, offset), undefined);
      assert.equal(hoverAt(deep, validateSpec(deep), offset), undefined);
    }
  });
});

import { strict as assert } from 'node:assert';
import { applyEdits, parseSpecText, validateSpec } from '../../../src/specFile';
import { marked } from './helpers';

describe('spec parsing', () => {
  it('accepts comments and trailing commas', () => {
    const text = `{
      // the d2l example
      "input": { "data": [[0, 1], [2, 3]], },
      /* one layer */
      "layer": { "kernel": { "data": [[0, 1], [2, 3]] }, },
    }`;
    assert.deepEqual(parseSpecText(text).diagnostics, []);
    assert.deepEqual(validateSpec(text).diagnostics, []);
  });

  it('reports a missing comma at the token that follows', () => {
    const text = '{ "input": { "shape": [2, 2] } "layer": {} }';
    const [d] = parseSpecText(text).diagnostics;
    assert.equal(d.code, 'syntax');
    assert.equal(d.offset, text.indexOf('"layer"'));
    assert.match(d.message, /comma/);
  });

  it('reports an unclosed array at the end of the text', () => {
    const text = '{ "input": { "shape": [2, 2';
    const { diagnostics } = parseSpecText(text);
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d) => d.code === 'syntax' && d.offset <= text.length));
    assert.match(diagnostics[0].message, /\]/);
  });

  it('reports an unterminated string at the string', () => {
    const text = '{ "input": { "init": "rand';
    const d = parseSpecText(text).diagnostics[0];
    assert.equal(marked(text, d), '"rand');
  });

  it('offers a starter spec for an empty file, which validates clean', () => {
    const [d] = validateSpec('  \n').diagnostics;
    assert.equal(d.code, 'syntax');
    const fixed = applyEdits('  \n', d.fixes?.[0].edits ?? []);
    assert.deepEqual(validateSpec(fixed).diagnostics, []);
  });

  it('never validates further when the JSON is broken', () => {
    const result = validateSpec('{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, }, "bogus": 1');
    assert.deepEqual([...new Set(result.diagnostics.map((d) => d.code))], ['syntax']);
    assert.equal(result.spec, null);
  });
});

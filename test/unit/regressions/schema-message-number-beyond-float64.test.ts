// Found while fuzzing number tokens: 1e400 is valid JSON but reads as Infinity, and the schema message said
// "not the number Infinity" about a token the user wrote as 1e400.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';

describe('regression: a number beyond float64 in the schema message', () => {
  it('1e400 where an integer belongs', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1e400 } }';
    const [d] = validateSpec(text).diagnostics;
    assert.equal(d.code, 'schema');
    assert.equal(text.slice(d.offset, d.offset + d.length), '1e400');
    assert.equal(
      d.message,
      'layer.kernelSize must be an integer or a list of integers, not a number beyond the range of float64.',
    );
  });

  it('-1e400 inside data', () => {
    const text = '{ "input": { "data": [[1, -1e400]] }, "layer": { "kernelSize": 1 } }';
    const [d] = validateSpec(text).diagnostics;
    assert.equal(text.slice(d.offset, d.offset + d.length), '-1e400');
    assert.match(d.message, /not a number beyond the range of float64\.$/);
  });
});

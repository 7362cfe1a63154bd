import { strict as assert } from 'node:assert';
import { applyEdits, validateSpec } from '../../../src/specFile';

const spec = (dtype: string, data: string) =>
  `{ "dtype": "${dtype}", "input": { "data": [[1, ${data}], [2, 3]] }, "layer": { "kernelSize": 2 } }`;

describe('float32-range: values float32 cannot hold', () => {
  it('marks 1e39 under float32, on the number, with a float64 fix that clears it', () => {
    const text = spec('float32', '1e39');
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'float32-range');
    assert.ok(d, JSON.stringify(validateSpec(text).diagnostics));
    assert.equal(d.severity, 'warning');
    assert.equal(text.slice(d.offset, d.offset + d.length), '1e39');
    assert.match(d.message, /1e\+39 is beyond float32's range .* becomes Infinity/);
    const fixed = applyEdits(text, d.fixes?.[0]?.edits ?? []);
    assert.match(fixed, /"dtype": "float64"/);
    assert.deepEqual(validateSpec(fixed).diagnostics, []);
  });

  it('says -Infinity for a negative value and ignores float64, in-range values and non-tensor numbers', () => {
    assert.match(validateSpec(spec('float32', '-4e38')).diagnostics[0]?.message ?? '', /becomes -Infinity/);
    assert.deepEqual(validateSpec(spec('float64', '1e39')).diagnostics, []);
    assert.deepEqual(validateSpec(spec('float32', '3.4e38')).diagnostics, []);
  });

  it('marks at most ten values of a huge array', () => {
    const row = Array.from({ length: 1000 }, () => '1e39').join(', ');
    const text = `{ "dtype": "float32", "input": { "data": [${row}] }, "dims": 1, "layer": { "kernelSize": 2 } }`;
    assert.equal(validateSpec(text).diagnostics.filter((d) => d.code === 'float32-range').length, 10);
  });
});

// Found by the fuzzer (test/fuzz): a wrong value inside nested data or in "layers" got the schema message
// "must be a number or a list of undefineds": the items of those arrays are given by "$ref", which the
// message builder did not follow.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';

function schemaMessages(text: string): { message: string; marked: string }[] {
  return validateSpec(text)
    .diagnostics.filter((d) => d.code === 'schema')
    .map((d) => ({ message: d.message, marked: text.slice(d.offset, d.offset + d.length) }));
}

describe('regression: schema messages for items given by $ref', () => {
  it('a non-number inside nested data: "a number or a nested list of numbers"', () => {
    const text = '{ "input": { "data": [[1, true], [2, 3]] }, "layer": { "kernelSize": 1 } }';
    assert.deepEqual(schemaMessages(text), [
      { message: 'input.data[0][1] must be a number or a nested list of numbers, not true.', marked: 'true' },
    ]);
  });

  it('an object inside expect.output', () => {
    const text =
      '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1 }, "expect": { "output": [[0, {}], [0, 0]] } }';
    assert.deepEqual(schemaMessages(text), [
      { message: 'expect.output[0][1] must be a number or a nested list of numbers, not an object.', marked: '{}' },
    ]);
  });

  it('"layers" that is not a list: "a list of objects"', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layers": 1000000000 }';
    assert.deepEqual(schemaMessages(text), [
      { message: 'layers must be a list of objects, not the integer 1000000000.', marked: '1000000000' },
    ]);
  });

  it('no schema message names "undefined"', () => {
    for (const text of [
      '{ "input": { "data": "[1, 2]" }, "layer": { "kernelSize": 1 } }',
      '{ "input": { "shape": [2, 2] }, "layers": "all" }',
      '{ "input": { "shape": [2, 2] }, "layer": { "kernel": { "data": [[null]] } } }',
    ]) {
      for (const { message } of schemaMessages(text)) assert.doesNotMatch(message, /undefined/, message);
    }
  });
});

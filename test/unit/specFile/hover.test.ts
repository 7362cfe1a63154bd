// Hovers on the numbers of a data array name the element under the pointer, as written, before the array's shape.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { hoverAt } from '../../../src/specFile/hover';
import { EXAMPLES_DIR, readText } from './helpers';

const D2L = readText(EXAMPLES_DIR, 'd2l-basic.tconv.json');

function hoverOn(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, needle);
  return hoverAt(text, validateSpec(text), offset);
}

describe('hovers on data elements', () => {
  it('a number of input.data: its index and value, then the data shape', () => {
    const hover = hoverOn(D2L, '2, 3]] }', D2L.indexOf('"input"'));
    assert.ok(hover);
    const [first, ...rest] = hover.markdown.split('\n\n');
    assert.equal(first, '**input.data[1][0]** = 2');
    assert.match(rest.join('\n\n'), /\*\*data\*\*: nested 2×2/);
    assert.equal(D2L.slice(hover.offset, hover.offset + hover.length), '2');
  });

  it('a number of the kernel: its path through the layer', () => {
    const hover = hoverOn(D2L, '1], [2, 3]] } }', D2L.indexOf('"kernel"'));
    assert.ok(hover);
    assert.equal(hover.markdown.split('\n\n')[0], '**layer.kernel.data[0][1]** = 1');
  });

  it('a number of expect.output, written as it is in the text', () => {
    const text = D2L.replace('[4, 12, 9]', '[4, 12, 9.0e0]');
    const hover = hoverOn(text, '9.0e0');
    assert.ok(hover);
    assert.equal(hover.markdown.split('\n\n')[0], '**expect.output[2][2]** = 9.0e0');
  });

  it('no element line on a bracket, after a comma or on the key', () => {
    for (const needle of ['[[0, 1], [2, 3]] }', '"data": [[0', ' 3]] }']) {
      const hover = hoverOn(D2L, needle, D2L.indexOf('"input"'));
      assert.doesNotMatch(hover?.markdown ?? '', /= /, needle);
    }
  });
});

import { strict as assert } from 'node:assert';
import { LineIndex, offsetAt, positionAt } from '../../../src/specFile';

describe('spec positions', () => {
  it('maps offsets to 1-based line and column and back', () => {
    const text = '{\n  "a": 1,\n  "b": [2, 3]\n}';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(0), { line: 1, column: 1 });
    assert.deepEqual(index.positionAt(text.indexOf('"b"')), { line: 3, column: 3 });
    for (let offset = 0; offset <= text.length; offset++)
      assert.equal(index.offsetAt(index.positionAt(offset)), offset);
  });

  it('treats \\r\\n and a lone \\r as one line break', () => {
    const text = 'ab\r\ncd\ref';
    assert.deepEqual(positionAt(text, text.indexOf('c')), { line: 2, column: 1 });
    assert.deepEqual(positionAt(text, text.indexOf('e')), { line: 3, column: 1 });
    assert.equal(offsetAt(text, { line: 2, column: 2 }), text.indexOf('d'));
    assert.equal(new LineIndex(text).lineCount, 3);
  });

  it('clamps positions outside the text', () => {
    const text = 'ab\ncd';
    assert.deepEqual(positionAt(text, -5), { line: 1, column: 1 });
    assert.deepEqual(positionAt(text, 99), { line: 2, column: 3 });
    assert.equal(
      offsetAt(text, { line: 1, column: 99 }),
      2,
      'a column past the end of line 1 stops before its line break',
    );
    assert.equal(offsetAt(text, { line: 9, column: 1 }), 3);
  });

  it('counts columns in UTF-16 code units like VS Code', () => {
    const text = '"×y"';
    assert.deepEqual(positionAt(text, text.indexOf('y')), { line: 1, column: 3 });
  });
});

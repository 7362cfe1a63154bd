// "New Spec from Template…": each template is a clean spec, written the way a person writes one.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { compactJson } from '../../../src/specFile/compactJson';
import { SPEC_TEMPLATES } from '../../../src/specFile/templates';

describe('spec templates', () => {
  for (const template of SPEC_TEMPLATES) {
    it(`${template.id}: validates without a diagnostic`, () => {
      const { diagnostics } = validateSpec(template.text);
      assert.deepEqual(diagnostics, [], template.text);
    });
  }

  it('the single layer keeps its 2×2 arrays on one line each (issue 16: it spread over 38 lines)', () => {
    const single = SPEC_TEMPLATES.find((t) => t.id === 'single');
    assert.ok(single);
    assert.match(single.text, /^ {4}"data": \[\[0, 1\], \[2, 3\]\]$/m);
    assert.ok(single.text.split('\n').length <= 20, single.text);
  });
});

describe('compactJson', () => {
  it('is the same value as JSON, arrays of numbers inline, objects indented', () => {
    const value = {
      a: [
        [1, 2],
        [3, 4],
      ],
      b: { c: 'x', d: [] as number[], e: {} },
      f: [1, { g: 2 }],
      h: null,
    };
    const text = compactJson(value);
    assert.deepEqual(JSON.parse(text), value);
    assert.equal(
      text,
      '{\n  "a": [[1, 2], [3, 4]],\n  "b": {\n    "c": "x",\n    "d": [],\n    "e": {}\n  },\n  "f": [\n    1,\n    {\n      "g": 2\n    }\n  ],\n  "h": null\n}\n',
    );
  });

  it('breaks an array of numbers that would not fit on a line', () => {
    const long = Array.from({ length: 40 }, (_, i) => i);
    const text = compactJson({ data: long });
    assert.deepEqual(JSON.parse(text), { data: long });
    assert.ok(text.split('\n').length > 40, text);
  });
});

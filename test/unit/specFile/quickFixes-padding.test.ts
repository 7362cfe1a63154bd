// Quick fixes for the other frameworks' padding: ONNX pads of the wrong length, an unreachable ONNX outputShape,
// and a trim that removes the whole output.
import { strict as assert } from 'node:assert';
import { validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { assertFixClears, marked, only, preferredFix } from './helpers';

const titles = (d: SpecDiagnostic) => (d.fixes ?? []).map((f) => f.title);

/** One layer on a 2×4×4 input. */
const layer = (fields: string) => `{ "input": { "shape": [2, 4, 4] }, "layer": { ${fields} } }`;

describe('quick fixes: pads, outputShape, trim', () => {
  describe('pads of the wrong length', () => {
    it('one value per dimension: the same padding at both ends', () => {
      const text = layer('"kernelSize": 3, "pads": [1, 2]');
      const d = only(text, 'pads-length');
      assert.equal(marked(text, d), '[1, 2]');
      assert.deepEqual(titles(d), ['Write the same padding at both ends: "pads": [1, 2, 1, 2]']);
      assert.equal(assertFixClears(text, d), layer('"kernelSize": 3, "pads": [1, 2, 1, 2]'));
    });

    it('one value: that padding everywhere, in 1-D and 2-D; says "1 value"', () => {
      const two = layer('"kernelSize": 3, "pads": [1]');
      const d = only(two, 'pads-length');
      assert.match(d.message, /^"pads" lists 1 value; in 2-D it is \[H_begin, W_begin, H_end, W_end\]\.$/);
      assert.equal(assertFixClears(two, d), layer('"kernelSize": 3, "pads": [1, 1, 1, 1]'));
      const one = '{ "dims": 1, "input": { "shape": [2, 4] }, "layer": { "kernelSize": 3, "pads": [1] } }';
      assertFixClears(one, only(one, 'pads-length'));
    });

    it('in 3-D, three values; another length has no fix', () => {
      const three =
        '{ "dims": 3, "input": { "shape": [1, 4, 4, 4] }, "layer": { "kernelSize": 3, "pads": [1, 0, 1] } }';
      assert.match(assertFixClears(three, only(three, 'pads-length')), /"pads": \[1, 0, 1, 1, 0, 1\]/);
      const odd = layer('"kernelSize": 3, "pads": [1, 0, 1]');
      assert.deepEqual(only(odd, 'pads-length').fixes ?? [], []);
    });
  });

  describe('an unreachable outputShape', () => {
    // 4 → canvas (4 − 1)·2 + 3 = 9; stride 2 appends at most 1 row: 10 is the largest reachable size.
    const shape = (outputShape: string, more = '') =>
      layer(`"kernelSize": 3, "stride": 2${more}, "outputShape": ${outputShape}`);

    it('far beyond the canvas: the nearest reachable size, on the entry', () => {
      const text = shape('[20, 8]');
      const d = only(text, 'output-shape-unreachable');
      assert.equal(marked(text, d), '20');
      assert.deepEqual(titles(d), ['Set outputShape H to 10, the nearest size it reaches']);
      assert.equal(assertFixClears(text, d), shape('[10, 8]'));
      assert.deepEqual(validateSpec(shape('[10, 8]')).plan?.outputShape, [1, 2, 10, 8]);
    });

    it('within output_padding of it: the output_padding that reaches the size, preferred, else the nearest', () => {
      const text = shape('[11, 8]');
      const d = only(text, 'output-shape-unreachable');
      assert.deepEqual(titles(d), [
        'Set outputPadding to [1, 0]',
        'Set outputShape H to 10, the nearest size it reaches',
      ]);
      const fixed = assertFixClears(text, d);
      assert.deepEqual(validateSpec(fixed).plan?.outputShape, [1, 2, 11, 8]);
    });

    it('counts an output_padding already written', () => {
      const text = shape('[13, 8]', ', "outputPadding": 1');
      const d = only(text, 'output-shape-unreachable');
      assert.equal(preferredFix(d).title, 'Set outputShape H to 11, the nearest size it reaches');
      assertFixClears(text, d);
    });

    it('each unreachable entry is its own diagnostic with its own fix', () => {
      const text = shape('[20, 30]');
      const { diagnostics } = validateSpec(text);
      assert.deepEqual(
        diagnostics.map((d) => [marked(text, d), preferredFix(d).title]),
        [
          ['20', 'Set outputShape H to 10, the nearest size it reaches'],
          ['30', 'Set outputShape W to 10, the nearest size it reaches'],
        ],
      );
    });
  });

  describe('a trim that removes the whole output', () => {
    // kernel 2, stride 1: 4 → 5 along each axis.
    const trimmed = (trim: string) => layer(`"kernelSize": 2, "trim": ${trim}`);

    it('one diagnostic for every axis it empties, on the one field written, trimming to one row', () => {
      const text = trimmed('{ "end": 5 }');
      const { diagnostics } = validateSpec(text);
      assert.equal(diagnostics.length, 1);
      const d = diagnostics[0];
      assert.equal(d.code, 'trim-too-large');
      assert.equal(d.offset, text.indexOf('5 }'));
      assert.match(d.message, /trim removes 0 \+ 5 of H_out = 5 and 0 \+ 5 of W_out = 5, leaving nothing\./);
      assert.deepEqual(titles(d), ['Set trim.end to 4, leaving one row']);
      assert.deepEqual(validateSpec(assertFixClears(text, d)).plan?.outputShape, [1, 2, 1, 1]);
    });

    it('both ends: marks the trim, keeps what it can of the begin', () => {
      const text = trimmed('{ "begin": 2, "end": 4 }');
      const d = only(text, 'trim-too-large');
      assert.equal(marked(text, d), '{ "begin": 2, "end": 4 }');
      assert.equal(preferredFix(d).title, 'Set trim.end to 2, leaving one row');
      assert.equal(assertFixClears(text, d), trimmed('{ "begin": 2, "end": 2 }'));
      const begin = trimmed('{ "begin": 5, "end": 4 }');
      assert.equal(assertFixClears(begin, only(begin, 'trim-too-large')), trimmed('{ "begin": 4, "end": 0 }'));
    });

    it('per-dimension values: only the entries of the emptied axis change', () => {
      const text = trimmed('{ "begin": [1, 6], "end": [0, 1] }');
      const d = only(text, 'trim-too-large');
      assert.match(d.message, /6 \+ 1 of W_out = 5, leaving nothing/);
      assert.doesNotMatch(d.message, /H_out/);
      assert.equal(assertFixClears(text, d), trimmed('{ "begin": [1, 4], "end": [0, 0] }'));
    });

    it('a per-dimension end, one entry too large, is marked on that entry', () => {
      const text = trimmed('{ "end": [1, 5] }');
      const d = only(text, 'trim-too-large');
      assert.equal(d.offset, text.indexOf('5]'));
      assert.equal(assertFixClears(text, d), trimmed('{ "end": [1, 4] }'));
    });
  });
});

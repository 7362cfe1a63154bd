import { strict as assert } from 'node:assert';
import { applyEdits, validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { PACK_MIN_LENGTH } from '../../../src/specFile/textScan';
import { assertFixClears, marked, only, preferredFix } from './helpers';

const withLayer = (layer: string) => `{ "input": { "shape": [1, 1, 4, 4] }, "layer": { "kernelSize": 2, ${layer} } }`;
const withData = (data: string) => `{ "input": { "data": ${data} }, "layer": { "kernelSize": 2 } }`;

/** The schema diagnostic, which must sit exactly on `token` (its first occurrence after `after`). */
function schemaOn(text: string, token: string, after = 0): SpecDiagnostic {
  const d = only(text, 'schema');
  assert.equal(d.offset, text.indexOf(token, after), `marked ${marked(text, d)}`);
  assert.equal(d.length, token.length);
  return d;
}

describe('quick fixes for typical mistakes', () => {
  describe('a number written as a string', () => {
    for (const [layer, token, number] of [
      ['"stride": "2"', '"2"', '2'],
      ['"padding": "1"', '"1"', '1'],
      ['"dilation": "3"', '"3"', '3'],
      ['"groups": "1"', '"1"', '1'],
      ['"outputPadding": "0"', '"0"', '0'],
    ] as const) {
      it(`${layer} becomes ${number}`, () => {
        const text = withLayer(layer);
        const d = schemaOn(text, token, text.indexOf('"layer"'));
        const fix = preferredFix(d);
        assert.equal(fix.title, `Write ${number} as a number`);
        assert.deepEqual(fix.edits, [{ offset: d.offset, length: token.length, newText: number }]);
        assert.equal(assertFixClears(text, d), withLayer(layer.replace(token, number)));
      });
    }

    it('fixes the one string inside a tuple', () => {
      const text = withLayer('"stride": ["2", 2]');
      const d = schemaOn(text, '"2"');
      assert.match(d.message, /layer\.stride\[0\] must be an integer/);
      assert.equal(assertFixClears(text, d), withLayer('"stride": [2, 2]'));
    });

    it('fixes a string among the numbers of data, keeping its decimals', () => {
      const text = withData('[[[[0, "1.5"], [2, 3]]]]');
      const d = schemaOn(text, '"1.5"');
      assert.equal(preferredFix(d).title, 'Write 1.5 as a number');
      assert.equal(assertFixClears(text, d), withData('[[[[0, 1.5], [2, 3]]]]'));
    });

    it('fixes a number in a hyperparameter of the forward layer', () => {
      const text =
        '{ "input": { "shape": [1, 1, 4, 4] }, "forward": { "kernelSize": "2", "stride": 2 }, "layer": { "kernelSize": 2, "stride": 2 } }';
      const d = schemaOn(text, '"2"');
      assert.match(d.message, /^forward\.kernelSize/);
      assertFixClears(text, d);
    });

    for (const [what, layer] of [
      ['a fraction where an integer is wanted', '"stride": "1.5"'],
      ['a number below the minimum', '"stride": "0"'],
      ['a negative padding', '"padding": "-1"'],
      ['a number too large for float64', '"stride": "1e400"'],
      ['text that only starts with a number', '"stride": "2px"'],
      ['a number with spaces around it', '"stride": " 2"'],
      ['a number with a plus sign', '"stride": "+2"'],
      ['a word', '"stride": "two"'],
      ['NaN as a string', '"stride": "NaN"'],
    ] as const) {
      it(`offers no fix for ${what} (${layer})`, () => {
        const text = withLayer(layer);
        const d = only(text, 'schema');
        assert.equal(marked(text, d), layer.slice(layer.indexOf(': ') + 2));
        assert.deepEqual(d.fixes ?? [], []);
      });
    }

    it('offers no fix where the schema wants a string or a list', () => {
      const text = `{ "dims": 2, "compute": "2", "input": { "shape": "4" }, "layer": { "kernelSize": 2 } }`;
      const { diagnostics } = validateSpec(text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, marked(text, d), d.fixes ?? []]),
        [
          ['schema', '"2"', []],
          ['schema', '"4"', []],
        ],
      );
    });

    it('fixes "dims": "1" and "dims": "3" (in the allowed set) but not "dims": "4"', () => {
      const one = '{ "dims": "1", "input": { "shape": [1, 1, 4] }, "layer": { "kernelSize": 2 } }';
      assertFixClears(one, schemaOn(one, '"1"'));
      const three = '{ "dims": "3", "input": { "shape": [1, 1, 4, 4, 4] }, "layer": { "kernelSize": 2 } }';
      assertFixClears(three, schemaOn(three, '"3"'));
      const four = '{ "dims": "4", "input": { "shape": [1, 1, 4] }, "layer": { "kernelSize": 2 } }';
      assert.deepEqual(schemaOn(four, '"4"').fixes ?? [], []);
    });
  });

  describe('a value below the minimum', () => {
    for (const [layer, token, nearest] of [
      ['"kernelSize": 0, "stride": 1', '0', '1'],
      ['"stride": 0', '0', '1'],
      ['"padding": -1', '-1', '0'],
      ['"dilation": 0', '0', '1'],
      ['"groups": 0', '0', '1'],
      ['"outputPadding": -1', '-1', '0'],
      ['"stride": -3', '-3', '1'],
      ['"stride": [2, 0]', '0', '1'],
      ['"padding": [-2, 1]', '-2', '0'],
    ] as const) {
      it(`${layer} becomes ${nearest}`, () => {
        const source = layer.startsWith('"kernelSize"') ? layer : `"kernelSize": 2, ${layer}`;
        const text = `{ "input": { "shape": [1, 1, 4, 4] }, "layer": { ${source} } }`;
        const d = schemaOn(text, token, text.indexOf(layer));
        assert.match(d.message, new RegExp(`must be at least ${nearest}, not ${token}\\.$`));
        const fix = preferredFix(d);
        assert.equal(fix.title, `Change to ${nearest}`);
        assert.deepEqual(fix.edits, [{ offset: d.offset, length: token.length, newText: nearest }]);
        const fixed = assertFixClears(text, d);
        assert.equal(fixed, text.slice(0, d.offset) + nearest + text.slice(d.offset + token.length));
      });
    }

    it('sets a shape entry of 0 to 1, and a negative tolerance to 0', () => {
      const shape = '{ "input": { "shape": [1, 0, 4, 4] }, "layer": { "kernelSize": 2 } }';
      assert.equal(assertFixClears(shape, schemaOn(shape, '0')), shape.replace('0, 4', '1, 4'));
      const tolerance =
        '{ "input": { "shape": [1, 1, 4, 4] }, "layer": { "kernelSize": 2, "expect": { "tolerance": -0.5 } } }';
      const d = schemaOn(tolerance, '-0.5');
      assert.equal(applyEdits(tolerance, preferredFix(d).edits), tolerance.replace('-0.5', '0'));
      assertFixClears(tolerance, d);
    });

    it('leaves a fraction below the minimum to its type error, without a guess', () => {
      const text = withLayer('"stride": -0.5');
      const d = schemaOn(text, '-0.5');
      assert.match(d.message, /must be an integer/);
      assert.deepEqual(d.fixes ?? [], []);
    });
  });

  describe('NaN and Infinity', () => {
    for (const [where, make, word] of [
      ['data', (w: string) => withData(`[[[[0, ${w}], [2, 3]]]]`), 'NaN'],
      ['data', (w: string) => withData(`[[[[${w}, 1], [2, 3]]]]`), 'Infinity'],
      ['data', (w: string) => withData(`[[[[0, 1], [2, ${w}]]]]`), '-Infinity'],
      ['a hyperparameter', (w: string) => withLayer(`"stride": ${w}`), 'Infinity'],
      ['a hyperparameter', (w: string) => withLayer(`"padding": ${w}, "stride": 2`), 'NaN'],
      ['a tuple', (w: string) => withLayer(`"dilation": [1, ${w}]`), '-Infinity'],
      ['data as numpy prints it', (w: string) => withData(`[[[[0, ${w}], [2, 3]]]]`), 'nan'],
      ['data as numpy prints it', (w: string) => withData(`[[[[0, ${w}], [2, 3]]]]`), '-inf'],
    ] as const) {
      it(`says JSON has no ${word}, on the word, in ${where}`, () => {
        const text = make(word);
        const d = only(text, 'syntax');
        assert.equal(d.offset, text.indexOf(word));
        assert.equal(d.length, word.length);
        assert.match(d.message, new RegExp(`^JSON has no "${word}": write a finite number here\\.`));
        assert.doesNotMatch(d.message, /Unexpected character/);
        const fixed = make('0');
        assert.deepEqual(
          validateSpec(fixed).diagnostics.filter((x) => x.code === 'syntax'),
          [],
          'the same spec with 0 parses',
        );
      });
    }

    it('finds NaN in data long enough for the fast scanner, and after data it packed', () => {
      const row = Array.from({ length: 1200 }, (_, i) => String(i % 7)).join(', ');
      assert.ok(row.length > PACK_MIN_LENGTH);
      const inRow = withData(`[[[${row}, NaN]]]`);
      const d = only(inRow, 'syntax');
      assert.equal(d.offset, inRow.indexOf('NaN'));
      assert.equal(marked(inRow, d), 'NaN');
      assert.match(d.message, /^JSON has no "NaN"/);
      const afterPacked = `{ "input": { "data": [[[${row}]]] }, "layer": { "kernelSize": 2, "stride": -Infinity } }`;
      const e = only(afterPacked, 'syntax');
      assert.equal(e.offset, afterPacked.indexOf('-Infinity'));
      assert.equal(marked(afterPacked, e), '-Infinity');
      assert.match(e.message, /^JSON has no "-Infinity"/);
    });

    it('keeps the usual message for other unexpected words, and NaN as an unquoted key is a property name', () => {
      const word = withLayer('"stride": two');
      assert.match(only(word, 'syntax').message, /^Unexpected character here\./);
      const key = withLayer('NaN: 2');
      assert.match(only(key, 'syntax').message, /^Property names need double quotes: "NaN"\./);
      const longer = withLayer('"stride": NaNa');
      assert.doesNotMatch(only(longer, 'syntax').message, /JSON has no/);
    });
  });
});

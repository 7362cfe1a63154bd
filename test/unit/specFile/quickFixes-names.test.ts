// Quick fixes for names and forms: verification names, did-you-mean with several candidates, other frameworks'
// names, a property renamed only to one that can hold its value, and values written in the wrong form.
import { strict as assert } from 'node:assert';
import { validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { closestName, closestNames } from '../../../src/specFile/didYouMean';
import { assertFixClears, marked, only, preferredFix } from './helpers';

const titles = (d: SpecDiagnostic) => (d.fixes ?? []).map((f) => f.title);
const preferred = (d: SpecDiagnostic) => (d.fixes ?? []).map((f) => f.isPreferred === true);

const BASE = '{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2 }';
const withVerify = (verify: string) => `${BASE}, "verify": ${verify} }`;
const withLayerField = (field: string) => `{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2, ${field} } }`;

describe('quick fixes: names and forms', () => {
  describe('closestNames', () => {
    const verify = ['scatter', 'matrix', 'transpose', 'roundTrip', 'adjoint', 'gradient', 'reconstruction', 'cost'];

    it('misspellings, case-insensitive; all of the closest when tied', () => {
      assert.deepEqual(closestNames('matirx', verify), ['matrix']);
      assert.deepEqual(closestNames('ROUNDTRIP', verify), ['roundTrip']);
      assert.deepEqual(closestNames('float', ['float64', 'float32']), ['float64', 'float32']);
    });

    it('abbreviations, endings and extensions when nothing is misspelt; nothing for two letters', () => {
      assert.deepEqual(closestNames('grad', verify), ['gradient']);
      assert.deepEqual(closestNames('recon', verify), ['reconstruction']);
      assert.deepEqual(closestNames('shape', ['outputShape', 'output', 'tolerance']), ['outputShape']);
      assert.deepEqual(closestNames('adjointness', verify), ['adjoint']);
      assert.deepEqual(closestNames('re', verify), []);
      assert.deepEqual(closestNames('xyzzy', verify), []);
    });

    it('closestName keeps its single answer: the first when tied, no abbreviations', () => {
      assert.equal(closestName('float', ['float64', 'float32']), 'float64');
      assert.equal(closestName('grad', verify), undefined);
    });
  });

  describe('verify', () => {
    for (const [written, name] of [
      ['"matirx"', 'matrix'],
      ['"grad"', 'gradient'],
      ['"round-trip"', 'roundTrip'],
      ['"roundtrip"', 'roundTrip'],
      ['"adjoin"', 'adjoint'],
      ['"costs"', 'cost'],
    ] as const) {
      it(`[${written}] becomes ["${name}"]`, () => {
        const text = withVerify(`[${written}]`);
        const d = only(text, 'schema');
        assert.equal(marked(text, d), written);
        assert.match(d.message, new RegExp(`Did you mean "${name}"\\?$`));
        assert.equal(assertFixClears(text, d), withVerify(`["${name}"]`));
      });
    }

    it('one name without the list is put in one', () => {
      const text = withVerify('"matrix"');
      const d = only(text, 'schema');
      assert.deepEqual(titles(d), ['Change to ["matrix"]']);
      assert.equal(assertFixClears(text, d), withVerify('["matrix"]'));
      const misspelt = withVerify('"trnaspose"');
      assert.equal(assertFixClears(misspelt, only(misspelt, 'schema')), withVerify('["transpose"]'));
      const all = withVerify('"ALL"');
      assert.equal(assertFixClears(all, only(all, 'schema')), withVerify('"all"'));
    });

    it('"all" inside the list becomes "all"', () => {
      const text = withVerify('["matrix", "all"]');
      const d = only(text, 'schema');
      assert.equal(marked(text, d), '"all"');
      assert.deepEqual(titles(d), ['Change verify to "all"']);
      assert.equal(assertFixClears(text, d), withVerify('"all"'));
    });

    it('a repeated name is marked where it repeats and removed there', () => {
      const text = withVerify('["matrix", "cost", "matrix"]');
      const d = only(text, 'schema');
      assert.equal(d.offset, text.lastIndexOf('"matrix"'));
      assert.equal(d.message, 'verify lists "matrix" twice.');
      assert.equal(assertFixClears(text, d), withVerify('["matrix", "cost"]'));
      const first = withVerify('["cost", "cost"]');
      assert.equal(assertFixClears(first, only(first, 'schema')), withVerify('["cost"]'));
    });

    it('offers nothing for a name nothing is close to', () => {
      const text = withVerify('["xyzzy"]');
      assert.deepEqual(only(text, 'schema').fixes ?? [], []);
    });
  });

  describe('several plausible names: one fix each, none preferred', () => {
    it('"dtype": "float" could be either float', () => {
      const text = `${BASE}, "dtype": "float" }`;
      const d = only(text, 'schema');
      assert.match(d.message, /Did you mean "float64" or "float32"\?$/);
      assert.deepEqual(titles(d), ['Change to "float64"', 'Change to "float32"']);
      assert.deepEqual(preferred(d), [false, false]);
      for (const fix of d.fixes!) {
        const fixed = text.slice(0, fix.edits[0].offset) + fix.edits[0].newText + text.slice(fix.edits[0].offset + 7);
        assert.deepEqual(validateSpec(fixed).diagnostics, []);
      }
    });

    it('a property abbreviation names only the properties that can hold its value', () => {
      const text = withLayerField('"out": 3');
      const d = only(text, 'schema');
      // outputShape takes a list, so 3 cannot be one.
      assert.deepEqual(titles(d), ['Rename to "outChannels"', 'Rename to "outputPadding"']);
      assert.match(d.message, /Did you mean "outChannels" or "outputPadding"\?/);
    });

    it('a near spelling whose type does not fit is not suggested', () => {
      const text = withLayerField('"activation": "relu"');
      const d = only(text, 'schema');
      assert.doesNotMatch(d.message, /Did you mean/);
      assert.deepEqual(d.fixes ?? [], []);
    });
  });

  describe("other frameworks' names", () => {
    for (const [field, written, meant] of [
      ['"type"', 'deconv', 'convTranspose'],
      ['"type"', 'Conv2DTranspose', 'convTranspose'],
      ['"type"', 'cat', 'concat'],
      ['"dtype"', 'double', 'float64'],
    ] as const) {
      it(`${field}: "${written}" means "${meant}"`, () => {
        const text = field === '"type"' ? withLayerField(`"type": "${written}"`) : `${BASE}, ${field}: "${written}" }`;
        const d = only(text, 'schema');
        assert.equal(preferredFix(d).title, `Change to "${meant}"`);
        assert.equal(d.fixes?.length, 1);
      });
    }

    it('"init": "normal" is randn, and the fix clears', () => {
      const text = '{ "input": { "shape": [2, 4, 4], "init": "normal" }, "layer": { "kernelSize": 2 } }';
      const d = only(text, 'schema');
      assert.equal(preferredFix(d).title, 'Change to "randn"');
      assertFixClears(text, d);
    });
  });

  describe('values in the wrong form', () => {
    it('nested numbers where a tensor is wanted become its "data"', () => {
      for (const [text, token] of [
        ['{ "input": [[0, 1], [2, 3]], "layer": { "kernel": { "data": [[0, 1], [2, 3]] } } }', '[[0, 1], [2, 3]]'],
        ['{ "input": { "data": [[0, 1], [2, 3]] }, "layer": { "kernel": [[0, 1], [2, 3]] } }', '[[0, 1], [2, 3]]'],
        ['{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2, "bias": [0.5, -1] } }', '[0.5, -1]'],
      ] as const) {
        const d = only(text, 'schema');
        assert.equal(marked(text, d), token);
        assert.equal(preferredFix(d).title, 'Write it as { "data": … }');
        assert.match(assertFixClears(text, d), /\{ "data": \[/);
      }
    });

    it('one value repeated for more dimensions than any spec has becomes that value', () => {
      const text = withLayerField('"padding": [1, 1, 1, 1]');
      const d = only(text, 'schema');
      assert.equal(assertFixClears(text, d), withLayerField('"padding": 1'));
      const mixed = withLayerField('"padding": [0, 1, 0, 1]');
      assert.deepEqual(only(mixed, 'schema').fixes ?? [], []);
      const shape = '{ "input": { "shape": [1, 1, 1, 1, 1, 1] }, "layer": { "kernelSize": 2 } }';
      assert.deepEqual(only(shape, 'schema').fixes ?? [], [], 'a shape is always a list');
    });
  });
});

import { strict as assert } from 'node:assert';
import { INIT_KINDS } from '../../../src/engine';
import { LAYER_KINDS, VERIFY_NAMES, validateSpec } from '../../../src/specFile';
import schema from '../../../schemas/tconv.schema.json';
import { assertFixClears, marked, only } from './helpers';

const BASE = '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2 } }';
const withLayer = (layer: string) => `{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, ${layer} } }`;

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
};

describe('spec schema checks', () => {
  it('marks an unknown property on its key and offers the close name', () => {
    const text = withLayer('"strdie": 2');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"strdie"');
    assert.match(d.message, /Unknown property "strdie" in layer\. Did you mean "stride"\?/);
    assert.match(d.message, /Allowed: .*outputPadding/);
    assertFixClears(text, d);
  });

  it('marks a wrong type on the value and names the allowed types', () => {
    const text = withLayer('"stride": "2"');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"2"');
    assert.equal(d.message, 'layer.stride must be an integer or a list of integers, not the string "2".');
  });

  it('marks one bad entry inside a list', () => {
    const text = withLayer('"padding": [1, -1]');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '-1');
    assert.match(d.message, /layer\.padding\[1\] must be at least 0/);
  });

  it('marks a bad enum value, lists the allowed ones and suggests the closest', () => {
    const text = '{ "input": { "shape": [2, 2], "init": "aranje" }, "layer": { "kernelSize": 2 } }';
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"aranje"');
    assert.match(
      d.message,
      /input\.init must be one of "zeros", "ones", "arange", "random", "randn", "fill", not "aranje"/,
    );
    assertFixClears(text, d);
  });

  it('explains verify in one diagnostic, not one per anyOf branch', () => {
    const text = BASE.replace(/ }$/, ', "verify": "alll" }');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"alll"');
    assert.match(d.message, /verify must be "all" or a list of "scatter", .*"cost", not the string "alll"/);
    assertFixClears(text, d);
  });

  it('checks each verify name inside the list', () => {
    const text = BASE.replace(/ }$/, ', "verify": ["matrix", "transposed"] }');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"transposed"');
    assertFixClears(text, d);
  });

  it('a repeated verify name is reported as such, not as "not a list"', () => {
    const text = BASE.replace(/ }$/, ', "verify": ["matrix", "matrix"] }');
    assert.equal(only(text, 'schema').message, 'verify lists "matrix" twice.');
  });

  it('a spec that is not an object', () => {
    assert.equal(only('[1, 2]', 'schema').message, 'The spec must be an object, not a list.');
  });

  it('rejects outputPadding on a forward conv layer, on the key', () => {
    const text = withLayer('"type": "conv", "outputPadding": 1');
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"outputPadding"');
    assert.match(d.message, /only to transposed convolutions/);
  });

  it('requires input, marking the root object', () => {
    const text = '{ "layer": { "kernelSize": 2 } }';
    const d = only(text, 'schema');
    assert.equal(d.offset, 0);
    assert.equal(d.message, 'The spec needs "input".');
  });

  it('marks unknown keys at the top level and in nested tensors', () => {
    const text = '{ "input": { "shape": [2, 2], "sede": 1 }, "layer": { "kernelSize": 2 }, "expects": {} }';
    const { diagnostics } = validateSpec(text);
    assert.deepEqual(
      diagnostics.map((d) => marked(text, d)),
      ['"sede"', '"expects"'],
    );
    assert.match(diagnostics[1].message, /Did you mean "expect"\?/);
  });

  it('describes bias alternatives in words', () => {
    const text = withLayer('"bias": 3');
    assert.equal(only(text, 'schema').message, 'layer.bias must be true, false or an object, not the integer 3.');
  });

  it('names a wrong nested-data leaf', () => {
    const text = '{ "input": { "data": [[0, 1], [2, "x"]] }, "layer": { "kernelSize": 2 } }';
    const d = only(text, 'schema');
    assert.equal(marked(text, d), '"x"');
  });

  it('warns about duplicate keys on the ignored one', () => {
    const text = '{ "input": { "shape": [2, 2] }, "layer": { "stride": 1, "kernelSize": 2, "stride": 2 } }';
    const d = only(text, 'duplicate-key');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, text.indexOf('"stride"'));
    assert.equal(d.related?.[0].offset, text.lastIndexOf('"stride"'));
  });
});

describe('the schema file', () => {
  const root = schema as unknown as SchemaNode;

  it('documents every property with a description and examples or an enum', () => {
    const missing: string[] = [];
    const walk = (node: SchemaNode | undefined, path: string): void => {
      if (!node) return;
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        if (typeof child !== 'object') continue;
        const where = `${path}/${name}`;
        if (!child.description) missing.push(`${where}: description`);
        if (!child.examples && !child.enum && name !== 'layers') missing.push(`${where}: examples`);
        walk(child, where);
      }
      walk(node.items, `${path}[]`);
    };
    walk(root, '');
    assert.deepEqual(missing, []);
  });

  it('lists the same names as the code', () => {
    const props = root.properties ?? {};
    const layer = props.layer.properties ?? {};
    assert.deepEqual(props.input.properties?.init.enum, [...INIT_KINDS]);
    assert.deepEqual(layer.type.enum, [...LAYER_KINDS]);
    assert.deepEqual(props.verify.anyOf?.[1].items?.enum, [...VERIFY_NAMES]);
  });
});

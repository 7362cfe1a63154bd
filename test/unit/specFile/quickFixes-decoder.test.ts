// Issue 16's audit: the mistakes a new user makes typing a decoder (the "Chain of layers" template), each one
// yielding exactly one diagnostic on the token to change and, where the remedy is clear, a fix that clears it.
import { strict as assert } from 'node:assert';
import { applyEdits, validateSpec } from '../../../src/specFile';
import { SPEC_TEMPLATES } from '../../../src/specFile/templates';
import { assertFixClears, marked, preferredFix } from './helpers';

const DECODER = SPEC_TEMPLATES.find((t) => t.id === 'chain')!.text;
/** The decoder without its final expect, for mistakes whose fix changes the output size. */
const UNCHECKED = DECODER.replace(/,\n {2}"expect": \{\n {4}"outputShape": \[3, 16, 16\]\n {2}\}/, '');

/** The text with the first `from` after `anchor` replaced by `to`. */
function typo(text: string, from: string, to: string, anchor = ''): string {
  const at = text.indexOf(from, text.indexOf(anchor));
  assert.ok(at >= 0 && text.indexOf(anchor) >= 0, `"${from}" after "${anchor}" is not in the spec`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

interface Mistake {
  readonly what: string;
  readonly text: string;
  readonly code: string;
  /** The marked text, found as the first occurrence after `anchor` (default: the start). */
  readonly token: string;
  readonly anchor?: string;
  /**
   * 'clears': a preferred fix that leaves no error; 'reveals': one whose result has one error left, the final
   * expectation the changed size now misses (itself fixable); 'choices': several fixes, none preferred; 'none'.
   */
  readonly fix: 'clears' | 'reveals' | 'choices' | 'none';
}

const up1 = '"name": "up1"';
const toRgb = '"name": "to RGB"';

const MISTAKES: readonly Mistake[] = [
  {
    what: 'a number as a string',
    text: typo(DECODER, '"stride": 2', '"stride": "2"'),
    code: 'schema',
    token: '"2"',
    fix: 'clears',
  },
  {
    what: "PyTorch's kernel_size",
    text: typo(DECODER, '"kernelSize"', '"kernel_size"'),
    code: 'schema',
    token: '"kernel_size"',
    fix: 'clears',
  },
  {
    what: "PyTorch's out_channels",
    text: typo(DECODER, '"outChannels"', '"out_channels"'),
    code: 'schema',
    token: '"out_channels"',
    fix: 'clears',
  },
  {
    what: 'a forgotten comma between properties',
    text: typo(DECODER, '"stride": 2,', '"stride": 2'),
    code: 'syntax',
    token: '"padding"',
    fix: 'clears',
  },
  {
    what: 'a forgotten comma between layers',
    text: typo(DECODER, '},\n    {', '}\n    {'),
    code: 'syntax',
    token: '{',
    anchor: '"padding": 1\n    }',
    fix: 'clears',
  },
  {
    what: 'a forgotten closing brace at the end',
    text: DECODER.replace(/\}\n$/, '\n'),
    code: 'syntax',
    token: '',
    fix: 'clears',
  },
  {
    what: "Python's True",
    text: typo(DECODER, up1, `${up1}, "bias": True`),
    code: 'syntax',
    token: 'True',
    fix: 'clears',
  },
  { what: 'single quotes', text: typo(DECODER, up1, '"name": \'up1\''), code: 'syntax', token: "'up1'", fix: 'clears' },
  {
    what: 'an unquoted key',
    text: typo(DECODER, '"stride"', 'stride'),
    code: 'syntax',
    token: 'stride',
    fix: 'clears',
  },
  {
    what: 'a Python tuple',
    text: typo(DECODER, '"kernelSize": 4', '"kernelSize": (4, 4)'),
    code: 'syntax',
    token: '(4, 4)',
    fix: 'clears',
  },
  {
    what: 'a # comment',
    text: typo(DECODER, '"layers"', '# two layers\n  "layers"'),
    code: 'syntax',
    token: '#',
    fix: 'clears',
  },
  {
    what: 'a shape as NumPy prints it',
    text: typo(DECODER, '[16, 4, 4]', '[16 4 4]'),
    code: 'syntax',
    token: '4',
    fix: 'clears',
  },
  {
    what: 'a dilation of 0',
    text: typo(DECODER, up1, `${up1}, "dilation": 0`),
    code: 'schema',
    token: '0',
    anchor: '"dilation"',
    fix: 'clears',
  },
  {
    what: 'padding "SAME" in capitals',
    text: typo(DECODER, '"padding": 1', '"padding": "SAME"'),
    code: 'schema',
    token: '"SAME"',
    fix: 'clears',
  },
  {
    what: 'groups that do not divide 16 → 8',
    text: typo(DECODER, up1, `${up1}, "groups": 3`),
    code: 'groups-not-divisible',
    token: '3',
    anchor: '"groups"',
    fix: 'clears',
  },
  {
    what: 'a bias shorter than the channels',
    text: typo(DECODER, toRgb, `${toRgb}, "bias": { "data": [0.1, 0.2] }`),
    code: 'bias-shape',
    token: '[0.1, 0.2]',
    fix: 'clears',
  },
  {
    what: 'an empty chain',
    text: DECODER.replace(/"layers": \[[\s\S]*?\n {2}\]/, '"layers": []'),
    code: 'schema',
    token: '[]',
    fix: 'clears',
  },
  {
    what: 'a padding that eats the output',
    text: typo(UNCHECKED, '"padding": 1', '"padding": 5'),
    code: 'output-size-nonpositive',
    token: '5',
    fix: 'clears',
  },
  {
    what: 'outputPadding as large as the stride',
    text: typo(UNCHECKED, toRgb, `${toRgb}, "outputPadding": 2`),
    code: 'output-padding-range',
    token: '2',
    anchor: '"outputPadding"',
    fix: 'clears',
  },
  {
    what: 'outputPadding as large as the stride, with the final expect (not repeated as a wrong shape)',
    text: typo(DECODER, toRgb, `${toRgb}, "outputPadding": 2`),
    code: 'output-padding-range',
    token: '2',
    anchor: '"outputPadding"',
    fix: 'reveals',
  },
  {
    what: 'a misspelt verification',
    text: typo(DECODER, '"expect"', '"verify": ["matirx"],\n  "expect"'),
    code: 'schema',
    token: '"matirx"',
    fix: 'clears',
  },
  {
    what: 'a verification without the list',
    text: typo(DECODER, '"expect"', '"verify": "cost",\n  "expect"'),
    code: 'schema',
    token: '"cost"',
    fix: 'clears',
  },
  {
    what: "Keras' name for the layer type",
    text: typo(DECODER, up1, `${up1}, "type": "deconv"`),
    code: 'schema',
    token: '"deconv"',
    fix: 'clears',
  },
  {
    what: 'a wrong expected shape',
    text: typo(DECODER, '[3, 16, 16]', '[3, 32, 32]'),
    code: 'expected-shape',
    token: '[3, 32, 32]',
    fix: 'clears',
  },
  {
    what: "inChannels that are not the previous layer's output",
    text: typo(DECODER, toRgb, `${toRgb}, "inChannels": 16`),
    code: 'channel-mismatch',
    token: '16',
    anchor: '"inChannels"',
    fix: 'clears',
  },
  {
    what: 'a stride for three dimensions',
    text: typo(DECODER, '"stride": 2', '"stride": [2, 2, 2]'),
    code: 'tuple-length',
    token: '[2, 2, 2]',
    fix: 'clears',
  },
  {
    what: 'padding for four sides',
    text: typo(DECODER, '"padding": 1', '"padding": [1, 1, 1, 1]'),
    code: 'schema',
    token: '[1, 1, 1, 1]',
    fix: 'clears',
  },
  {
    what: '"shape" for "outputShape"',
    text: typo(DECODER, '"outputShape"', '"shape"'),
    code: 'schema',
    token: '"shape"',
    anchor: '"expect"',
    fix: 'clears',
  },
  {
    what: 'init "normal"',
    text: typo(DECODER, '"shape": [16, 4, 4]', '"shape": [16, 4, 4], "init": "normal"'),
    code: 'schema',
    token: '"normal"',
    fix: 'clears',
  },
  {
    what: 'outputPadding on a conv layer',
    text: typo(UNCHECKED, up1, `${up1}, "type": "conv", "outputPadding": 1`),
    code: 'schema',
    token: '"outputPadding"',
    fix: 'clears',
  },
  {
    what: 'a forgotten kernelSize',
    text: typo(DECODER, '"kernelSize": 4,\n', ''),
    code: 'kernel-size-missing',
    token: '"up1"',
    fix: 'none',
  },
  {
    what: 'dtype "float" (float32 or float64?)',
    text: typo(DECODER, '"expect"', '"dtype": "float",\n  "expect"'),
    code: 'schema',
    token: '"float"',
    fix: 'choices',
  },
  {
    what: 'a fractional channel count',
    text: typo(DECODER, '"outChannels": 8', '"outChannels": 8.5'),
    code: 'schema',
    token: '8.5',
    fix: 'none',
  },
  {
    what: 'both "layer" and "layers"',
    text: typo(DECODER, '"layers"', '"layer": { "kernelSize": 2 },\n  "layers"'),
    code: 'layer-missing',
    token: '"layers"',
    fix: 'none',
  },
];

describe('a new user typing a decoder: one diagnostic per mistake, and its fix', () => {
  it('the template itself is clean', () => {
    assert.deepEqual(validateSpec(DECODER).diagnostics, []);
    assert.deepEqual(validateSpec(UNCHECKED).diagnostics, []);
    assert.notEqual(UNCHECKED, DECODER);
  });

  it(`covers ${MISTAKES.length} mistakes, most of them fixable`, () => {
    assert.ok(MISTAKES.length >= 25);
    assert.ok(MISTAKES.filter((m) => m.fix === 'clears').length >= 25);
  });

  for (const m of MISTAKES) {
    it(m.what, () => {
      const { diagnostics } = validateSpec(m.text);
      assert.equal(diagnostics.length, 1, diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
      const [d] = diagnostics;
      assert.equal(d.code, m.code);
      assert.equal(marked(m.text, d), m.token);
      if (m.token !== '') assert.equal(d.offset, m.text.indexOf(m.token, m.text.indexOf(m.anchor ?? '')));
      if (m.fix === 'clears') assertFixClears(m.text, d);
      else if (m.fix === 'reveals') {
        const fixed = applyEdits(m.text, preferredFix(d).edits);
        const left = validateSpec(fixed).diagnostics;
        assert.deepEqual(
          left.map((x) => x.code),
          ['expected-shape'],
        );
        assertFixClears(fixed, left[0]);
      } else if (m.fix === 'choices') {
        assert.ok((d.fixes?.length ?? 0) >= 2);
        assert.ok(d.fixes!.every((f) => !f.isPreferred));
      } else assert.deepEqual(d.fixes ?? [], []);
    });
  }
});

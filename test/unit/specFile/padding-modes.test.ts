// The padding fields of issue 13 in a spec: Keras "same"/"valid", ONNX pads / autoPad / outputShape, trim. Each
// diagnostic on the token to change, the fixes that exist, the formula in the hover, the PyTorch equivalent.
import { strict as assert } from 'node:assert';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { verifyText } from '../../../src/specFile/verifySpec';
import { hoverAt } from '../../../src/specFile/hover';
import { paddingText } from '../../../src/specFile/paddingText';
import { codeSnippets } from '../../../src/preview/codegen';
import { assertFixClears, codesOf, marked, only, preferredFix, specText } from './helpers';

const oneD = (layer: Record<string, unknown>, length = 5) =>
  specText({
    dims: 1,
    input: { shape: [1, 2, length] },
    layer: { outChannels: 3, kernelSize: 4, stride: 2, ...layer },
  });

describe('padding modes in a spec', () => {
  describe('Keras "same" / "valid"', () => {
    it('"padding": "same" is Keras\' rule, not a type error: out = in·stride', () => {
      const result = validateSpec(oneD({ padding: 'same' }));
      assert.deepEqual(codesOf(result.diagnostics), []);
      assert.deepEqual(result.plan?.outputShape, [1, 3, 10]);
      // canvas (5 − 1)·2 + 4 = 12, total 2: one row off each end.
      assert.deepEqual(result.plan?.layers[0].padding?.begin, [1]);
      assert.deepEqual(result.plan?.layers[0].padding?.end, [1]);
    });

    it('"valid" keeps the canvas: (in − 1)·stride + kernel', () => {
      assert.deepEqual(validateSpec(oneD({ padding: 'valid' })).plan?.outputShape, [1, 3, 12]);
    });

    it('a misspelt mode is a schema error on the value', () => {
      const text = oneD({ padding: 'SAME' });
      const d = only(text, 'schema');
      assert.equal(marked(text, d), '"SAME"');
      assert.match(d.message, /write a number, one per dimension, or "same" \/ "valid"/);
      assert.equal(JSON.parse(assertFixClears(text, d)).layer.padding, 'same');
      const quoted = oneD({ padding: '1' });
      assert.equal(JSON.parse(assertFixClears(quoted, only(quoted, 'schema'))).layer.padding, 1);
    });

    it('"same" with an even kernel and outputPadding 0 is refused as TensorFlow refuses it', () => {
      const text = oneD({ padding: 'same', outputPadding: 0 });
      const d = only(text, 'keras-rejects');
      assert.equal(marked(text, d), '"same"');
      assert.match(d.message, /8-long output: a SAME convolution of it has 4 positions, not 5/);
    });

    it('Keras refuses output_padding ≥ stride, marked on the output_padding', () => {
      const text = oneD({ padding: 'valid', outputPadding: 2 });
      const d = only(text, 'keras-rejects');
      assert.equal(marked(text, d), '2');
    });

    it('"same" with ONNX fields is a conflict on the second one, fixed by removing it', () => {
      const text = oneD({ padding: 'same', autoPad: 'SAME_UPPER' });
      const d = only(text, 'padding-conflict');
      assert.equal(marked(text, d), '"autoPad"');
      assertFixClears(text, d);
    });
  });

  describe('ONNX pads / autoPad / outputShape', () => {
    it('pads of the wrong length: pads-length on the array', () => {
      const text = oneD({ pads: [1, 2, 3] });
      const d = only(text, 'pads-length');
      assert.equal(marked(text, d), '[\n      1,\n      2,\n      3\n    ]');
    });

    it('pads with a numeric padding: the second one is marked; symmetric pads merge into padding', () => {
      const text = oneD({ padding: 1, pads: [2, 2] });
      const d = only(text, 'padding-conflict');
      assert.equal(marked(text, d), '"pads"');
      assert.match(preferredFix(d).title, /padding.*2/);
      const fixed = assertFixClears(text, d);
      assert.deepEqual(JSON.parse(fixed).layer.padding, 2);
      assert.equal(JSON.parse(fixed).layer.pads, undefined);
    });

    it('asymmetric pads with padding: the only fix removes the second', () => {
      const text = oneD({ pads: [0, 2], padding: 1 });
      const d = only(text, 'padding-conflict');
      assert.equal(marked(text, d), '"padding"');
      assert.deepEqual(
        d.fixes?.map((f) => f.title),
        ['Remove "padding"'],
      );
      assertFixClears(text, d);
    });

    it('autoPad with explicit pads is a conflict', () => {
      const text = oneD({ pads: [0, 2], autoPad: 'SAME_LOWER' });
      assert.equal(marked(text, only(text, 'padding-conflict')), '"autoPad"');
    });

    it("autoPad NOTSET with pads is ONNX's default: no conflict", () => {
      const result = validateSpec(oneD({ pads: [0, 2], autoPad: 'NOTSET' }));
      assert.deepEqual(codesOf(result.diagnostics), []);
      assert.deepEqual(result.plan?.outputShape, [1, 3, 10]);
    });

    it('an unreachable outputShape is marked on its entry, naming the limit', () => {
      // canvas 12; stride 2 allows 13 at most.
      const text = oneD({ outputShape: [14] });
      const d = only(text, 'output-shape-unreachable');
      assert.equal(marked(text, d), '14');
      assert.match(d.message, /stride − 1 = 1/);
      assert.deepEqual(validateSpec(oneD({ outputShape: [13] })).plan?.outputShape, [1, 3, 13]);
    });

    it('outputShape with pads is a conflict; outputShape on a conv layer is a schema error', () => {
      assert.equal(
        marked(
          oneD({ outputShape: [9], pads: [1, 1] }),
          only(oneD({ outputShape: [9], pads: [1, 1] }), 'padding-conflict'),
        ),
        '"pads"',
      );
      only(oneD({ type: 'conv', outputShape: [3] }, 9), 'schema');
    });

    it('outputShape of the wrong length is tuple-length', () => {
      only(oneD({ outputShape: [9, 9] }), 'tuple-length');
    });
  });

  describe('forward', () => {
    it('copies Keras "same" from the first transposed layer: 8 → 4 → 8, and every verification passes', () => {
      const text = specText({
        input: { shape: [1, 2, 8, 8] },
        forward: {},
        layers: [{ outChannels: 2, kernelSize: 5, stride: 2, padding: 'same' }],
      });
      const outcome = verifyText(text);
      assert.deepEqual(codesOf(outcome.diagnostics), []);
      assert.deepEqual(outcome.plan?.forward?.outputShape, [1, 2, 4, 4]);
      assert.deepEqual(outcome.plan?.forward?.padding?.inputPad, { begin: [1, 1], end: [2, 2] });
      assert.equal(outcome.verification?.counts.failed, 0);
      assert.ok((outcome.verification?.counts.passed ?? 0) >= 6);
      // 9 does not come back: ⌈9/2⌉·2 = 10.
      assert.deepEqual(codesOf(validateSpec(text.replace('8,\n      8', '9,\n      9')).diagnostics), ['round-trip']);
    });
  });

  describe('trim', () => {
    it("EnCodec's causal trim: kernel 2s, stride s, trim end k − s gives in·s", () => {
      const result = validateSpec(oneD({ trim: { end: 2 } }));
      assert.deepEqual(codesOf(result.diagnostics), []);
      assert.deepEqual(result.plan?.outputShape, [1, 3, 10]);
      const ev = evaluateSpec(result.spec!, result.plan!);
      const untrimmed = validateSpec(oneD({}));
      const full = evaluateSpec(untrimmed.spec!, untrimmed.plan!).output;
      // The first 10 of every channel's 12.
      for (let c = 0; c < 3; c++)
        for (let i = 0; i < 10; i++) assert.equal(ev.output.data[c * 10 + i], full.data[c * 12 + i]);
    });

    it('a trim that eats the output is trim-too-large on the trim', () => {
      const text = oneD({ trim: { begin: 6, end: 6 } });
      const d = only(text, 'trim-too-large');
      assert.ok(marked(text, d).startsWith('{'));
    });
  });

  describe('hover, CLI text and code', () => {
    it("the hover shows the mode's numbers and the PyTorch equivalent with its slice", () => {
      const text = oneD({ pads: [0, 2] });
      const result = validateSpec(text);
      const at = text.indexOf('"pads"') + 2;
      const hover = hoverAt(text, result, at);
      assert.ok(hover);
      assert.match(hover.markdown, /padding: ONNX pads/);
      assert.match(hover.markdown, /L: begin = 0, end = 2 − 0 = 2/);
      assert.match(hover.markdown, /PyTorch cannot express this/);
      assert.match(hover.markdown, /y = y\[\.\.\., 0:10\]/);
    });

    it('SAME_LOWER with the odd row at the start is padding + output_padding in PyTorch', () => {
      const result = validateSpec(oneD({ autoPad: 'SAME_LOWER' }, 4));
      const t = paddingText(result.plan!.layers[0]);
      // canvas 10, out 8, total 2: begin 1, end 1 → padding 1. Odd totals need a kernel of odd extent.
      assert.equal(t?.exact, true);
      const odd = validateSpec(oneD({ autoPad: 'SAME_LOWER', kernelSize: 3 }, 4));
      assert.match(paddingText(odd.plan!.layers[0])!.verdict, /padding=1, output_padding=1 gives exactly this/);
    });

    it('symmetric pads need no slice: PyTorch expresses them', () => {
      const result = validateSpec(oneD({ pads: [1, 1] }));
      const t = paddingText(result.plan!.layers[0]);
      assert.equal(t?.exact, true);
      assert.match(t!.verdict, /padding=1, output_padding=0 gives exactly this/);
    });

    it("the PyTorch snippet slices, the others use their framework's padding, and the expected values are the spec's", () => {
      const text = specText({
        dims: 1,
        input: { data: [[1, 2, 3]] },
        layer: { kernel: { data: [[[1, 10, 100]]] }, stride: 2, autoPad: 'SAME_UPPER' },
      });
      const result = validateSpec(text);
      const ev = evaluateSpec(result.spec!, result.plan!);
      // canvas [1, 10, 102, 20, 203, 30, 300]; SAME_UPPER drops the odd row at the end.
      assert.deepEqual([...ev.output.data], [1, 10, 102, 20, 203, 30]);
      const [pytorch, ...others] = codeSnippets(result.plan!.layers[0], 'float64', ev.layers[0]);
      assert.match(pytorch.code, /padding=0,\n {4}output_padding=0,/);
      assert.match(pytorch.code, /y = y\[\.\.\., 0:6\]/);
      assert.match(pytorch.code, /\[\[\[1, 10, 102, 20, 203, 30\]\]\]/);
      // The other frameworks write ONNX's SAME_UPPER in their own terms, and assert the same values.
      const code = Object.fromEntries(others.map((s) => [s.framework, s.code]));
      assert.match(code.onnx, /auto_pad="SAME_UPPER",/);
      assert.match(code.tensorflow, /padding="same",/);
      assert.match(code.jax, /padding=\[\(2, 1\)\],/);
      for (const s of others) {
        assert.doesNotMatch(s.notes.join(' '), /PyTorch cannot express/);
        assert.match(s.code, /\[\[\[1, 10, 102, 20, 203, 30\]\]\]/);
      }
    });

    it('an asymmetric conv pads its input with F.pad', () => {
      const result = validateSpec(oneD({ type: 'conv', autoPad: 'SAME_UPPER' }, 9));
      const t = paddingText(result.plan!.layers[0]);
      assert.deepEqual(t?.torchCode, ['y = layer(F.pad(x, (1, 2)))']);
      assert.deepEqual(result.plan?.outputShape, [1, 3, 5]);
    });
  });
});

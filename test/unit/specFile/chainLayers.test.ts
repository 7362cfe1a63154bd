// The chain layers of issue 13 in a spec: pool, upsample, pad, crop, concat/add with `with`, their diagnostics on
// the exact token with fixes, hovers, values and verification.
import { strict as assert } from 'node:assert';
import { applyEdits, validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { verifyText } from '../../../src/specFile/verifySpec';
import { evaluateSpec } from '../../../src/specFile/evaluate';
import { hoverAt } from '../../../src/specFile/hover';
import { EXAMPLES_DIR, readText, specText } from './helpers';

const errors = (text: string): SpecDiagnostic[] => validateSpec(text).diagnostics.filter((d) => d.severity === 'error');
const tokenOf = (text: string, d: SpecDiagnostic): string => text.slice(d.offset, d.offset + d.length);

/** input [1, C, n, n] → conv 3×3 → pool 2 → up-conv 2×2 stride 2 → concat with the conv's output. */
function unet(n: number, extra: Record<string, unknown> = {}, withName = 'enc'): string {
  return specText({
    input: { shape: [1, 2, n, n] },
    layers: [
      { name: 'enc', type: 'conv', outChannels: 4, kernelSize: 3, padding: 1 },
      { name: 'pool', type: 'maxPool', kernelSize: 2 },
      { name: 'up', outChannels: 4, kernelSize: 2, stride: 2, ...extra },
      { name: 'cat', type: 'concat', with: withName },
    ],
  });
}

describe('chain layers: skip connections', () => {
  it('the U-Net example plans every layer and its concat joins the encoder output, values included', () => {
    const text = readText(EXAMPLES_DIR, 'unet-skips.tconv.json');
    const result = validateSpec(text);
    assert.deepEqual(result.diagnostics, []);
    const plan = result.plan!;
    const byName = new Map(plan.layers.map((l) => [l.name, l]));
    assert.deepEqual(byName.get('pool1')?.outputShape, [1, 8, 22, 22]);
    assert.deepEqual(byName.get('cat2')?.outputShape, [1, 16, 45, 45]);
    const evaluation = evaluateSpec(result.spec!, plan);
    const at = (name: string) => evaluation.layers[plan.layers.findIndex((l) => l.name === name)].output;
    const cat2 = at('cat2');
    const plane = 45 * 45;
    // torch.cat([up2, enc1], dim=1): the first 8 channels are up2's, the next 8 enc1's.
    assert.deepEqual(Array.from(cat2.data.subarray(0, 8 * plane)), Array.from(at('up2').data));
    assert.deepEqual(Array.from(cat2.data.subarray(8 * plane)), Array.from(at('enc1').data));
  });

  it("the off-by-one is an error on the concat's with, naming both layers and sizes; the preferred fix sets outputPadding", () => {
    const text = unet(9); // 9 → pool 4 → up 8, against enc's 9
    const [error] = errors(text);
    assert.equal(error.code, 'skip-mismatch');
    assert.equal(tokenOf(text, error), '"enc"');
    assert.match(error.message, /layer 3 \(up\)/);
    assert.match(error.message, /layer 1 \(enc\)/);
    assert.match(error.message, /1×4×8×8/);
    assert.match(error.message, /1×4×9×9/);
    const preferred = error.fixes?.find((f) => f.isPreferred);
    assert.match(preferred?.title ?? '', /outputPadding to 1/);
    const fixed = applyEdits(text, preferred!.edits);
    assert.deepEqual(validateSpec(fixed).diagnostics, []);
    assert.deepEqual(validateSpec(fixed).plan?.outputShape, [1, 8, 9, 9]);
  });

  it('the other fix inserts a pad layer before the concat (Pytorch-UNet: diff // 2 before, the rest after)', () => {
    const text = unet(9);
    const pad = errors(text)[0].fixes?.find((f) => /pad layer/.test(f.title));
    const fixed = applyEdits(text, pad!.edits);
    const result = validateSpec(fixed);
    assert.deepEqual(result.diagnostics, []);
    const padLayer = result.plan!.layers[3];
    assert.equal(padLayer.kind, 'pad');
    assert.deepEqual(padLayer.outputShape, [1, 4, 9, 9]);
    assert.match(fixed, /\{ "type": "pad", "pads": \[0, 0, 1, 1\] \},\n {4}\{/);
  });

  it('when no outputPadding reaches the size (the decoder is larger), the preferred fix inserts a centre crop', () => {
    // 8 → pool 4 → up (kernel 3, stride 2) 9 against 8: outputPadding can only grow it.
    const text = unet(8, { kernelSize: 3 });
    const [error] = errors(text);
    assert.equal(error.code, 'skip-mismatch');
    assert.equal(error.fixes?.length, 1);
    assert.match(error.fixes![0].title, /crop layer to \[8, 8\]/);
    const fixed = applyEdits(text, error.fixes![0].edits);
    assert.deepEqual(validateSpec(fixed).diagnostics, []);
  });

  it('an unknown with gets a did-you-mean fix; a later layer is named as such', () => {
    const text = unet(8, {}, 'enk');
    const [error] = errors(text);
    assert.equal(error.code, 'skip-source');
    assert.equal(tokenOf(text, error), '"enk"');
    assert.match(error.message, /did you mean "enc"/);
    assert.deepEqual(validateSpec(applyEdits(text, error.fixes![0].edits)).diagnostics, []);
    const later = errors(unet(8, {}, 'cat'))[0];
    assert.equal(later.code, 'skip-source');
    assert.match(later.message, /this layer itself/);
  });

  it('"input" names the spec input; a referenced duplicate name is an error on the later one, unreferenced ones are not', () => {
    const residual = specText({
      input: { shape: [1, 2, 6, 6] },
      layers: [
        { name: 'c', type: 'conv', outChannels: 2, kernelSize: 3, padding: 1 },
        { type: 'add', with: 'input' },
      ],
    });
    assert.deepEqual(validateSpec(residual).diagnostics, []);
    const dup = specText({
      input: { shape: [1, 2, 6, 6] },
      layers: [
        { name: 'c', type: 'conv', outChannels: 2, kernelSize: 3, padding: 1 },
        { name: 'c', type: 'conv', outChannels: 2, kernelSize: 3, padding: 1 },
        { type: 'add', with: 'c' },
      ],
    });
    const [error] = errors(dup);
    assert.equal(error.code, 'duplicate-name');
    assert.equal(error.offset, dup.lastIndexOf('"c",'));
    assert.deepEqual(validateSpec(applyEdits(dup, error.fixes![0].edits)).diagnostics, []);
    const unreferenced = dup.replace('"with": "c"', '"with": "input"');
    assert.deepEqual(validateSpec(unreferenced).diagnostics, []);
  });

  it('add needs the same channels', () => {
    const text = specText({
      input: { shape: [1, 2, 6, 6] },
      layers: [
        { name: 'c', type: 'conv', outChannels: 3, kernelSize: 3, padding: 1 },
        { type: 'add', with: 'input' },
      ],
    });
    const [error] = errors(text);
    assert.equal(error.code, 'skip-mismatch');
    assert.match(error.message, /channels differ \(3 vs 2\)/);
  });

  it('hovering with shows the concat, its skip and the channel sum', () => {
    const text = readText(EXAMPLES_DIR, 'unet-skips.tconv.json');
    const offset = text.indexOf('"enc1" }') + 2;
    const hover = hoverAt(text, validateSpec(text), offset);
    assert.match(hover?.markdown ?? '', /cat\(\[x, enc1\], dim=1\)/);
    assert.match(hover?.markdown ?? '', /skip from enc1 1×8×45×45/);
    assert.match(hover?.markdown ?? '', /C_out = 8 \+ 8 = 16/);
  });
});

describe('chain layers: pool, upsample, pad, crop', () => {
  const chain = (layers: unknown[], input: unknown = { shape: [1, 1, 7, 7] }, dims?: number) =>
    specText({ ...(dims ? { dims } : {}), input, layers });

  it('values: upsample ×2 nearest, max-pool 2, add the input, pad, crop (checked by expect.output)', () => {
    const text = chain(
      [
        { name: 'up', type: 'upsample', scaleFactor: 2 },
        { type: 'maxPool', kernelSize: 2 },
        { type: 'add', with: 'input' },
        { type: 'pad', pads: [1, 0, 0, 1], value: -1 },
        { type: 'crop', begin: [0, 0], end: [0, 1] },
        { type: 'avgPool', kernelSize: 2, stride: 1 },
      ],
      {
        data: [
          [1, 2],
          [3, 4],
        ],
      },
    );
    // up + pool gives the input back; + input → [[2, 4], [6, 8]]; pad (top 1, right 1, value −1) → [[−1, −1, −1],
    // [2, 4, −1], [6, 8, −1]]; crop the last column → [[−1, −1], [2, 4], [6, 8]]; 2×2 means, stride 1 → [[1], [5]].
    const withExpect = text.replace(/\n}$/, ',\n  "expect": { "output": [[1], [5]] }\n}');
    const result = validateSpec(withExpect);
    assert.deepEqual(
      result.diagnostics.map((d) => d.message),
      [],
    );
    assert.deepEqual(Array.from(result.evaluation!.output.data), [1, 5]);
    const wrong = validateSpec(withExpect.replace('[[1], [5]]', '[[1], [6]]')).diagnostics;
    assert.deepEqual(
      wrong.map((d) => d.code),
      ['expected-values'],
    );
  });

  it('pool padding above half the kernel is reported on the padding, in PyTorch words, with a fix', () => {
    const text = chain([{ type: 'maxPool', kernelSize: 3, padding: 2 }]);
    const [error] = errors(text);
    assert.equal(error.code, 'pool-padding');
    assert.equal(tokenOf(text, error), '2');
    assert.match(error.message, /pad should be at most half of kernel size, but got pad=2 and kernel_size=3/);
    assert.deepEqual(validateSpec(applyEdits(text, error.fixes![0].edits)).diagnostics, []);
  });

  it('ceilMode and count_include_pad reach the output size and the hover formula', () => {
    const text = chain([{ name: 'p', type: 'avgPool', kernelSize: 2, ceilMode: true, countIncludePad: false }]);
    const result = validateSpec(text);
    assert.deepEqual(result.plan?.outputShape, [1, 1, 4, 4]);
    const hover = hoverAt(text, result, text.indexOf('"ceilMode"') + 2);
    assert.match(hover?.markdown ?? '', /⌈\(7 \+ 2·0 − \(2 − 1\) − 1\) \/ 2⌉ \+ 1 = 4/);
    assert.match(
      hover?.markdown ?? '',
      /AvgPool2d\(kernel 2, stride 2, padding 0, ceil_mode, count_include_pad=False\)/,
    );
  });

  it('upsample options PyTorch rejects are layer-options errors on the token', () => {
    const both = chain([{ type: 'upsample', scaleFactor: 2, size: [9, 9] }]);
    assert.equal(tokenOf(both, errors(both)[0]), '"size"');
    const align = chain([{ type: 'upsample', scaleFactor: 2, alignCorners: true }]);
    assert.equal(errors(align)[0].code, 'layer-options');
    assert.equal(tokenOf(align, errors(align)[0]), '"alignCorners"');
    const oneD = chain([{ type: 'upsample', scaleFactor: 2, mode: 'bilinear' }], { shape: [1, 1, 7] }, 1);
    const [mode] = errors(oneD);
    assert.equal(mode.code, 'layer-options');
    assert.equal(tokenOf(oneD, mode), '"bilinear"');
    assert.deepEqual(validateSpec(applyEdits(oneD, mode.fixes![0].edits)).diagnostics, []);
    assert.deepEqual(validateSpec(applyEdits(oneD, mode.fixes![0].edits)).plan?.outputShape, [1, 1, 14]);
  });

  it('a crop larger than its input is crop-size; a pad that removes everything is output-size-nonpositive', () => {
    const crop = chain([{ type: 'crop', size: [8, 7] }]);
    assert.equal(errors(crop)[0].code, 'crop-size');
    assert.equal(tokenOf(crop, errors(crop)[0]), '8');
    const pad = chain([{ type: 'pad', pads: [-4, 0, -3, 0] }]);
    assert.equal(errors(pad)[0].code, 'output-size-nonpositive');
  });

  it('a field another type reads is an ignored-field warning; with is required by the schema', () => {
    const text = specText({
      input: { shape: [1, 1, 4, 4] },
      layers: [{ type: 'concat', with: 'input', kernelSize: 3 }],
    });
    const [warning] = validateSpec(text).diagnostics;
    assert.equal(warning.code, 'ignored-field');
    assert.equal(tokenOf(text, warning), '"kernelSize"');
    const missing = specText({ input: { shape: [1, 1, 4, 4] }, layers: [{ type: 'add' }] });
    assert.equal(errors(missing)[0].code, 'schema');
  });

  it('verification covers the transposed layers only; a chain without one verifies nothing, which is not a failure', () => {
    const outcome = verifyText(readText(EXAMPLES_DIR, 'unet-skips.tconv.json'));
    assert.deepEqual(
      outcome.verification?.layers.map((l) => l.layerName),
      ['up1', 'up2'],
    );
    const none = verifyText(chain([{ type: 'maxPool', kernelSize: 2 }]));
    assert.equal(none.verification?.passed, true);
    assert.deepEqual(none.verification?.layers, []);
  });
});

// expect.outputShape / expect.outputSize on the layers without a kernel (pool, upsample, pad, crop, concat, add):
// the message says where the channels and sizes come from for that layer, never "the kernel [0]"; and a concat's
// formulas read as sentences in the hover.
import { strict as assert } from 'node:assert';
import { validateSpec } from '../../../src/specFile';
import { hoverAt } from '../../../src/specFile/hover';
import { EXAMPLES_DIR, readText } from './helpers';

const messages = (layers: unknown[]) =>
  validateSpec(JSON.stringify({ input: { shape: [1, 4, 9, 9] }, layers })).diagnostics.map((d) => d.message);

const conv = { name: 'a', type: 'conv', outChannels: 4, kernelSize: 1 };

describe('expectations on layers without a kernel', () => {
  it('a pool keeps its input channels; the message says so and names no kernel', () => {
    const [message] = messages([{ type: 'maxPool', kernelSize: 2, expect: { outputShape: [1, 5, 4, 4] } }]);
    assert.match(message, /C_out = 4: maxPool layers keep their input's channels/);
    assert.doesNotMatch(message, /kernel \[0\]/);
  });

  it('a concat: the channel sum and the output it joins', () => {
    const [message] = messages([conv, { type: 'concat', with: 'a', expect: { outputShape: [1, 4, 9, 9] } }]);
    assert.match(message, /is 1×8×9×9: C_out = 4 \+ 4 = 8 \(concatenated with a\)\./);
  });

  it('an add keeps the channels of what it adds', () => {
    const [message] = messages([conv, { type: 'add', with: 'a', expect: { outputShape: [1, 3, 9, 9] } }]);
    assert.match(message, /C_out = 4 \(added to a\)/);
  });

  it("expect.outputSize says which of the layer's own fields to change, not output_padding", () => {
    const [pool] = messages([{ type: 'avgPool', kernelSize: 2, expect: { outputSize: [5, 4] } }]);
    assert.match(
      pool,
      /Layers of type "avgPool" have no output_padding: change kernelSize, stride, padding or ceilMode\./,
    );
    const [up] = messages([{ type: 'upsample', scaleFactor: 2, expect: { outputSize: [20, 18] } }]);
    assert.match(up, /H_out = ⌊9 · 2⌋ = 18\)\. Change the upsample layer's scaleFactor or size\./);
    const [join] = messages([conv, { type: 'add', with: 'a', expect: { outputSize: [8, 9] } }]);
    assert.match(join, /Layers of type "add" keep the size of their input, which equals that of a/);
    const [pad] = messages([{ type: 'pad', pads: [1, 1, 1, 1], expect: { outputSize: [9, 11] } }]);
    assert.match(pad, /Change the pad layer's pads\./);
    const [crop] = messages([{ type: 'crop', size: [7, 7], expect: { outputSize: [8, 7] } }]);
    assert.match(crop, /Change the crop layer's size, begin or end\./);
  });

  it("the U-Net's concat hover reads: the channel sum with the output it joins, then the sizes", () => {
    const text = readText(EXAMPLES_DIR, 'unet-skips.tconv.json');
    const markdown = hoverAt(text, validateSpec(text), text.indexOf('"cat1"') + 2)?.markdown ?? '';
    assert.match(
      markdown,
      /C_out = 16 \+ 16 = 32 \(concatenated with enc2\)\nH_out = H_in \(the same as enc2\)\nH_out = 22\n/,
    );
    assert.doesNotMatch(markdown, /\(= H of/);
  });
});

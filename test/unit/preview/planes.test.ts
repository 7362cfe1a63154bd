import { strict as assert } from 'node:assert';
import { tensor } from '../../../src/engine';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import { coveredRange, MAX_PLANE_SIDE, poolFactor, poolMaxAbs, pooledSize } from '../../../src/preview/downsample';
import { opPlaneChoice } from '../../../src/preview/opPlanes';
import { planesFor } from '../../../src/preview/planeRequest';
import { StepValuesCache, type StepValues } from '../../../src/preview/stepValues';
import { planePayload, tensorPayload } from '../../../src/preview/tensorPayload';
import { example, layerOf, payloadOf, spec } from './helpers';

/** Max-abs pooling written out plainly: every block's entries listed, the first of largest |value| kept. */
function pooledByHand(plane: readonly number[], rows: number, cols: number, f: number): number[] {
  const out: number[] = [];
  for (let br = 0; br < Math.ceil(rows / f); br++)
    for (let bc = 0; bc < Math.ceil(cols / f); bc++) {
      const block: number[] = [];
      for (let r = br * f; r < Math.min(rows, (br + 1) * f); r++)
        for (let c = bc * f; c < Math.min(cols, (bc + 1) * f); c++) block.push(plane[r * cols + c]);
      const finite = block.filter(Number.isFinite);
      out.push(finite.length === 0 ? 0 : finite.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)));
    }
  return out;
}

describe('preview planes: downsampling and planes on request', () => {
  it('pool factor: the smallest that brings both sides to MAX_PLANE_SIDE; partial blocks at the edges', () => {
    assert.equal(MAX_PLANE_SIDE, 512);
    assert.equal(poolFactor(512, 512), 1);
    assert.equal(poolFactor(960, 640), 2);
    assert.equal(poolFactor(513, 3), 2);
    assert.equal(poolFactor(1024, 1024), 2);
    assert.equal(poolFactor(1, 100_000), 196);
    assert.equal(pooledSize(45, 2), 23);
    assert.deepEqual(coveredRange(22, 2, 45), [44, 45]);
    assert.deepEqual(coveredRange(3, 4, 100), [12, 16]);
  });

  it('max-abs pooling keeps each block’s largest |value| with its sign, leaving non-finite entries out', () => {
    const rows = 5;
    const cols = 7;
    const plane = Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 1.7) * (i % 3 === 0 ? -3 : 1));
    plane[0] = NaN;
    plane[8] = -Infinity;
    // A block of only non-finite entries pools to 0.
    plane[6] = NaN;
    plane[13] = Infinity;
    const offset = 11;
    const padded = [...Array.from({ length: offset }, () => 99), ...plane];
    for (const f of [1, 2, 3])
      assert.deepEqual(poolMaxAbs(padded, offset, rows, cols, f), pooledByHand(plane, rows, cols, f), `factor ${f}`);
    assert.equal(poolMaxAbs(plane, 0, rows, cols, 2)[3], 0);
    assert.equal(poolMaxAbs([-2, 2], 0, 1, 2, 2)[0], -2, 'ties: the first');
  });

  it('a focused plane above the cap is sent alone, pooled above 512 a side; unfocused, nothing is sent', () => {
    const [rows, cols] = [600, 40];
    const t = tensor(
      [1, 3, rows, cols],
      Array.from({ length: 3 * rows * cols }, (_, i) => ((i * 7919) % 1000) / 100 - 5),
    );
    const focused = tensorPayload(t, 2, 4096, 1);
    assert.deepEqual([focused.firstPlane, focused.sentPlanes], [1, 1]);
    assert.deepEqual(focused.pooled, { factor: 2, rows: 300, cols: 20 });
    const plane1 = Array.from(t.data.slice(rows * cols, 2 * rows * cols));
    assert.deepEqual(focused.data, pooledByHand(plane1, rows, cols, 2));
    assert.match(focused.note ?? '', /plane 2 of 3 sent, 600×40 pooled to 300×20/);
    assert.equal(tensorPayload(t, 2, 4096, null).sentPlanes, 0);
    // Whole up to 512 a side.
    const small = planePayload(tensor([2, 1, 30, 500]), 2, 1);
    assert.deepEqual([small.sentPlanes, small.data.length, small.pooled], [1, 15_000, undefined]);
    assert.equal(planePayload(t, 2, 3).sentPlanes, 0, 'a plane that does not exist');
  });

  it('a plane request sends one plane of each tensor, equal to the full evaluation’s plane pooled', () => {
    const text = spec({
      input: { shape: [1, 3, 300, 260] },
      layer: { outChannels: 4, kernelSize: 2, stride: 2, bias: true },
    });
    const result = validateSpec(text);
    assert.ok(result.spec && result.plan);
    const full = evaluateSpec(result.spec, result.plan).layers[0];
    const focus = { layerId: 'layer-0', batch: 0, inChannel: 2, outChannel: 3 };
    const planes = planesFor(result, focus, new StepValuesCache(), null);
    assert.equal(planes.note, null);
    const { input, weight, output, bias } = planes;
    assert.ok(input && weight && output && bias);
    assert.deepEqual(output.planeShape, [600, 520]);
    assert.deepEqual(output.pooled, { factor: 2, rows: 300, cols: 260 });
    const size = 600 * 520;
    assert.deepEqual(output.data, pooledByHand(Array.from(full.output.data.slice(3 * size, 4 * size)), 600, 520, 2));
    assert.deepEqual(input.data, Array.from(full.input.data.slice(2 * 300 * 260, 3 * 300 * 260)));
    assert.deepEqual([input.firstPlane, weight.firstPlane, output.firstPlane], [2, 2 * 4 + 3, 3]);
    assert.deepEqual(weight.data, Array.from(full.weight.data.slice(11 * 4, 12 * 4)));
    assert.deepEqual(bias.data, Array.from(full.bias?.data ?? []));
    // The colour scale is the whole tensor's.
    let max = -Infinity;
    for (const v of full.output.data) max = Math.max(max, v);
    assert.equal(output.max, max);
  });

  it('a plane request keeps the layer’s tensors for the next focus of the same key only', () => {
    const cache = new StepValuesCache();
    let computed = 0;
    const values = {} as StepValues;
    const compute = () => {
      computed++;
      return values;
    };
    assert.equal(cache.get('a\n1\n0', compute), values);
    cache.get('a\n1\n0', compute);
    assert.equal(computed, 1);
    cache.get('a\n2\n0', compute);
    assert.equal(computed, 2);
    cache.forget('b\n');
    cache.get('a\n2\n0', compute);
    assert.equal(computed, 2);
    cache.forget('a\n');
    cache.get('a\n2\n0', compute);
    assert.equal(computed, 3);
    // A render of the document's version 2 keeps them; of version 3 lets them go.
    cache.forget('a\n', 'a\n2\n');
    cache.get('a\n2\n0', compute);
    assert.equal(computed, 3);
    cache.forget('a\n', 'a\n3\n');
    cache.get('a\n2\n0', compute);
    assert.equal(computed, 4);
  });

  it('a plane request beyond the memory budget says so and computes nothing', () => {
    const text = spec({ input: { shape: [1, 64, 200, 200] }, layer: { outChannels: 64, kernelSize: 2, stride: 2 } });
    const planes = planesFor(
      validateSpec(text, { memoryBudget: 4_000_000 }),
      { layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 },
      new StepValuesCache(),
      null,
    );
    assert.equal(planes.output, null);
    assert.match(planes.note ?? '', /Values not computed: needs .* of memory, budget 3\.81 MiB\./);
    const payload = payloadOf(text, { memoryBudget: 4_000_000 });
    assert.equal(layerOf(payload, 'layer-0').planesOnRequest, false);
  });

  it('the layers without a kernel: payloads with their signature and planes, a concat both inputs', () => {
    const payload = payloadOf(example('unet-skips'));
    const ops = payload.opLayers ?? [];
    assert.deepEqual(
      ops.map((o) => [o.id, o.name, o.op, o.signature]),
      [
        ['layer-2', 'pool1', 'maxPool', 'MaxPool2d(kernel 2, stride 2, padding 0)'],
        ['layer-5', 'pool2', 'maxPool', 'MaxPool2d(kernel 2, stride 2, padding 0)'],
        ['layer-9', 'cat1', 'concat', 'cat([x, enc2], dim=1)'],
        ['layer-13', 'cat2', 'concat', 'cat([x, enc1], dim=1)'],
      ],
    );
    const cat2 = ops[3];
    assert.deepEqual([cat2.skipName, cat2.skipShape, cat2.outputShape], ['enc1', [1, 8, 45, 45], [1, 16, 45, 45]]);
    assert.ok(cat2.planesOnRequest && cat2.values?.skip);
    // The output's first channels are the input's, sent planes alike.
    assert.deepEqual(cat2.values.output.data.slice(0, 2025), cat2.values.input.data.slice(0, 2025));
    // Channel 12 comes from enc1's channel 4: a plane request sends it.
    const planes = planesFor(
      validateSpec(example('unet-skips')),
      { layerId: 'layer-13', batch: 0, inChannel: 0, outChannel: 12 },
      new StepValuesCache(),
      null,
    );
    assert.ok(planes.skip && planes.output && planes.input);
    assert.deepEqual([planes.input.firstPlane, planes.skip.firstPlane, planes.output.firstPlane], [7, 4, 12]);
    assert.deepEqual(planes.output.data, planes.skip.data);
    assert.equal(planes.weight, null);
  });

  it('op planes: a concat’s channels, an add’s both inputs, 3-D depth through pool and pad', () => {
    const concat = {
      op: 'concat' as const,
      inputShape: [2, 3, 4, 4],
      outputShape: [2, 8, 4, 4],
      skipShape: [2, 5, 4, 4],
      depthShift: 0,
    };
    assert.deepEqual(opPlaneChoice(concat, 1, 2), {
      input: 5,
      skip: 5,
      output: 10,
      inputLead: [1, 2],
      skipLead: [1, 0],
      outputLead: [1, 2],
      source: 'input',
    });
    const fromSkip = opPlaneChoice(concat, 1, 6);
    assert.deepEqual([fromSkip.skipLead, fromSkip.inputLead, fromSkip.source], [[1, 3], [1, 2], 'skip']);
    const add = opPlaneChoice({ ...concat, op: 'add', outputShape: [2, 3, 4, 4], skipShape: [2, 3, 4, 4] }, 0, 2);
    assert.deepEqual([add.input, add.skip, add.output, add.source], [2, 2, 2, 'both']);
    const pool3d = {
      op: 'maxPool' as const,
      inputShape: [1, 2, 8, 4, 4],
      outputShape: [1, 2, 4, 2, 2],
      skipShape: null,
      depthShift: 0,
    };
    assert.deepEqual(opPlaneChoice(pool3d, 0, 1, 3).inputLead, [0, 1, 6]);
    const pad3d = {
      op: 'pad' as const,
      inputShape: [1, 1, 3, 4, 4],
      outputShape: [1, 1, 5, 6, 6],
      skipShape: null,
      depthShift: 1,
    };
    assert.deepEqual(
      [0, 1, 3, 4].map((d) => opPlaneChoice(pad3d, 0, 0, d).inputLead[2]),
      [0, 0, 2, 2],
    );
  });
});

import { strict as assert } from 'node:assert';
import { planSpec, validateSpec, type ChainPlan } from '../../../src/specFile';
import { EXAMPLES_DIR, readText } from './helpers';

function planOf(text: string): ChainPlan {
  const { plan, diagnostics } = validateSpec(text);
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    [],
  );
  assert.ok(plan);
  return plan;
}

describe('spec plans', () => {
  it('DCGAN: every layer shape, weight and formula, without values', () => {
    const plan = planOf(readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json'));
    assert.deepEqual(plan.inputShape, [1, 100, 1, 1]);
    assert.deepEqual(
      plan.layers.map((l) => l.weightShape),
      [
        [100, 512, 4, 4],
        [512, 256, 4, 4],
        [256, 128, 4, 4],
        [128, 64, 4, 4],
        [64, 3, 4, 4],
      ],
    );
    assert.deepEqual(
      plan.layers.map((l) => l.outputShape[2]),
      [4, 8, 16, 32, 64],
    );
    assert.deepEqual(plan.outputShape, [1, 3, 64, 64]);
    assert.deepEqual(
      plan.layers.map((l) => l.name),
      ['project', 'up1', 'up2', 'up3', 'to RGB'],
    );
    assert.equal(plan.layers[1].dims[0].substituted, '(4 − 1)·2 − 2·1 + 1·(4 − 1) + 0 + 1 = 8');
    assert.deepEqual(plan.layers[1].outputSizeRange, [
      { min: 8, max: 9 },
      { min: 8, max: 9 },
    ]);
    assert.ok(plan.values.complete && plan.complete);
  });

  it("round trip: the forward convolution shares the layer's weight shape and knows the restoring output_padding", () => {
    const plan = planOf(readText(EXAMPLES_DIR, 'd2l-round-trip.tconv.json'));
    assert.ok(plan.forward);
    assert.equal(plan.forward.kind, 'conv');
    assert.equal(plan.forward.weightSource, 'shared');
    assert.deepEqual(plan.forward.weightShape, [20, 10, 5, 5]);
    assert.deepEqual(plan.forward.outputShape, [1, 20, 6, 6]);
    assert.deepEqual(plan.forward.params.stride, [3, 3], 'copied from the layer');
    assert.deepEqual(plan.layers[0].weightShape, [20, 10, 5, 5]);
    assert.equal(plan.layers[0].weightSource, 'init');
    assert.deepEqual(plan.layers[0].roundTripOutputPadding, [0, 0]);
    const unet = planOf(readText(EXAMPLES_DIR, 'unet-decoder-odd.tconv.json'));
    assert.deepEqual(unet.layers[0].roundTripOutputPadding, [1, 1]);
    assert.deepEqual(unet.forward?.outputShape, [1, 16, 18, 18]);
  });

  it('forward with its own kernel and explicit hyperparameters', () => {
    const plan = planOf(
      '{ "input": { "shape": [3, 8, 8] }, "forward": { "outChannels": 6, "kernelSize": 3, "stride": 2, "padding": 1, "kernel": { "init": "ones" } }, "layer": { "kernelSize": 3, "stride": 2, "padding": 1, "outputPadding": 1, "outChannels": 3 } }',
    );
    assert.equal(plan.forward?.weightSource, 'init');
    assert.deepEqual(plan.forward?.weightShape, [6, 3, 3, 3]);
    assert.deepEqual(plan.layers[0].weightShape, [6, 3, 3, 3]);
    assert.deepEqual(plan.outputShape, [1, 3, 8, 8]);
  });

  it('channels: inChannels from the previous layer, outChannels from the full kernel shape', () => {
    const plan = planOf(
      '{ "input": { "shape": [2, 4, 4, 4] }, "layers": [{ "kernel": { "shape": [4, 3, 2, 2] }, "groups": 2 }, { "type": "conv", "kernelSize": 3, "outChannels": 2 }] }',
    );
    assert.deepEqual(plan.layers[0].outputShape, [2, 6, 5, 5]);
    assert.deepEqual(plan.layers[1].weightShape, [2, 6, 3, 3]);
    assert.deepEqual(plan.outputShape, [2, 2, 3, 3]);
  });

  it('1-D shapes: [L] means N = C = 1', () => {
    const plan = planOf('{ "dims": 1, "input": { "shape": [8] }, "layer": { "kernelSize": 3, "stride": 2 } }');
    assert.deepEqual(plan.inputShape, [1, 1, 8]);
    assert.deepEqual(plan.outputShape, [1, 1, 17]);
    assert.equal(plan.layers[0].dims[0].axis, 'L');
  });

  it('an incomplete chain keeps the layers before the failure', () => {
    const { plan } = validateSpec(
      '{ "input": { "shape": [2, 2] }, "layers": [{ "kernelSize": 2 }, { "kernelSize": 1, "padding": 5 }, { "kernelSize": 2 }] }',
    );
    assert.ok(plan && !plan.complete);
    assert.equal(plan.layers.length, 1);
    assert.equal(plan.outputShape, null);
  });

  it('planSpec works on a model alone (no text), e.g. in a worker', () => {
    const { spec } = validateSpec(readText(EXAMPLES_DIR, 'unet-decoder-odd.tconv.json'));
    assert.ok(spec);
    const { plan, diagnostics } = planSpec(spec);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(plan?.outputShape, [1, 8, 37, 37]);
    assert.deepEqual(
      planSpec(spec, { memoryBudget: 100 })
        .diagnostics.map((d) => d.code)
        .slice(0, 1),
      ['memory-budget'],
    );
  });
});

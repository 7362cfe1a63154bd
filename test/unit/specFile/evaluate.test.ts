import { strict as assert } from 'node:assert';
import { EngineError, generate, toNested, type Tensor } from '../../../src/engine';
import { evaluateSpec, validateSpec, type SpecEvaluation } from '../../../src/specFile';
import { EXAMPLES_DIR, readText } from './helpers';

function evaluateText(text: string): SpecEvaluation {
  const { spec, plan, diagnostics } = validateSpec(text);
  assert.deepEqual(diagnostics, []);
  assert.ok(spec && plan);
  return evaluateSpec(spec, plan);
}

const planes = (t: Tensor) => toNested(t);

describe('evaluateSpec', () => {
  it("gives d2l §14.10's numbers for the basic, padding and stride examples", () => {
    assert.deepEqual(planes(evaluateText(readText(EXAMPLES_DIR, 'd2l-basic.tconv.json')).output), [
      [
        [
          [0, 0, 1],
          [0, 4, 6],
          [4, 12, 9],
        ],
      ],
    ]);
    assert.deepEqual(planes(evaluateText(readText(EXAMPLES_DIR, 'd2l-padding.tconv.json')).output), [[[[4]]]]);
    assert.deepEqual(planes(evaluateText(readText(EXAMPLES_DIR, 'd2l-stride.tconv.json')).output), [
      [
        [
          [0, 0, 0, 1],
          [0, 0, 2, 3],
          [0, 2, 0, 3],
          [4, 6, 6, 9],
        ],
      ],
    ]);
  });

  it('exercise 1: the forward convolution uses the very same kernel tensor as the layer', () => {
    const result = evaluateText(readText(EXAMPLES_DIR, 'd2l-exercise1.tconv.json'));
    assert.ok(result.forward);
    assert.equal(result.forward.weight.data, result.layers[0].weight.data);
    assert.deepEqual(planes(result.forward.output), [
      [
        [
          [27, 37],
          [57, 67],
        ],
      ],
    ]);
    assert.deepEqual(planes(result.output), [
      [
        [
          [27, 91, 74],
          [138, 400, 282],
          [171, 429, 268],
        ],
      ],
    ]);
  });

  it('kernel2matrix chain: conv then transposed conv, each layer with its input and output', () => {
    const result = evaluateText(readText(EXAMPLES_DIR, 'd2l-kernel2matrix.tconv.json'));
    assert.deepEqual(planes(result.input), [
      [
        [
          [0, 1, 2],
          [3, 4, 5],
          [6, 7, 8],
        ],
      ],
    ]);
    assert.deepEqual(planes(result.layers[0].output), [
      [
        [
          [27, 37],
          [57, 67],
        ],
      ],
    ]);
    assert.equal(result.layers[1].input, result.layers[0].output);
    assert.deepEqual(planes(result.output), [
      [
        [
          [27, 91, 74],
          [138, 400, 282],
          [171, 429, 268],
        ],
      ],
    ]);
  });

  it('the round trip restores the 16×16 shape with a shared random kernel', () => {
    const result = evaluateText(readText(EXAMPLES_DIR, 'd2l-round-trip.tconv.json'));
    assert.deepEqual(result.forward?.output.shape, [1, 20, 6, 6]);
    assert.deepEqual(result.output.shape, [1, 10, 16, 16]);
    assert.deepEqual(
      [...result.input.data],
      [...generate([1, 10, 16, 16], { init: 'random', seed: 0 }).data],
      'input: random, seed 0',
    );
    assert.deepEqual(
      [...result.layers[0].weight.data],
      [
        ...generate([20, 10, 5, 5], { init: 'random', seed: 1, low: -1 / Math.sqrt(250), high: 1 / Math.sqrt(250) })
          .data,
      ],
      "kernel of layer 1: seed 1, PyTorch's default scale ±1/√(10·5·5)",
    );
  });

  it('ONNX test data: dilation and asymmetric stride with output_padding, in float32', () => {
    const dilation = evaluateText(readText(EXAMPLES_DIR, 'onnx-dilation.tconv.json'));
    assert.ok(dilation.output.data instanceof Float32Array);
    assert.deepEqual(planes(dilation.output), [
      [
        [
          [21, 56, 13, 16, 2],
          [63, 35, 67, 10, 14],
          [24, 22, 76, 76, 21],
          [9, 5, 88, 45, 63],
          [3, 2, 33, 18, 54],
        ],
      ],
    ]);
    const asymmetric = evaluateText(readText(EXAMPLES_DIR, 'onnx-asymmetric-stride.tconv.json'));
    assert.deepEqual(asymmetric.output.shape, [1, 2, 10, 8]);
  });

  it('1-D specs, bias data and init options', () => {
    const result = evaluateText(
      '{ "dims": 1, "input": { "data": [0, 1, 2] }, "layer": { "kernel": { "shape": [2], "init": "fill", "value": 2 }, "bias": { "data": [10] }, "stride": 2 } }',
    );
    assert.deepEqual(planes(result.output), [[[10, 10, 12, 12, 14, 14]]]);
  });

  it("bias true: random values, one per output channel, seeded by layer, in PyTorch's ±1/√fan_in", () => {
    const result = evaluateText(
      '{ "input": { "shape": [4, 2, 2] }, "layers": [{ "kernelSize": 1 }, { "outChannels": 3, "kernelSize": 2, "bias": true }] }',
    );
    assert.equal(result.layers[0].bias, null);
    // ConvTranspose weight (4, 3, 2, 2): fan_in = weight.size(1)·kH·kW = 12.
    const bound = 1 / Math.sqrt(12);
    assert.deepEqual(
      [...(result.layers[1].bias?.data ?? [])],
      [...generate([3], { init: 'random', seed: 102, low: -bound, high: bound }).data],
    );
  });

  it("default kernels: PyTorch's ±1/√fan_in (fan_in = weight.size(1)·k); a written init keeps its own range", () => {
    const conv = evaluateText(
      '{ "input": { "shape": [6, 3, 3] }, "layers": [{ "type": "conv", "outChannels": 4, "kernelSize": 3, "groups": 2 }] }',
    );
    // Conv weight (4, 3, 3, 3): fan_in = C_in/groups·9 = 27.
    const bound = 1 / Math.sqrt(27);
    assert.deepEqual(
      [...conv.layers[0].weight.data],
      [...generate([4, 3, 3, 3], { init: 'random', seed: 1, low: -bound, high: bound }).data],
    );
    assert.ok([...conv.layers[0].weight.data].some((v) => v < 0));
    const written = evaluateText(
      '{ "input": { "shape": [2, 2] }, "layer": { "kernel": { "shape": [3, 3], "init": "random" } } }',
    );
    assert.deepEqual([...written.layers[0].weight.data], [...generate([1, 1, 3, 3], { init: 'random', seed: 1 }).data]);
    const seeded = evaluateText(
      '{ "input": { "shape": [2, 2] }, "layer": { "kernel": { "shape": [3, 3], "seed": 7 } } }',
    );
    assert.deepEqual(
      [...seeded.layers[0].weight.data],
      [...generate([1, 1, 3, 3], { init: 'random', seed: 7, low: -1 / 3, high: 1 / 3 }).data],
    );
  });

  it('a plan beyond the memory budget: shapes, no values, nothing allocated', () => {
    const { spec, plan, diagnostics } = validateSpec(
      '{ "input": { "shape": [1, 1000, 1000, 1000] }, "layer": { "kernelSize": 1 } }',
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['memory-budget', 'info']],
    );
    assert.ok(spec && plan?.complete);
    assert.deepEqual(plan.outputShape, [1, 1000, 1000, 1000]);
    assert.equal(plan.values.complete, false);
    const evaluation = evaluateSpec(spec, plan);
    assert.equal(evaluation.values, 'none');
    assert.equal(evaluation.layers.length, 0);
    assert.equal(evaluation.input.data.length, 0);
  });

  it('a chain evaluates the prefix within the budget', () => {
    const text =
      '{ "input": { "shape": [1, 4, 4] }, "layers": [{ "kernelSize": 2 }, { "kernelSize": 2, "outChannels": 64, "stride": 4 }] }';
    const { spec, plan, diagnostics } = validateSpec(text, { memoryBudget: 4096 });
    assert.ok(spec && plan);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['memory-budget'],
    );
    assert.equal(plan.values.layerCount, 1);
    const evaluation = evaluateSpec(spec, plan);
    assert.equal(evaluation.values, 'prefix');
    assert.equal(evaluation.layers.length, 1);
    assert.deepEqual(evaluation.output.shape, [1, 1, 5, 5]);
  });

  it('refuses an incomplete plan', () => {
    const { spec, plan } = validateSpec('{ "input": { "shape": [1, 1] }, "layer": { "kernelSize": 1, "padding": 1 } }');
    assert.ok(spec && plan && !plan.complete);
    assert.throws(() => evaluateSpec(spec, plan), EngineError);
  });
});

describe('validateSpec computes values only when an expect.output needs them', () => {
  const never = (): SpecEvaluation => {
    throw new Error('evaluate must not be called');
  };

  it('shape-only specs (the DCGAN chain) never evaluate', () => {
    const result = validateSpec(readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json'), { evaluate: never });
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.evaluation, undefined);
  });

  it('an expect.output beyond the memory budget is not compared (and says why)', () => {
    const text =
      '{ "input": { "shape": [4, 4] }, "layer": { "kernelSize": 2 }, "expect": { "output": [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]] } }';
    const { diagnostics } = validateSpec(text, { memoryBudget: 200 });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['memory-budget'],
    );
  });

  it('a 10⁹-element input with an expect.output never evaluates', () => {
    const text =
      '{ "input": { "shape": [1, 1000, 1000, 1000] }, "layer": { "kernelSize": 1 }, "expect": { "output": [[1]] } }';
    const { diagnostics } = validateSpec(text, { evaluate: never });
    assert.ok(diagnostics.some((d) => d.code === 'memory-budget' && d.message.includes('26.1 GiB')));
  });

  it('specs with errors never evaluate', () => {
    const text =
      '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, "stride": 2, "outputPadding": 2 }, "expect": { "output": [[0]] } }';
    const { diagnostics } = validateSpec(text, { evaluate: never });
    assert.ok(diagnostics.some((d) => d.code === 'output-padding-range'));
  });

  it('an evaluator that throws becomes an internal diagnostic, not an exception', () => {
    const { diagnostics } = validateSpec(readText(EXAMPLES_DIR, 'd2l-basic.tconv.json'), { evaluate: never });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['internal'],
    );
  });
});

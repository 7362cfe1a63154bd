// The Code view's ONNX graphs (per layer and for the whole chain) run by onnxruntime-web on the engine's input and
// weights: the same nodes the snippets print, with their attributes (pads / auto_pad / output_shape as written,
// MaxPool, AveragePool, Resize, Pad, Slice, Concat, Add), built into a model in memory (test/unit/onnx/onnxModels.ts).
// onnxruntime computes in float32, so values agree within 1e-4 of max |output|.
import { strict as assert } from 'node:assert';
import * as ort from 'onnxruntime-web';
import type { Tensor } from '../../../src/engine';
import { chainModel } from '../../../src/preview/codegen/chain/chainModel';
import { ONNX_INPUT, ONNX_OUTPUT, onnxGraph } from '../../../src/preview/codegen/chain/onnxGraph';
import { onnxConvNodes } from '../../../src/preview/codegen/onnxConv';
import type { OnnxConstant, OnnxNode } from '../../../src/preview/codegen/onnxNodes';
import {
  evaluateSpec,
  hasErrors,
  validateSpec,
  type LayerEvaluation,
  type SpecEvaluation,
} from '../../../src/specFile';
import { FORWARD_INDEX } from '../../../src/specFile/labels';
import { buildModel, type InitializerSpec, type NodeSpec } from '../onnx/onnxModels';
import { CODEGEN_SPECS } from './codegenSpecs';
import { example } from './helpers';

function evaluated(text: string) {
  const result = validateSpec(text);
  assert.ok(result.spec && result.plan && !hasErrors(result.diagnostics), JSON.stringify(result.diagnostics));
  const evaluation = evaluateSpec(result.spec, result.plan);
  return { spec: result.spec, plan: result.plan, evaluation };
}

function byIndex(evaluation: SpecEvaluation): Map<number, LayerEvaluation> {
  const map = new Map<number, LayerEvaluation>();
  if (evaluation.forward) map.set(FORWARD_INDEX, evaluation.forward);
  for (const layer of evaluation.layers) map.set(layer.plan.index, layer);
  return map;
}

const nodeSpecs = (nodes: readonly OnnxNode[]): NodeSpec[] =>
  nodes.map((n) => ({
    op: n.op,
    inputs: n.inputs,
    outputs: n.outputs,
    attributes: Object.fromEntries(n.attributes.map((a) => [a.name, a.value])),
  }));

const constantSpecs = (constants: readonly OnnxConstant[]): InitializerSpec[] =>
  constants.map((c) => ({
    name: c.name,
    dims: c.dims,
    values: c.values,
    type: c.type === 'int64' ? 'int64' : 'float',
  }));

async function run(
  nodes: readonly OnnxNode[],
  initializers: InitializerSpec[],
  input: Tensor,
  inputName: string,
  outputName: string,
): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const bytes = buildModel({
    inputs: [{ name: inputName, shape: input.shape }],
    outputs: [{ name: outputName }],
    nodes: nodeSpecs(nodes),
    initializers,
  });
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({
      [inputName]: new ort.Tensor('float32', Float32Array.from(input.data), input.shape),
    });
    const y = out[outputName];
    return { dims: y.dims, data: y.data as Float32Array };
  } finally {
    await session.release();
  }
}

function assertClose(actual: { dims: readonly number[]; data: Float32Array }, expected: Tensor, what: string): void {
  assert.deepEqual([...actual.dims], [...expected.shape], `${what}: shape`);
  let scale = 1;
  for (const v of expected.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < expected.data.length; i++)
    assert.ok(
      Math.abs(actual.data[i] - expected.data[i]) <= 1e-4 * scale,
      `${what}: [${i}] onnxruntime ${actual.data[i]} ≠ engine ${expected.data[i]}`,
    );
}

const weightOf = (name: string, tensor: Tensor): InitializerSpec => ({
  name,
  dims: tensor.shape,
  values: Float32Array.from(tensor.data),
});

const SPECS: { name: string; text: string }[] = [
  ...['unet-skips', 'unet3d-skips', 'encodec-causal-decoder', 'keras-same-generator', 'onnx-autopad-same'].map(
    (name) => ({ name, text: example(name) }),
  ),
  ...['onnx-output-shape', 'd2l-round-trip', 'monai-unet3d-upconv'].map((name) => ({ name, text: example(name) })),
  ...CODEGEN_SPECS.map((c) => ({ name: c.name, text: JSON.stringify(c.spec) })),
];

describe('generated ONNX code, run by onnxruntime-web, equals the engine', function () {
  this.timeout(180_000);
  before(() => {
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
  });

  for (const s of SPECS) {
    it(`${s.name}: the whole chain`, async () => {
      const { spec, plan, evaluation } = evaluated(s.text);
      const layers = byIndex(evaluation);
      const m = chainModel(spec, plan, { input: evaluation.input, layers });
      const graph = onnxGraph(m);
      const weights = graph.params.map((p) => {
        const [id, kind] = p.name.split(/\.(?=weight$|bias$)/);
        const step = m.steps.find((st) => st.id === id);
        const e = step && layers.get(step.plan.index);
        const tensor = kind === 'weight' ? e?.weight : e?.bias;
        assert.ok(tensor, p.name);
        assert.deepEqual([...tensor.shape], [...p.shape], p.name);
        return weightOf(p.name, tensor);
      });
      const out = await run(
        graph.nodes,
        [...weights, ...constantSpecs(graph.constants)],
        evaluation.input,
        ONNX_INPUT,
        ONNX_OUTPUT,
      );
      assertClose(out, evaluation.output, s.name);
    });

    it(`${s.name}: each convolution's own snippet`, async () => {
      const { evaluation } = evaluated(s.text);
      for (const e of byIndex(evaluation).values()) {
        if (e.plan.op) continue;
        const converted = onnxConvNodes(e.plan, { x: 'x', w: 'w', b: e.bias ? 'b' : null, y: 'y', prefix: '' });
        const out = await run(
          converted.nodes,
          [weightOf('w', e.weight), ...(e.bias ? [weightOf('b', e.bias)] : []), ...constantSpecs(converted.constants)],
          e.input,
          'x',
          'y',
        );
        assertClose(out, e.output, `${s.name}: ${e.plan.name}`);
      }
    });
  }
});

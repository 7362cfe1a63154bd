// The Code view's generated code for every example and every chain of test/unit/preview/codegenSpecs.ts, with the
// engine's tensors, as JSON for scripts/check_codegen.py (which runs the PyTorch code and compares). Each spec is
// evaluated with "compute": "exact" so the engine's values are float64-exact.
//
//   npx tsx scripts/codegenCases.ts > /tmp/codegen-cases.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '../src/engine';
import { chainSnippets, codeSnippets } from '../src/preview/codegen';
import { chainModel } from '../src/preview/codegen/chain/chainModel';
import { evaluateSpec, hasErrors, validateSpec, type LayerEvaluation } from '../src/specFile';
import { FORWARD_INDEX } from '../src/specFile/labels';
import { CODEGEN_SPECS } from '../test/unit/preview/codegenSpecs';

/** Per-layer snippets write out tensors up to this many elements, so they assert against the engine's output. */
const LAYER_INLINE_LIMIT = 300_000;

interface Encoded {
  readonly shape: readonly number[];
  /** float64 little-endian, base64. */
  readonly data: string;
}

function encode(t: Tensor): Encoded {
  const data = Float64Array.from(t.data);
  return { shape: [...t.shape], data: Buffer.from(data.buffer).toString('base64') };
}

function caseOf(name: string, text: string) {
  const json = JSON.parse(text) as Record<string, unknown>;
  const result = validateSpec(JSON.stringify({ ...json, compute: 'exact' }));
  if (!result.spec || !result.plan || hasErrors(result.diagnostics))
    throw new Error(`${name}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const { spec, plan } = result;
  const evaluation = evaluateSpec(spec, plan);
  const layers = new Map<number, LayerEvaluation>();
  if (evaluation.forward) layers.set(FORWARD_INDEX, evaluation.forward);
  for (const l of evaluation.layers) layers.set(l.plan.index, l);
  const values = { input: evaluation.input, layers };
  const model = chainModel(spec, plan, values);
  const params: Record<string, Encoded> = {};
  for (const step of model.steps) {
    const e = layers.get(step.plan.index);
    if (!e || step.plan.op) continue;
    params[`${step.id}.weight`] = encode(e.weight);
    if (e.bias) params[`${step.id}.bias`] = encode(e.bias);
  }
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  return {
    name,
    dtype: spec.dtype,
    chain: {
      approximate: model.approximate,
      code: Object.fromEntries(chainSnippets(spec, plan, values).map((s) => [s.framework, s.code])),
      input: encode(evaluation.input),
      output: encode(evaluation.output),
      params,
    },
    layers: steps
      .filter((s) => !s.op)
      .map((s) => {
        const e = layers.get(s.index) ?? null;
        const inlined = e !== null && [e.input, e.weight, e.output].every((t) => t.data.length <= LAYER_INLINE_LIMIT);
        return {
          name: s.name,
          inlined,
          outputShape: s.outputShape,
          code: Object.fromEntries(
            codeSnippets(s, spec.dtype, e, LAYER_INLINE_LIMIT, spec.compute).map((snippet) => [
              snippet.framework,
              snippet.code,
            ]),
          ),
        };
      }),
  };
}

const examplesDir = join(__dirname, '..', 'examples');
const cases = [
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith('.tconv.json'))
    .sort()
    .map((f) => caseOf(f, readFileSync(join(examplesDir, f), 'utf8'))),
  ...CODEGEN_SPECS.map((c) => caseOf(c.name, JSON.stringify(c.spec))),
];
process.stdout.write(JSON.stringify({ cases }));

/** Runs the first layers of a chain through the engine (spec/evaluate.ts on a shortened plan). */
import { evaluateSpec, type ChainPlan, type SpecEvaluation, type SpecModel } from '../specFile';

export function evaluatePrefix(spec: SpecModel, plan: ChainPlan, layerCount: number): SpecEvaluation {
  const layers = plan.layers.slice(0, layerCount);
  const last = layers[layers.length - 1] ?? plan.forward;
  return evaluateSpec(spec, { ...plan, layers, outputShape: last ? last.outputShape : plan.inputShape });
}

/**
 * How much of a chain the preview evaluates and verifies. Values cost memory: nothing past the memory budget
 * (plan.values) is evaluated, focused or not. Within it, values cost multiply-adds: the preview computes the
 * longest prefix of the chain that fits PreviewLimits.maxMultiplyAdds and gives later layers shapes, formulas
 * and W's structure only (a focused layer is always reached); verifications, on the exact path, have their own
 * budget, PreviewLimits.maxVerificationMultiplyAdds.
 */
import type { VerificationName } from '../engine';
import type { ChainPlan, LayerPlan, SpecModel } from '../specFile';
import { firstTransposed } from '../specFile/planForward';
import { product } from './numbers';

/** Multiply-adds of one evaluation: every kernel tap of every input element (transposed) or output element (forward), all samples. */
export function layerMultiplyAdds(layer: LayerPlan): number {
  const spatial = layer.kind === 'convTranspose' ? layer.inputShape.slice(2) : layer.outputShape.slice(2);
  return layer.inputShape[0] * product(spatial) * product(layer.weightShape);
}

/** Evaluating a layer: its multiply-adds, generating its weight and filling its output. */
export function evaluationCost(layer: LayerPlan): number {
  return layerMultiplyAdds(layer) + product(layer.weightShape) + product(layer.outputShape);
}

/** Checks that only count (cost) or compare shapes (roundTrip) are free; the others run the layer about twice each. */
export function verificationCost(layer: LayerPlan, names: readonly VerificationName[]): number {
  if (layer.kind !== 'convTranspose') return 0;
  const running = names.filter((n) => n !== 'cost' && n !== 'roundTrip').length;
  return 2 * running * layerMultiplyAdds(layer) + names.length;
}

export interface EvaluationChoice {
  /** False: nothing is evaluated. */
  readonly evaluate: boolean;
  /** How many of plan.layers are evaluated (the forward convolution, when present, always is when evaluate is true). */
  readonly layerCount: number;
  readonly cost: number;
}

/**
 * The longest prefix within the budget. `reach` is a layer index that must be included (−1: the forward
 * convolution, null: none). When the forward convolution shares the first transposed layer's weight, it can
 * only be evaluated together with that layer.
 */
export function chooseEvaluation(
  spec: SpecModel,
  plan: ChainPlan,
  budget: number,
  reach: number | null,
): EvaluationChoice {
  const none: EvaluationChoice = { evaluate: false, layerCount: 0, cost: 0 };
  // Memory first: the preview evaluates nothing past plan.values (memoryBudget.ts, the rule check/show/verify follow).
  if (!plan.complete || (plan.forward && !plan.values.forward)) return none;
  const mustReach = reach ?? -2;
  let cost = product(plan.inputShape) + (plan.forward ? evaluationCost(plan.forward) : 0);
  if (cost > budget && mustReach < -1) return none;
  let layerCount = 0;
  for (const layer of plan.layers) {
    if (layerCount >= plan.values.layerCount) break;
    const next = cost + evaluationCost(layer);
    if (next > budget && layer.index > mustReach) break;
    cost = next;
    layerCount++;
  }
  if (plan.forward?.weightSource === 'shared') {
    const sharedWith = firstTransposed(spec)?.index ?? 0;
    if (layerCount <= sharedWith) return none;
  }
  return { evaluate: layerCount > 0 || plan.forward !== undefined, layerCount, cost };
}

/** How many of the evaluated transposed layers the remaining budget verifies (a prefix of them). */
export function verifiableLayerCount(
  layers: readonly LayerPlan[],
  names: readonly VerificationName[],
  remaining: number,
): number {
  let spent = 0;
  let count = 0;
  for (const layer of layers) {
    spent += verificationCost(layer, names);
    if (spent > remaining) break;
    count++;
  }
  return count;
}

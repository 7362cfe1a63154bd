/**
 * One step's tensors for plane requests: the chain evaluated up to that step (evaluatePrefix), keeping only what the
 * step's planes need (its input, weight, bias, output and, for concat/add, the joined output). One entry is kept,
 * so switching channels on the same layer evaluates nothing again; at most one step's tensors stay in memory, and
 * only while their document version is the current one (the owner forgets them on an edit or a close).
 */
import type { Tensor } from '../engine';
import type { ChainPlan, LayerEvaluation, LayerPlan, SpecModel } from '../specFile';
import { FORWARD_INDEX } from '../specFile/labels';
import { firstTransposed } from '../specFile/planForward';
import { INPUT_INDEX } from '../specFile/planSkip';
import { evaluatePrefix } from './evaluatePrefix';

export interface StepValues {
  readonly evaluation: LayerEvaluation;
  /** concat/add: the output the step joins. */
  readonly skip: Tensor | null;
}

/** How many of plan.layers are evaluated to reach `step`: a forward convolution sharing a weight needs its owner. */
export function layersToEvaluate(spec: SpecModel, plan: ChainPlan, step: LayerPlan): number {
  const own = step.index === FORWARD_INDEX ? 0 : step.index + 1;
  if (plan.forward?.weightSource !== 'shared') return own;
  return Math.max(own, (firstTransposed(spec)?.index ?? 0) + 1);
}

export function evaluateStep(spec: SpecModel, plan: ChainPlan, step: LayerPlan): StepValues {
  const evaluation = evaluatePrefix(spec, plan, layersToEvaluate(spec, plan, step));
  const outputOf = (index: number): Tensor | null =>
    index === INPUT_INDEX
      ? evaluation.input
      : index === FORWARD_INDEX
        ? (evaluation.forward?.output ?? null)
        : (evaluation.layers[index]?.output ?? null);
  const own = step.index === FORWARD_INDEX ? evaluation.forward : evaluation.layers[step.index];
  if (!own) throw new Error(`tconv: layer ${step.index} was not evaluated`);
  const op = step.op;
  return {
    evaluation: own,
    skip: op && (op.kind === 'concat' || op.kind === 'add') ? outputOf(op.source.index) : null,
  };
}

/** The last step evaluated, by key (document, version, budget, step). */
export class StepValuesCache {
  private entry: { readonly key: string; readonly values: StepValues } | null = null;

  get(key: string, compute: () => StepValues): StepValues {
    if (this.entry?.key === key) return this.entry.values;
    // Let the previous step's tensors go before computing the next.
    this.entry = null;
    const values = compute();
    this.entry = { key, values };
    return values;
  }

  /**
   * Drops the entry when its key starts with `prefix` (a document closed), unless it also starts with `keep` (that
   * document's current version, when it was edited).
   */
  forget(prefix: string, keep?: string): void {
    const key = this.entry?.key;
    if (key === undefined || !key.startsWith(prefix)) return;
    if (keep === undefined || !key.startsWith(keep)) this.entry = null;
  }
}

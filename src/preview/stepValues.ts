/**
 * One step's tensors for plane requests: the chain evaluated up to that step (evaluatePrefix), keeping only what the
 * step's planes need (its input, weight, bias, output and, for concat/add, the joined output). One entry is kept,
 * so switching channels on the same layer evaluates nothing again; at most one step's tensors stay in memory, and
 * not for long after the last request (IDLE_RELEASE_MS).
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

/** A step's tensors can take most of the memory budget: they go a minute after the last request that read them. */
export const IDLE_RELEASE_MS = 60_000;

/** The last step evaluated, by key (document, version, budget, step). */
export class StepValuesCache {
  private entry: { readonly key: string; readonly values: StepValues } | null = null;
  private release: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleMs = IDLE_RELEASE_MS) {}

  get(key: string, compute: () => StepValues): StepValues {
    this.scheduleRelease();
    if (this.entry?.key === key) return this.entry.values;
    // Let the previous step's tensors go before computing the next.
    this.entry = null;
    const values = compute();
    this.entry = { key, values };
    return values;
  }

  /** Drops the entry when its key starts with `prefix` (a document closed). */
  forget(prefix: string): void {
    if (this.entry?.key.startsWith(prefix)) this.entry = null;
  }

  private scheduleRelease(): void {
    clearTimeout(this.release);
    this.release = setTimeout(() => {
      this.entry = null;
    }, this.idleMs);
    // In Node, a pending release does not keep the process alive (a Web Worker has no unref).
    (this.release as { unref?: () => void }).unref?.();
  }
}

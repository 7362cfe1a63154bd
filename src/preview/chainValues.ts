/** The chain's values within the budget: evaluation and verification of a prefix, with notes for what was skipped. */
import * as l10n from '@vscode/l10n';
import { isEngineError, type Tensor } from '../engine';
import type { PreviewFocus, PreviewLimits, VerificationPayload } from '../webviewProtocol';
import type { ChainPlan, LayerEvaluation, SpecEvaluation, SpecModel } from '../specFile';
import { formatCount } from '../specFile/format';
import { FORWARD_INDEX } from '../specFile/labels';
import { notComputedReason } from '../specFile/memoryBudget';
import { verifySpec } from '../specFile/verifySpec';
import { chooseEvaluation, evaluationCost, verifiableLayerCount } from './budget';
import { evaluatePrefix } from './evaluatePrefix';
import { FORWARD_LAYER_ID, layerIdOf } from './layerIds';
import { notVerifiedPayload, toVerificationPayload } from './verificationPayload';

export interface ChainValues {
  /** Evaluation per plan index (−1: forward); absent: not computed. */
  readonly layers: ReadonlyMap<number, LayerEvaluation>;
  /** The chain's input, when anything was evaluated (a concat or add may join it). */
  readonly input: Tensor | null;
  /** Why a layer has no values, per plan index. */
  readonly missing: ReadonlyMap<number, string>;
  readonly verification: VerificationPayload;
  readonly notes: readonly string[];
}

function reachOf(plan: ChainPlan, focus: PreviewFocus | null): number | null {
  if (!focus) return null;
  if (focus.layerId === FORWARD_LAYER_ID) return FORWARD_INDEX;
  return plan.layers.find((l) => layerIdOf(l.index) === focus.layerId)?.index ?? null;
}

function byIndex(evaluation: SpecEvaluation): Map<number, LayerEvaluation> {
  const map = new Map<number, LayerEvaluation>();
  if (evaluation.forward) map.set(FORWARD_INDEX, evaluation.forward);
  for (const layer of evaluation.layers) map.set(layer.plan.index, layer);
  return map;
}

function budgetNotes(
  plan: ChainPlan,
  evaluated: ReadonlyMap<number, LayerEvaluation>,
  budget: number,
): Map<number, string> {
  const missing = new Map<number, string>();
  let cumulative = plan.inputShape.reduce((a, b) => a * b, 1);
  for (const step of [...(plan.forward ? [plan.forward] : []), ...plan.layers]) {
    cumulative += evaluationCost(step);
    const overMemory = notComputedReason(plan.values, step.index);
    if (!evaluated.has(step.index) && overMemory !== null) {
      missing.set(step.index, l10n.t('Values not computed: {0}.', overMemory));
    } else if (!evaluated.has(step.index)) {
      missing.set(
        step.index,
        l10n.t(
          "Values not computed: the chain up to this layer takes about {0} multiply-adds, above the preview's budget of {1}.",
          formatCount(cumulative),
          formatCount(budget),
        ),
      );
    }
  }
  return missing;
}

function verify(spec: SpecModel, plan: ChainPlan, evaluation: SpecEvaluation, remaining: number): VerificationPayload {
  const count = verifiableLayerCount(
    evaluation.layers.map((l) => l.plan),
    spec.verify,
    remaining,
  );
  // Layers past the memory budget are not counted: verifySpec reports their checks not run, with the bytes.
  const skipped =
    evaluation.layers.slice(count).filter((l) => l.plan.kind === 'convTranspose').length +
    plan.layers.filter(
      (l) =>
        l.index >= evaluation.layers.length &&
        l.kind === 'convTranspose' &&
        notComputedReason(plan.values, l.index) === null,
    ).length;
  const note =
    skipped === 0
      ? null
      : skipped === 1
        ? l10n.t('1 layer not verified in the preview (budget); the Verify command checks every layer.')
        : l10n.t('{0} layers not verified in the preview (budget); the Verify command checks every layer.', skipped);
  return toVerificationPayload(
    verifySpec(spec, plan, { ...evaluation, layers: evaluation.layers.slice(0, count) }),
    'preview',
    note,
  );
}

export function chainValues(
  spec: SpecModel,
  plan: ChainPlan,
  known: SpecEvaluation | undefined,
  limits: PreviewLimits,
  focus: PreviewFocus | null,
): ChainValues {
  const budget = limits.maxMultiplyAdds;
  const choice = chooseEvaluation(spec, plan, budget, reachOf(plan, focus));
  if (!known && !choice.evaluate) {
    const missing = budgetNotes(plan, new Map(), budget);
    return {
      layers: new Map(),
      input: null,
      missing,
      verification: notVerifiedPayload(
        l10n.t('Nothing verified in the preview: no layer fits its budget. The Verify command checks every layer.'),
      ),
      notes: [],
    };
  }
  try {
    const evaluation = known ?? evaluatePrefix(spec, plan, choice.layerCount);
    const layers = byIndex(evaluation);
    const missing = budgetNotes(plan, layers, budget);
    const notes =
      missing.size > 0
        ? [
            l10n.t(
              "Values computed for the first {0} of {1} steps (budget {2} multiply-adds); later layers show shapes and W's structure.",
              layers.size,
              layers.size + missing.size,
              formatCount(budget),
            ),
          ]
        : [];
    return {
      layers,
      input: evaluation.values === 'none' ? null : evaluation.input,
      missing,
      verification: verify(spec, plan, evaluation, limits.maxVerificationMultiplyAdds),
      notes,
    };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    const missing = new Map(
      [...plan.layers, ...(plan.forward ? [plan.forward] : [])].map((l) => [
        l.index,
        l10n.t('Values not computed: {0}', e.message),
      ]),
    );
    return {
      layers: new Map(),
      input: null,
      missing,
      verification: notVerifiedPayload(l10n.t('Not verified: {0}', e.message)),
      notes: [],
    };
  }
}

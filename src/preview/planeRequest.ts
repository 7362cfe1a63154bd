/**
 * The answer to a `requestPlanes` message: the planes of one layer for one focus, and nothing else. The layer is
 * evaluated when it is within the memory budget (the rule check, show and verify follow), whatever the preview's
 * multiply-add budget; each plane is sent whole up to MAX_PLANE_SIDE a side and pooled above (planePayload).
 */
import * as l10n from '@vscode/l10n';
import { isEngineError } from '../engine';
import type { FocusedPlanesPayload, PreviewFocus } from '../webviewProtocol';
import { hasErrors, type LayerPlan, type ValidationResult } from '../specFile';
import { notComputedReason } from '../specFile/memoryBudget';
import { focusPlanes } from './focusPlanes';
import { layerIdOf } from './layerIds';
import { DEFAULT_PREVIEW_LIMITS } from './limits';
import { isOpLayer, opFocusPlanes, spatialRankOf } from './opLayerPayload';
import { evaluateStep, layersToEvaluate, type StepValues, type StepValuesCache } from './stepValues';
import { planePayload, tensorPayload } from './tensorPayload';

function noPlanes(note: string): FocusedPlanesPayload {
  return { input: null, weight: null, bias: null, skip: null, output: null, note };
}

/** The focus's planes of a step whose tensors are at hand. */
export function stepPlanes(step: LayerPlan, values: StepValues, focus: PreviewFocus): FocusedPlanesPayload {
  const { evaluation } = values;
  const rank = spatialRankOf(step.inputShape);
  if (isOpLayer(step)) {
    const planes = opFocusPlanes(step, focus);
    if (!planes) return noPlanes(l10n.t('The planes asked for are of another layer.'));
    return {
      input: planePayload(evaluation.input, rank, planes.input),
      weight: null,
      bias: null,
      skip: values.skip && planes.skip !== null ? planePayload(values.skip, rank, planes.skip) : null,
      output: planePayload(evaluation.output, rank, planes.output),
      note: null,
    };
  }
  const planes = focusPlanes(step, focus);
  if (!planes) return noPlanes(l10n.t('The planes asked for are of another layer.'));
  return {
    input: planePayload(evaluation.input, rank, planes.input),
    weight: planePayload(evaluation.weight, rank, planes.weight),
    bias: evaluation.bias ? tensorPayload(evaluation.bias, 1, DEFAULT_PREVIEW_LIMITS.maxTensorElements) : null,
    skip: null,
    output: planePayload(evaluation.output, rank, planes.output),
    note: null,
  };
}

/**
 * The planes `focus` selects in the spec `result` validated. `cacheKey` names the document version, ending in a
 * separator (null: do not keep the step's tensors for the next request).
 */
export function planesFor(
  result: ValidationResult,
  focus: PreviewFocus,
  cache: StepValuesCache,
  cacheKey: string | null,
): FocusedPlanesPayload {
  const { spec, plan, diagnostics } = result;
  if (!spec || !plan || hasErrors(diagnostics) || !plan.complete)
    return noPlanes(l10n.t('The spec cannot be previewed yet.'));
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  const step = steps.find((s) => layerIdOf(s.index) === focus.layerId);
  if (!step) return noPlanes(l10n.t('The spec has no layer {0}.', focus.layerId));
  // The last layer evaluated to reach the step (a shared forward weight reaches further) decides the memory.
  const last = layersToEvaluate(spec, plan, step) - 1;
  const overMemory =
    notComputedReason(plan.values, step.index) ?? (last >= 0 ? notComputedReason(plan.values, last) : null);
  if (overMemory !== null) return noPlanes(l10n.t('Values not computed: {0}.', overMemory));
  try {
    const compute = () => evaluateStep(spec, plan, step);
    const values = cacheKey === null ? compute() : cache.get(`${cacheKey}${step.index}`, compute);
    return stepPlanes(step, values, focus);
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return noPlanes(l10n.t('Values not computed: {0}', e.message));
  }
}

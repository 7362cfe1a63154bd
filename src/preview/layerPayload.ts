/** Everything the preview shows about one layer. */
import type { ComputePath, DType } from '../engine';
import type { LayerPayload, LayerValuesPayload, PreviewFocus, PreviewLimits } from '../webviewProtocol';
import type { ConvFieldsModel, LayerEvaluation, LayerPlan } from '../specFile';
import { layerMultiplyAdds } from './budget';
import { codeSnippets } from './codegen';
import { dimsPayload } from './dimsPayload';
import { focusPlanes, type FocusPlanes } from './focusPlanes';
import { layerIdOf } from './layerIds';
import { layerSignature } from '../specFile/layerSignature';
import { fieldSpans, spanOf } from './layerSpans';
import { matrixPayload } from './matrixPayload';
import { overlapPayload } from './overlapPayload';
import { stepsPayload } from './stepsPayload';
import { symbolicPayload } from './symbolicPayload';
import { tensorPayload } from './tensorPayload';

export interface LayerContext {
  readonly dtype: DType;
  readonly limits: PreviewLimits;
  readonly symbolic: boolean;
  readonly focus: PreviewFocus | null;
  /** The spec's `compute`: whether the engine's values are exact (the Code view's assertion says how close). */
  readonly compute?: ComputePath;
}

export interface LayerInput {
  readonly plan: LayerPlan;
  /** The layer's fields as written (for a forward convolution: its own object). */
  readonly model: ConvFieldsModel;
  readonly evaluation: LayerEvaluation | null;
  /** Why there are no values, when evaluation is null. */
  readonly valuesNote: string | null;
  /** Within the memory budget: the webview may ask for its planes. */
  readonly planesOnRequest: boolean;
}

function valuesOf(
  evaluation: LayerEvaluation,
  rank: 1 | 2,
  limits: PreviewLimits,
  planes: FocusPlanes | null,
): LayerValuesPayload {
  const cap = limits.maxTensorElements;
  return {
    input: tensorPayload(evaluation.input, rank, cap, planes?.input ?? null),
    weight: tensorPayload(evaluation.weight, rank, cap, planes?.weight ?? null),
    bias: evaluation.bias ? tensorPayload(evaluation.bias, 1, cap) : null,
    output: tensorPayload(evaluation.output, rank, cap, planes?.output ?? null),
  };
}

export function layerPayload(input: LayerInput, ctx: LayerContext): LayerPayload {
  const { plan, evaluation } = input;
  const id = layerIdOf(plan.index);
  const rank = plan.params.stride.length === 1 ? 1 : 2;
  const planes = ctx.focus?.layerId === id ? focusPlanes(plan, ctx.focus) : null;
  const steps = evaluation
    ? stepsPayload(evaluation, ctx.limits.maxStepValues, planes ? ctx.focus : null)
    : { steps: null, strip: null, note: input.valuesNote };
  const symbolic = symbolicPayload(plan, ctx.symbolic, ctx.limits.maxSymbolicEntries);
  return {
    id,
    index: plan.index,
    name: plan.name,
    kind: plan.kind === 'convTranspose' ? 'convTranspose' : 'conv',
    signature: layerSignature(plan),
    span: spanOf(input.model.ref),
    fields: fieldSpans(input.model),
    inputShape: [...plan.inputShape],
    weightShape: [...plan.weightShape],
    biasShape: plan.biasShape ? [...plan.biasShape] : null,
    outputShape: [...plan.outputShape],
    params: {
      stride: [...plan.params.stride],
      padding: [...plan.params.padding],
      outputPadding: [...plan.params.outputPadding],
      dilation: [...plan.params.dilation],
      groups: plan.params.groups,
    },
    dims: dimsPayload(plan),
    multiplyAdds: layerMultiplyAdds(plan),
    values: evaluation ? valuesOf(evaluation, rank, ctx.limits, planes) : null,
    valuesNote: evaluation ? null : input.valuesNote,
    planesOnRequest: input.planesOnRequest,
    steps: steps.steps,
    stepStrip: steps.strip,
    stepsNote: steps.note,
    matrix: matrixPayload(plan, evaluation?.weight ?? null, ctx.limits),
    symbolic: symbolic.symbolic,
    symbolicNote: symbolic.note,
    overlap: overlapPayload(plan),
    code: codeSnippets(plan, ctx.dtype, evaluation, undefined, ctx.compute),
  };
}

/** What the preview shows of a layer without a weight (pool, upsample, pad, crop, concat, add): its planes, in Grids. */
import type { Tensor } from '../engine';
import type { OpLayerPayload, OpValuesPayload, PreviewFocus, TextSpan } from '../webviewProtocol';
import type { LayerEvaluation, LayerPlan } from '../specFile';
import { layerSignature } from '../specFile/layerSignature';
import type { ChainOpPlan } from '../specFile/planOp';
import { layerIdOf } from './layerIds';
import { opPlaneChoice, type OpGeometry, type OpPlaneChoice } from './opPlanes';
import { tensorPayload } from './tensorPayload';

export type OpLayerPlan = LayerPlan & { readonly op: ChainOpPlan };

export function isOpLayer(plan: LayerPlan): plan is OpLayerPlan {
  return plan.op !== undefined;
}

/** The planes' spatial rank: 1 × L for 1-D tensors (N, C, L), else H × W (a 3-D tensor per depth slice). */
export function spatialRankOf(shape: readonly number[]): 1 | 2 {
  return shape.length === 3 ? 1 : 2;
}

export function opGeometry(plan: OpLayerPlan): OpGeometry {
  const op = plan.op;
  const joins = op.kind === 'concat' || op.kind === 'add';
  const threeD = plan.inputShape.length === 5;
  const depthShift = !threeD ? 0 : op.kind === 'pad' ? op.pads[0] : op.kind === 'crop' ? -op.begin[0] : 0;
  return {
    op: op.kind,
    inputShape: [...plan.inputShape],
    outputShape: [...plan.outputShape],
    skipShape: joins ? [...op.source.shape] : null,
    depthShift,
  };
}

/** The planes a focus on this layer selects, or null when the focus is on another layer. */
export function opFocusPlanes(plan: OpLayerPlan, focus: PreviewFocus | null): OpPlaneChoice | null {
  if (!focus || focus.layerId !== layerIdOf(plan.index)) return null;
  return opPlaneChoice(opGeometry(plan), focus.batch, focus.outChannel, focus.depth ?? 0);
}

export interface OpLayerInput {
  readonly plan: OpLayerPlan;
  readonly span: TextSpan;
  readonly evaluation: LayerEvaluation | null;
  /** concat/add: the joined earlier output, when evaluated. */
  readonly skip: Tensor | null;
  readonly valuesNote: string | null;
  readonly planesOnRequest: boolean;
}

export function opLayerPayload(
  input: OpLayerInput,
  maxTensorElements: number,
  focus: PreviewFocus | null,
): OpLayerPayload {
  const { plan, evaluation } = input;
  const geometry = opGeometry(plan);
  const planes = opFocusPlanes(plan, focus);
  const rank = spatialRankOf(plan.inputShape);
  const values: OpValuesPayload | null = evaluation
    ? {
        input: tensorPayload(evaluation.input, rank, maxTensorElements, planes?.input ?? null),
        skip: input.skip ? tensorPayload(input.skip, rank, maxTensorElements, planes?.skip ?? null) : null,
        output: tensorPayload(evaluation.output, rank, maxTensorElements, planes?.output ?? null),
      }
    : null;
  const source = plan.op.kind === 'concat' || plan.op.kind === 'add' ? plan.op.source : null;
  return {
    id: layerIdOf(plan.index),
    index: plan.index,
    name: plan.name,
    op: plan.op.kind,
    signature: layerSignature(plan),
    span: input.span,
    inputShape: geometry.inputShape,
    outputShape: geometry.outputShape,
    skipName: source ? source.name : null,
    skipShape: geometry.skipShape,
    depthShift: geometry.depthShift,
    values,
    valuesNote: values ? null : input.valuesNote,
    planesOnRequest: input.planesOnRequest,
  };
}

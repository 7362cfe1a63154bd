/** Walks input → forward? → layers, planning each step and checking every shape-level expectation. */
import * as l10n from '@vscode/l10n';
import { roundTripOutputPadding } from '../engine';
import type { SpecDiagnostic } from './diagnostics';
import type { Span } from './edits';
import { checkExpectations, dimArgs } from './expectations';
import { layerAnchor, layerLabel } from './labels';
import type { ExpectModel, SpecModel } from './model';
import type { ChainPlan, LayerPlan } from './plan';
import { firstTransposed, planForward } from './planForward';
import { planLayer, type ChannelOrigin } from './planLayer';
import { kernelLayout, resolveInputShape } from './planTensors';
import { kernelAxesText } from './shorthand';
import { keySpan, Reporter, type SpecSource } from './reporter';
import { checkRoundTrip } from './roundTrip';
import { reportValuesBudget, resolveMemoryBudget, valuesBudget, type ValuesBudget } from './memoryBudget';
import { isConvKind } from './chainOpModel';
import { planOp } from './planOp';
import { checkReferencedNames } from './planSkip';

export interface PlanOptions {
  /** Bytes a layer's values may take (tconv.memoryBudget; default DEFAULT_MEMORY_BUDGET, 1 GiB). Shapes are never capped. */
  readonly memoryBudget?: number;
}

/** An expect.output whose nesting matches its layer's output, so evaluation can compare values. */
export interface ValueExpectation {
  readonly expect: ExpectModel;
  /** -1: the forward convolution; 0..n-1: a layer; n (= layers.length): the final output. */
  readonly target: number;
  readonly subject: string;
}

export interface ChainResult {
  readonly plan: ChainPlan | null;
  readonly valueExpectations: readonly ValueExpectation[];
}

function inputOrigin(spec: SpecModel, inputShape: readonly number[]): ChannelOrigin {
  const channels = inputShape[1];
  const message = channels === 1 ? l10n.t('the input has 1 channel') : l10n.t('the input has {0} channels', channels);
  const shape = spec.input.shape;
  const channelItem =
    shape && shape.value.length >= spec.dims + 1 ? shape.items[shape.value.length - spec.dims - 1] : undefined;
  const span: Span = channelItem ?? shape?.ref ?? spec.input.data?.ref ?? keySpan(spec.input.ref);
  return { span, message };
}

function tLayoutLabel(spec: SpecModel): string {
  return `[C_in, C_out/groups, ${kernelAxesText(spec.dims)}]`;
}

/** Plans the chain into `reporter`; null when even the input's shape is unknown. */
export function buildChainPlan(spec: SpecModel, reporter: Reporter, options: PlanOptions = {}): ChainResult {
  const memoryBudget = resolveMemoryBudget(options.memoryBudget);
  const valueExpectations: ValueExpectation[] = [];
  const inputShape = resolveInputShape(spec, reporter);
  if (!inputShape) return { plan: null, valueExpectations };

  const t = firstTransposed(spec);
  const tLayoutResolved = spec.forward !== undefined && t !== undefined;
  const tLayout = tLayoutResolved ? kernelLayout(t.kernel, spec.dims, tLayoutLabel(spec), reporter) : undefined;
  const layers: LayerPlan[] = [];
  let forwardPlan: LayerPlan | undefined;
  let incoming: readonly number[] = inputShape;
  let origin = inputOrigin(spec, inputShape);
  const values = (): ValuesBudget =>
    valuesBudget({ forward: forwardPlan, layers, dtype: spec.dtype }, spec.compute, memoryBudget);
  const partial = (): ChainResult => ({
    plan: {
      dims: spec.dims,
      dtype: spec.dtype,
      inputShape,
      forward: forwardPlan,
      layers,
      complete: false,
      outputShape: null,
      values: values(),
    },
    valueExpectations,
  });
  // A layer PyTorch refuses (output_padding too large, a bias of the wrong length…) has no output to expect: the
  // expectations after it would only repeat its error as a wrong shape.
  let refused = false;
  const noteRefusals = (errorsBefore: number) => {
    refused ||= reporter.errorCount > errorsBefore;
  };
  const expectAbout = (expect: ExpectModel | undefined, layer: LayerPlan, target: number, subject: string) => {
    if (!expect || refused) return;
    const layerModel = layer.index >= 0 ? spec.layers[layer.index] : undefined;
    if (checkExpectations({ spec, expect, layer, layerModel, subject }, reporter))
      valueExpectations.push({ expect, target, subject });
  };

  if (spec.forward) {
    if (tLayout === null) return partial();
    const errorsBefore = reporter.errorCount;
    const planned = planForward({ spec, forward: spec.forward, inputShape, origin, tLayout }, reporter);
    if (!planned) return partial();
    forwardPlan = planned.plan;
    noteRefusals(errorsBefore);
    expectAbout(spec.forward.expect, planned.plan, -1, l10n.t('the forward output'));
    incoming = planned.plan.outputShape;
    origin = planned.outOrigin;
  }

  checkReferencedNames(spec, reporter);
  for (const layer of spec.layers) {
    if (!isConvKind(layer.kind)) {
      const op = { ...layer, kind: layer.kind };
      const earlier = { inputShape, forward: forwardPlan, layers };
      const errorsBefore = reporter.errorCount;
      const planned = planOp({ spec, layer: op, inputShape: incoming, origin, earlier }, reporter);
      if (!planned) return partial();
      layers.push(planned.plan);
      noteRefusals(errorsBefore);
      expectAbout(
        layer.expect,
        planned.plan,
        layer.index,
        l10n.t('the output of {0}', layerLabel(spec, layer.index, layer)),
      );
      incoming = planned.plan.outputShape;
      origin = planned.outOrigin;
      continue;
    }
    const isT = layer === t && tLayoutResolved;
    const errorsBefore = reporter.errorCount;
    const planned = planLayer(
      {
        spec,
        index: layer.index,
        kind: layer.kind,
        fields: layer,
        inChannels: layer.inChannels,
        outputPadding: layer.outputPadding,
        inputShape: incoming,
        origin,
        sharedWeight:
          isT && !tLayout && forwardPlan?.weightSource === 'shared'
            ? {
                shape: forwardPlan.weightShape,
                span: layerAnchor(spec.forward ?? layer),
                owner: l10n.t("the forward convolution's kernel"),
              }
            : undefined,
        layout: isT ? (tLayout ?? undefined) : undefined,
        layoutResolved: isT,
      },
      reporter,
    );
    if (!planned) return partial();
    let plan = planned.plan;
    if (isT && forwardPlan) {
      const fwd = forwardPlan;
      plan = { ...plan, roundTripOutputPadding: fwd.dims.map((_, d) => roundTripOutputPadding(dimArgs(fwd, d))) };
    }
    layers.push(plan);
    noteRefusals(errorsBefore);
    expectAbout(layer.expect, plan, layer.index, l10n.t('the output of {0}', layerLabel(spec, layer.index, layer)));
    incoming = plan.outputShape;
    origin = planned.outOrigin;
  }

  const chain: ChainPlan = {
    dims: spec.dims,
    dtype: spec.dtype,
    inputShape,
    forward: forwardPlan,
    layers,
    complete: true,
    outputShape: incoming,
    values: values(),
  };
  reportValuesBudget(spec, chain.values, reporter);
  const last = layers[layers.length - 1];
  expectAbout(
    spec.expect,
    last,
    spec.layers.length,
    layers.length === 1 && !spec.forward ? l10n.t('the output') : l10n.t('the final output'),
  );
  if (!refused) checkRoundTrip(spec, chain, reporter);
  return { plan: chain, valueExpectations };
}

/** Plans a spec model on its own (no text): diagnostics carry the model's refs but no fixes that insert properties. */
export function planSpec(
  spec: SpecModel,
  options: PlanOptions = {},
  source?: SpecSource,
): { plan: ChainPlan | null; diagnostics: SpecDiagnostic[] } {
  const reporter = new Reporter(source);
  const { plan } = buildChainPlan(spec, reporter, options);
  return { plan, diagnostics: reporter.diagnostics };
}

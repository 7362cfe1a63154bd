/**
 * Spec text → everything the preview webview shows, as one JSON-safe payload (see PreviewPayload in
 * src/webviewProtocol.ts). Pure: no vscode, no DOM, no Node; the language server runs it. Never throws for a
 * spec's content: a spec with errors gives { ok: false } with its diagnostics.
 */
import * as l10n from '@vscode/l10n';
import type { PreviewDiagnostic, PreviewFocus, PreviewLimits, PreviewPayload } from '../webviewProtocol';
import { hasErrors, validateSpec, type ChainPlan, type SpecModel, type ValidationResult } from '../specFile';
import { FORWARD_INDEX } from '../specFile/labels';
import { notComputedReason } from '../specFile/memoryBudget';
import { INPUT_INDEX } from '../specFile/planSkip';
import { chainValues, type ChainValues } from './chainValues';
import { chainSnippets } from './codegen';
import { toPreviewDiagnostics } from './diagnostics';
import { layerPayload, type LayerContext } from './layerPayload';
import { spanOf } from './layerSpans';
import { resolveLimits } from './limits';
import { isOpLayer, opLayerPayload } from './opLayerPayload';
import { shapeWalk } from './walk';

export interface PreviewBuildOptions {
  /** Bytes a layer's values may take (the tconv.memoryBudget setting). */
  readonly memoryBudget?: number;
  /** Symbolic mode (the tconv.symbolic setting / Toggle Symbolic command). */
  readonly symbolic?: boolean;
  /** Planes the webview asked for (a `selection` message): sent even past the caps and the budget. */
  readonly focus?: PreviewFocus | null;
  /** Overrides of DEFAULT_PREVIEW_LIMITS. */
  readonly limits?: Partial<PreviewLimits>;
}

export type PreviewBuildResult =
  | { readonly ok: true; readonly payload: PreviewPayload }
  | { readonly ok: false; readonly message: string; readonly diagnostics: PreviewDiagnostic[] };

function failure(
  text: string,
  diagnostics: Parameters<typeof toPreviewDiagnostics>[1],
  fallback: string,
): PreviewBuildResult {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const message =
    errors.length === 0
      ? fallback
      : errors.length === 1
        ? errors[0].message
        : l10n.t('{0} errors; the first: {1}', errors.length, errors[0].message);
  return { ok: false, message, diagnostics: toPreviewDiagnostics(text, diagnostics) };
}

function layerModel(spec: SpecModel, index: number) {
  return index === FORWARD_INDEX && spec.forward ? spec.forward : spec.layers[index];
}

/** The convolutions: the layers the preview's views show (the pool, upsample, pad, crop, concat and add layers are in the walk and Grids). */
function layersOf(plan: ChainPlan) {
  return [...(plan.forward ? [plan.forward] : []), ...plan.layers.filter((l) => !l.op)];
}

/** Steps of the chain, the forward convolution included. */
const chainLength = (plan: ChainPlan) => plan.layers.length + (plan.forward ? 1 : 0);

/** The output a concat or add joins, when it was evaluated. */
function outputOf(values: ChainValues, index: number) {
  return index === INPUT_INDEX ? values.input : (values.layers.get(index)?.output ?? null);
}

function opLayersOf(spec: SpecModel, plan: ChainPlan, values: ChainValues, ctx: LayerContext) {
  return plan.layers.filter(isOpLayer).map((layer) => {
    const op = layer.op;
    return opLayerPayload(
      {
        plan: layer,
        span: spanOf(spec.layers[layer.index].ref),
        evaluation: values.layers.get(layer.index) ?? null,
        skip: op.kind === 'concat' || op.kind === 'add' ? outputOf(values, op.source.index) : null,
        valuesNote: values.missing.get(layer.index) ?? null,
        planesOnRequest: notComputedReason(plan.values, layer.index) === null,
      },
      ctx.limits.maxTensorElements,
      ctx.focus,
    );
  });
}

export function buildPreviewPayload(text: string, options: PreviewBuildOptions = {}): PreviewBuildResult {
  const started = performance.now();
  return previewFromValidation(text, validateSpec(text, { memoryBudget: options.memoryBudget }), options, started);
}

/** The preview of `text`, whose validation (with options.memoryBudget) is `result`: the language server's analysis. */
export function previewFromValidation(
  text: string,
  result: ValidationResult,
  options: PreviewBuildOptions = {},
  started = performance.now(),
): PreviewBuildResult {
  const limits = resolveLimits(options.limits);
  const { spec, plan, diagnostics } = result;
  if (!spec || !plan || hasErrors(diagnostics) || !plan.complete)
    return failure(text, diagnostics, l10n.t('The spec cannot be previewed yet.'));
  if (layersOf(plan).length === 0)
    return failure(
      text,
      diagnostics,
      l10n.t('The preview shows chains with at least one convolution; this spec has none.'),
    );
  const focus = options.focus ?? null;
  const values = chainValues(spec, plan, result.evaluation, limits, focus);
  const ctx: LayerContext = {
    dtype: spec.dtype,
    limits,
    symbolic: options.symbolic === true,
    focus,
    compute: spec.compute,
  };
  const layers = layersOf(plan).map((layer) =>
    layerPayload(
      {
        plan: layer,
        model: layerModel(spec, layer.index),
        evaluation: values.layers.get(layer.index) ?? null,
        valuesNote: values.missing.get(layer.index) ?? null,
        planesOnRequest: notComputedReason(plan.values, layer.index) === null,
      },
      ctx,
    ),
  );
  const payload: PreviewPayload = {
    title: spec.name?.value ?? '',
    description: spec.description?.value ?? null,
    dims: spec.dims,
    dtype: spec.dtype,
    walk: shapeWalk(plan),
    layers,
    ...(chainLength(plan) > 1 ? { chainCode: chainSnippets(spec, plan, values) } : {}),
    opLayers: opLayersOf(spec, plan, values, ctx),
    verification: values.verification,
    warnings: toPreviewDiagnostics(text, diagnostics),
    notes: values.notes,
    limits,
    symbolic: ctx.symbolic,
    buildMs: 0,
  };
  return { ok: true, payload: { ...payload, buildMs: Math.round((performance.now() - started) * 10) / 10 } };
}

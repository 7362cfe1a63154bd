/** Runs a spec's verifications (its `verify` list) on every transposed layer of an evaluated chain. */
import * as l10n from '@vscode/l10n';
import {
  isEngineError,
  verifyLayer,
  type VerificationName,
  type VerificationResult,
  type VerifyOptions,
} from '../engine';
import type { SpecDiagnostic } from './diagnostics';
import { hasErrors } from './diagnostics';
import { evaluateSpec, type SpecEvaluation } from './evaluate';
import type { SpecModel } from './model';
import type { ChainPlan } from './plan';
import { notComputedReason, notComputedResult } from './memoryBudget';
import { validateSpec } from './validate';

export interface LayerVerification {
  readonly layerIndex: number;
  readonly layerName: string;
  readonly results: readonly VerificationResult[];
  /** Why the layer could not be verified at all (PyTorch would reject it). */
  readonly error?: string;
}

export interface SpecVerification {
  readonly layers: readonly LayerVerification[];
  /**
   * No verification that ran failed and every layer could be verified. True when nothing ran (an empty `verify`
   * list, or every check not run): that is not a failure; `verificationStatus` tells it apart from a real pass.
   */
  readonly passed: boolean;
  readonly counts: { readonly passed: number; readonly failed: number; readonly notRun: number };
}

/** One check of a spec's verification run: the `index`-th of `total` (0-based, layer by layer, in `verify` order). */
export interface CheckRef {
  readonly index: number;
  readonly total: number;
  /** The layer's index in the chain (LayerVerification.layerIndex). */
  readonly layerIndex: number;
  readonly layerName: string;
  /** 1-based among the layers verified, of `layerCount`. */
  readonly layerNumber: number;
  readonly layerCount: number;
  readonly name: VerificationName;
}

/**
 * What a verification run reports while it runs: each check as it starts and as it finishes (with its result);
 * a layer that cannot be verified at all once, with how many of its checks that makes (none of them start).
 */
export type VerifyProgressEvent =
  | { readonly kind: 'start'; readonly check: CheckRef }
  | { readonly kind: 'finish'; readonly check: CheckRef; readonly result: VerificationResult }
  | {
      readonly kind: 'layerError';
      readonly layerIndex: number;
      readonly layerName: string;
      readonly error: string;
      /** The checks of this layer that will not run (part of every CheckRef's `total`). */
      readonly checks: number;
    };

export interface SpecVerifyOptions extends VerifyOptions {
  /** Called as each check starts and finishes; a throw from it ends the run. */
  readonly onProgress?: (event: VerifyProgressEvent) => void;
  /** Asked before each check; true ends the run with VerificationCancelledError. */
  readonly isCancelled?: () => boolean;
  /**
   * Runs only the checks this answers true for: asked once per check, in order (index 0, 1, …), just before the
   * check would start. Lets several threads share one run (each claims the next check from a shared counter);
   * mergeVerifications puts their parts back together. Default: every check.
   */
  readonly select?: (index: number) => boolean;
}

/** A run ended because isCancelled answered true (between two checks). */
export class VerificationCancelledError extends Error {
  constructor() {
    super('verification cancelled');
    this.name = 'VerificationCancelledError';
  }
}

export function isVerificationCancelled(e: unknown): e is VerificationCancelledError {
  return e instanceof Error && e.name === 'VerificationCancelledError';
}

function countResults(layers: readonly LayerVerification[]): SpecVerification {
  const all = layers.flatMap((l) => l.results);
  const counts = {
    passed: all.filter((r) => r.passed).length,
    failed: all.filter((r) => !r.passed && !r.notRun).length,
    notRun: all.filter((r) => r.notRun).length,
  };
  const broken = layers.some((l) => l.error !== undefined);
  return { layers, passed: !broken && counts.failed === 0, counts };
}

/** Runs every check to the end (verifySpecSteps without pauses). */
export function verifySpec(
  spec: SpecModel,
  plan: ChainPlan,
  evaluation: SpecEvaluation,
  options: SpecVerifyOptions = {},
): SpecVerification {
  return drain(verifySpecSteps(spec, plan, evaluation, options));
}

/** The generator's value once it has run to the end, with no pause between steps. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run one check at a time: the generator pauses after each check that ran, so a caller on a thread that
 * must stay responsive (the language server in the browser) can let other work in between; its value is the result.
 */
export function* verifySpecSteps(
  spec: SpecModel,
  plan: ChainPlan,
  evaluation: SpecEvaluation,
  options: SpecVerifyOptions = {},
): Generator<void, SpecVerification> {
  const { onProgress, isCancelled, select, ...verifyOptions } = options;
  const names = spec.verify;
  const verified = evaluation.layers.flatMap((layer, i) => (layer.plan.kind === 'convTranspose' ? [{ layer, i }] : []));
  // Transposed layers beyond the memory budget (memoryBudget.ts): their checks are reported not run, with the bytes.
  const unevaluated = plan.layers.filter(
    (l) =>
      l.index >= evaluation.layers.length &&
      l.kind === 'convTranspose' &&
      notComputedReason(plan.values, l.index) !== null,
  );
  const layerCount = verified.length + unevaluated.length;
  const total = layerCount * names.length;
  const layers: LayerVerification[] = [];
  let index = 0;
  for (const [number, { layer, i }] of verified.entries()) {
    // The layer right after `forward` is the transpose of that convolution: the round trip starts at the spec's input.
    // With ONNX / Keras padding or a trim on either side, the verifications check this layer's PyTorch part on its
    // own (the spec's round-trip check compares the real shapes).
    const pairedWithForward = plan.forward !== undefined && i === 0 && !plan.forward.padding && !layer.plan.padding;
    const layerOptions: VerifyOptions = {
      ...verifyOptions,
      ...(pairedWithForward ? { forwardInputShape: plan.inputShape, reconstructionInput: evaluation.input } : {}),
    };
    const input = { input: layer.input, weight: layer.weight, bias: layer.bias, options: layer.plan.params };
    const layerName = layer.plan.name;
    const first = index;
    index += names.length;
    try {
      // Validates the layer the way PyTorch would (no check runs): a layer PyTorch rejects has no results.
      verifyLayer(input, [], layerOptions);
    } catch (e) {
      if (!isEngineError(e)) throw e;
      layers.push({ layerIndex: i, layerName, results: [], error: e.message });
      onProgress?.({ kind: 'layerError', layerIndex: i, layerName, error: e.message, checks: names.length });
      continue;
    }
    const results: VerificationResult[] = [];
    let failed = false;
    for (const [k, name] of names.entries()) {
      if (select && !select(first + k)) continue;
      if (isCancelled?.()) throw new VerificationCancelledError();
      const check: CheckRef = {
        index: first + k,
        total,
        layerIndex: i,
        layerName,
        layerNumber: number + 1,
        layerCount,
        name,
      };
      onProgress?.({ kind: 'start', check });
      let result: VerificationResult;
      try {
        [result] = verifyLayer(input, [name], layerOptions);
      } catch (e) {
        // A check PyTorch's rules reject for this layer: the layer is reported as not verifiable, as before.
        if (!isEngineError(e)) throw e;
        layers.push({ layerIndex: i, layerName, results: [], error: e.message });
        onProgress?.({ kind: 'layerError', layerIndex: i, layerName, error: e.message, checks: names.length - k });
        failed = true;
        break;
      }
      results.push(result);
      onProgress?.({ kind: 'finish', check, result });
      yield;
    }
    if (failed) continue;
    layers.push({ layerIndex: i, layerName, results });
  }
  for (const [k, layerPlan] of unevaluated.entries()) {
    const reason = notComputedReason(plan.values, layerPlan.index) ?? '';
    const step = plan.values.steps.find((s) => s.index === layerPlan.index);
    const results: VerificationResult[] = [];
    for (const name of names) {
      const check: CheckRef = {
        index: index++,
        total,
        layerIndex: layerPlan.index,
        layerName: layerPlan.name,
        layerNumber: verified.length + k + 1,
        layerCount,
        name,
      };
      if (select && !select(check.index)) continue;
      onProgress?.({ kind: 'start', check });
      const result = notComputedResult(name, reason, step);
      results.push(result);
      onProgress?.({ kind: 'finish', check, result });
    }
    layers.push({ layerIndex: layerPlan.index, layerName: layerPlan.name, results });
  }
  return countResults(layers);
}

/**
 * One run from the parts several threads computed with complementary `select`s over the same spec: each layer's
 * results in `names` order (the spec's `verify` list), a layer error from whichever part saw it.
 */
export function mergeVerifications(
  parts: readonly SpecVerification[],
  names: readonly VerificationName[],
): SpecVerification {
  const byLayer = new Map<number, { layerName: string; results: VerificationResult[]; error?: string }>();
  for (const part of parts) {
    for (const layer of part.layers) {
      const merged = byLayer.get(layer.layerIndex) ?? { layerName: layer.layerName, results: [] };
      merged.results.push(...layer.results);
      if (layer.error !== undefined) merged.error ??= layer.error;
      byLayer.set(layer.layerIndex, merged);
    }
  }
  const layers = [...byLayer.entries()]
    .sort(([a], [b]) => a - b)
    .map(([layerIndex, { layerName, results, error }]) => ({
      layerIndex,
      layerName,
      // A layer that cannot be verified has no results, whichever part saw the error.
      results: error !== undefined ? [] : [...results].sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name)),
      ...(error !== undefined ? { error } : {}),
    }));
  return countResults(layers);
}

export interface VerificationOutcome {
  readonly diagnostics: SpecDiagnostic[];
  readonly plan: ChainPlan | null;
  readonly verification?: SpecVerification;
  /** The spec's `verify` list (the order of each layer's results), when it was verified. */
  readonly verify?: readonly VerificationName[];
  /** Why nothing was verified: the spec has errors, or evaluating it failed. */
  readonly error?: string;
}

type TextVerifyOptions = { readonly memoryBudget?: number } & Pick<
  SpecVerifyOptions,
  'onProgress' | 'isCancelled' | 'select'
>;

/** A spec text's verifications (the Testing view, the Verify commands, `tconv verify`), or why there are none. */
export function verifyText(text: string, options: TextVerifyOptions = {}): VerificationOutcome {
  return drain(verifyTextSteps(text, options));
}

/** verifyText one check at a time (see verifySpecSteps). */
export function* verifyTextSteps(text: string, options: TextVerifyOptions = {}): Generator<void, VerificationOutcome> {
  const result = validateSpec(text, { memoryBudget: options.memoryBudget });
  const { diagnostics, spec, plan } = result;
  if (!spec || !plan || hasErrors(diagnostics))
    return { diagnostics, plan, error: l10n.t('the spec has errors; fix them to verify it') };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(spec, plan);
    const { onProgress, isCancelled, select } = options;
    const verification = yield* verifySpecSteps(spec, plan, evaluation, { onProgress, isCancelled, select });
    return { diagnostics, plan, verify: spec.verify, verification };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { diagnostics, plan, error: e.message };
  }
}

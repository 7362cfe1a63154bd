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
import { notComputedResult } from './memoryBudget';
import {
  SHAPE_CHECKS,
  verificationInput,
  type VerificationInput,
  type VerificationLayerInput,
} from './verificationInput';
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
 * each check of a layer that cannot be verified as it comes up, as a layerError (it does not start).
 */
export type VerifyProgressEvent =
  | { readonly kind: 'start'; readonly check: CheckRef }
  | { readonly kind: 'finish'; readonly check: CheckRef; readonly result: VerificationResult }
  | {
      readonly kind: 'layerError';
      readonly layerIndex: number;
      readonly layerName: string;
      readonly error: string;
      /** How many of the layer's checks this event accounts for (part of every CheckRef's `total`). */
      readonly checks: number;
    };

export interface SpecVerifyOptions extends VerifyOptions {
  /** Called as each check starts and finishes; a throw from it ends the run. */
  readonly onProgress?: (event: VerifyProgressEvent) => void;
  /** Asked before each check; true ends the run with VerificationCancelledError. */
  readonly isCancelled?: () => boolean;
  /**
   * Runs only the checks this answers true for: asked once per check, in order (index 0, 1, …), just before the
   * check would start. mergeVerifications puts the parts of complementary selections back together. Default:
   * every check.
   */
  readonly select?: (index: number) => boolean;
  /**
   * Runs the checks this hands out, in the order it hands them out, until it answers undefined: how several threads
   * share one run, each taking its next check from a table in shared memory when it is free (checkClaims.ts), so a
   * long check on one thread does not hold up the others. Replaces `select`.
   */
  readonly claim?: () => number | undefined;
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
export function verifySpecSteps(
  spec: SpecModel,
  plan: ChainPlan,
  evaluation: SpecEvaluation,
  options: SpecVerifyOptions = {},
): Generator<void, SpecVerification> {
  return verifyInputSteps(verificationInput(spec, plan, evaluation), options);
}

/** The check indices a run takes: those `claim` hands out, else every index that `select` answers true for. */
function* indicesOf(total: number, options: SpecVerifyOptions): Generator<number> {
  const { claim, select } = options;
  if (claim) {
    for (let index = claim(); index !== undefined; index = claim()) yield index;
    return;
  }
  for (let index = 0; index < total; index++) if (!select || select(index)) yield index;
}

/** One layer's state in a run: its options (the checks of a layer share what they compute through them). */
interface LayerRun {
  readonly input: VerificationLayerInput;
  readonly options: VerifyOptions;
  readonly results: Map<number, VerificationResult>;
  /** undefined: not validated yet; null: valid; a string: why PyTorch rejects it (no check of it runs). */
  error?: string | null;
}

/**
 * verifySpecSteps on a prepared input (verificationInput.ts): what a verification thread runs. Check `index` is
 * check `index % names.length` of layer `⌊index / names.length⌋`. A layer beyond the memory budget runs its shape
 * checks (SHAPE_CHECKS) on shapes; its value checks are not run, with the bytes they would need.
 */
export function* verifyInputSteps(
  input: VerificationInput,
  options: SpecVerifyOptions = {},
): Generator<void, SpecVerification> {
  const { onProgress, isCancelled, select: _select, claim: _claim, ...verifyOptions } = options;
  const { names } = input;
  const total = input.layers.length * names.length;
  const runs: LayerRun[] = input.layers.map((layer) => ({
    input: layer,
    options: {
      ...verifyOptions,
      ...(layer.forwardInputShape ? { forwardInputShape: layer.forwardInputShape } : {}),
      ...(layer.reconstructionInput ? { reconstructionInput: layer.reconstructionInput } : {}),
    },
    results: new Map(),
  }));
  /** Validates the layer the way PyTorch would (no check runs): a layer PyTorch rejects has no results. */
  const validate = (run: LayerRun): string | null => {
    if (run.error !== undefined) return run.error;
    try {
      verifyLayer(run.input.layer, [], run.options);
      run.error = null;
    } catch (e) {
      if (!isEngineError(e)) throw e;
      run.error = e.message;
    }
    return run.error;
  };
  // A run on its own (or one part of a run split by `select`) reports every layer PyTorch rejects; a run that
  // claims its checks validates a layer when it takes one of its checks.
  if (!options.claim) for (const run of runs) validate(run);
  for (const index of indicesOf(total, options)) {
    if (isCancelled?.()) throw new VerificationCancelledError();
    const number = Math.floor(index / names.length);
    const run = runs[number];
    const { layerIndex, layerName, notComputed } = run.input;
    const name = names[index % names.length];
    const error = validate(run);
    // Each check of a layer that cannot be verified is accounted for by the run that took it.
    if (error !== null) {
      onProgress?.({ kind: 'layerError', layerIndex, layerName, error, checks: 1 });
      continue;
    }
    const check: CheckRef = {
      index,
      total,
      layerIndex,
      layerName,
      layerNumber: number + 1,
      layerCount: runs.length,
      name,
    };
    onProgress?.({ kind: 'start', check });
    let result: VerificationResult;
    if (notComputed && !SHAPE_CHECKS.has(name)) result = notComputedResult(name, notComputed.reason, notComputed.step);
    else {
      try {
        [result] = verifyLayer(run.input.layer, [name], run.options);
      } catch (e) {
        // A check PyTorch's rules reject for this layer: the layer is reported as not verifiable, as before.
        if (!isEngineError(e)) throw e;
        run.error = e.message;
        onProgress?.({ kind: 'layerError', layerIndex, layerName, error: e.message, checks: 1 });
        continue;
      }
    }
    run.results.set(index, result);
    onProgress?.({ kind: 'finish', check, result });
    if (!notComputed) yield;
  }
  const layers = runs.map((run): LayerVerification => {
    const { layerIndex, layerName } = run.input;
    if (typeof run.error === 'string') return { layerIndex, layerName, results: [], error: run.error };
    const results = [...run.results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result);
    return { layerIndex, layerName, results };
  });
  return countResults(layers);
}

/**
 * One run from the parts several threads computed over the same spec, with complementary `select`s or claiming
 * from one table: each layer's results in `names` order (the spec's `verify` list), a layer error from whichever
 * part saw it.
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
  'onProgress' | 'isCancelled' | 'select' | 'claim'
>;

/** A spec text validated and evaluated: the input of its verification run, or (outcome.error) why there is none. */
export interface PreparedText {
  readonly outcome: VerificationOutcome;
  readonly input?: VerificationInput;
}

/** Validates and evaluates a spec text for its verifications (what verifyText runs before the checks). */
export function prepareText(text: string, options: { readonly memoryBudget?: number } = {}): PreparedText {
  const result = validateSpec(text, { memoryBudget: options.memoryBudget });
  const { diagnostics, spec, plan } = result;
  if (!spec || !plan || hasErrors(diagnostics))
    return { outcome: { diagnostics, plan, error: l10n.t('the spec has errors; fix them to verify it') } };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(spec, plan);
    return { outcome: { diagnostics, plan, verify: spec.verify }, input: verificationInput(spec, plan, evaluation) };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { outcome: { diagnostics, plan, error: e.message } };
  }
}

/** A spec text's verifications (the Testing view, the Verify commands, `tconv verify`), or why there are none. */
export function verifyText(text: string, options: TextVerifyOptions = {}): VerificationOutcome {
  return drain(verifyTextSteps(text, options));
}

/** verifyText one check at a time (see verifySpecSteps). */
export function* verifyTextSteps(text: string, options: TextVerifyOptions = {}): Generator<void, VerificationOutcome> {
  const { memoryBudget, ...runOptions } = options;
  const { outcome, input } = prepareText(text, { memoryBudget });
  if (!input) return outcome;
  return { ...outcome, verification: yield* verifyInputSteps(input, runOptions) };
}

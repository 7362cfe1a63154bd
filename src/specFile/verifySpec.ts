/** Runs a spec's verifications (its `verify` list) on every transposed layer of an evaluated chain. */
import * as l10n from '@vscode/l10n';
import { isEngineError, verifyLayer, type VerificationResult, type VerifyOptions } from '../engine';
import type { SpecDiagnostic } from './diagnostics';
import { hasErrors } from './diagnostics';
import { evaluateSpec, type SpecEvaluation } from './evaluate';
import type { SpecModel } from './model';
import type { ChainPlan } from './plan';
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

export function verifySpec(
  spec: SpecModel,
  plan: ChainPlan,
  evaluation: SpecEvaluation,
  options: VerifyOptions = {},
): SpecVerification {
  const layers: LayerVerification[] = [];
  evaluation.layers.forEach((layer, i) => {
    if (layer.plan.kind !== 'convTranspose') return;
    // The layer right after `forward` is the transpose of that convolution: the round trip starts at the spec's input.
    // With ONNX / Keras padding or a trim on either side, the verifications check this layer's PyTorch part on its
    // own (the spec's round-trip check compares the real shapes).
    const pairedWithForward = plan.forward !== undefined && i === 0 && !plan.forward.padding && !layer.plan.padding;
    const layerOptions: VerifyOptions = {
      ...options,
      ...(pairedWithForward ? { forwardInputShape: plan.inputShape, reconstructionInput: evaluation.input } : {}),
    };
    try {
      const results = verifyLayer(
        { input: layer.input, weight: layer.weight, bias: layer.bias, options: layer.plan.params },
        spec.verify,
        layerOptions,
      );
      layers.push({ layerIndex: i, layerName: layer.plan.name, results });
    } catch (e) {
      if (!isEngineError(e)) throw e;
      layers.push({ layerIndex: i, layerName: layer.plan.name, results: [], error: e.message });
    }
  });
  const all = layers.flatMap((l) => l.results);
  const counts = {
    passed: all.filter((r) => r.passed).length,
    failed: all.filter((r) => !r.passed && !r.notRun).length,
    notRun: all.filter((r) => r.notRun).length,
  };
  const broken = layers.some((l) => l.error !== undefined);
  return { layers, passed: !broken && counts.failed === 0, counts };
}

export interface VerificationOutcome {
  readonly diagnostics: SpecDiagnostic[];
  readonly plan: ChainPlan | null;
  readonly verification?: SpecVerification;
  /** Why nothing was verified: the spec has errors, or evaluating it failed. */
  readonly error?: string;
}

/** A spec text's verifications (the Testing view, the Verify commands, `tconv verify`), or why there are none. */
export function verifyText(text: string, options: { readonly maxElements?: number } = {}): VerificationOutcome {
  const result = validateSpec(text, { maxElements: options.maxElements });
  const { diagnostics, spec, plan } = result;
  if (!spec || !plan || hasErrors(diagnostics))
    return { diagnostics, plan, error: l10n.t('the spec has errors; fix them to verify it') };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(spec, plan);
    return { diagnostics, plan, verification: verifySpec(spec, plan, evaluation) };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { diagnostics, plan, error: e.message };
  }
}

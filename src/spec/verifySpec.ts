/** Runs a spec's verifications (its `verify` list) on every transposed layer of an evaluated chain. */
import { isEngineError, verifyLayer, type VerificationResult, type VerifyOptions } from '../engine';
import type { SpecEvaluation } from './evaluate';
import type { SpecModel } from './model';
import type { ChainPlan } from './plan';

export interface LayerVerification {
  readonly layerIndex: number;
  readonly layerName: string;
  readonly results: readonly VerificationResult[];
  /** Why the layer could not be verified at all (PyTorch would reject it). */
  readonly error?: string;
}

export interface SpecVerification {
  readonly layers: readonly LayerVerification[];
  /** Every verification that ran passed, and at least one ran. */
  readonly passed: boolean;
  readonly counts: { readonly passed: number; readonly failed: number; readonly notRun: number };
}

export function verifySpec(spec: SpecModel, plan: ChainPlan, evaluation: SpecEvaluation, options: VerifyOptions = {}): SpecVerification {
  const layers: LayerVerification[] = [];
  evaluation.layers.forEach((layer, i) => {
    if (layer.plan.kind !== 'convTranspose') return;
    // The layer right after `forward` is the transpose of that convolution: the round trip starts at the spec's input.
    const pairedWithForward = plan.forward !== undefined && i === 0;
    const layerOptions: VerifyOptions = {
      ...options,
      ...(pairedWithForward ? { forwardInputShape: plan.inputShape, reconstructionInput: evaluation.input } : {}),
    };
    try {
      const results = verifyLayer({ input: layer.input, weight: layer.weight, bias: layer.bias, options: layer.plan.params }, spec.verify, layerOptions);
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
  return { layers, passed: !broken && counts.failed === 0 && counts.passed > 0, counts };
}

import * as l10n from '@vscode/l10n';
import { hasErrors, evaluateSpec, type SpecEvaluation } from '../specFile';
import type { SpecVerification } from '../specFile/verifySpec';
import type { LoadedSpec } from './load';
import type { ProgressBar } from './progressBar';
import type { CliVerifier } from './verifications';

export type Evaluated =
  { readonly ok: true; readonly evaluation: SpecEvaluation } | { readonly ok: false; readonly reason: string };

/** Values of a spec that validated without errors (its verifications: verifyLoaded). */
export function evaluateLoaded(spec: LoadedSpec): Evaluated {
  const { result } = spec;
  if (!result.spec || !result.plan || hasErrors(result.diagnostics))
    return { ok: false, reason: l10n.t('the spec has errors (see `tconv check`)') };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(result.spec, result.plan);
    return { ok: true, evaluation };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** How `verify` and `show` run a spec's verifications: apart (see verifications.ts), drawing the bar as they go. */
export interface VerifyContext {
  readonly verifier: CliVerifier;
  readonly bar: ProgressBar;
  readonly memoryBudget?: number;
}

export type Verified =
  { readonly ok: true; readonly verification: SpecVerification } | { readonly ok: false; readonly reason: string };

/** The verifications of a spec that validated without errors (the bar erased afterwards). */
export async function verifyLoaded(spec: LoadedSpec, context: VerifyContext): Promise<Verified> {
  const { result } = spec;
  if (!result.spec || !result.plan || hasErrors(result.diagnostics))
    return { ok: false, reason: l10n.t('the spec has errors (see `tconv check`)') };
  context.bar.begin(spec.path);
  try {
    const outcome = await context.verifier.run(spec.text, context.memoryBudget, (e) => context.bar.event(e));
    return outcome.verification
      ? { ok: true, verification: outcome.verification }
      : { ok: false, reason: outcome.error ?? l10n.t('not verified') };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    context.bar.clear();
  }
}

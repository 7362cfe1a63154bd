import * as l10n from '@vscode/l10n';
import { hasErrors, evaluateSpec, type SpecEvaluation } from '../specFile';
import { verificationInput } from '../specFile/verificationInput';
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
}

export type Verified =
  { readonly ok: true; readonly verification: SpecVerification } | { readonly ok: false; readonly reason: string };

/**
 * The verifications of a spec that validated without errors (the bar erased afterwards), from its values:
 * `evaluated` when the caller has them (show), else evaluated here.
 */
export async function verifyLoaded(spec: LoadedSpec, context: VerifyContext, values?: Evaluated): Promise<Verified> {
  const { result } = spec;
  if (!result.spec || !result.plan || hasErrors(result.diagnostics))
    return { ok: false, reason: l10n.t('the spec has errors (see `tconv check`)') };
  context.bar.begin(spec.path);
  try {
    const evaluated = values ?? evaluateLoaded(spec);
    if (!evaluated.ok) return evaluated;
    const input = verificationInput(result.spec, result.plan, evaluated.evaluation);
    const verification = await context.verifier.run(input, (e) => context.bar.event(e));
    return { ok: true, verification };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    context.bar.clear();
  }
}

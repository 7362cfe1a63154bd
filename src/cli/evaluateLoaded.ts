import * as l10n from '@vscode/l10n';
import { hasErrors, evaluateSpec, type SpecEvaluation } from '../specFile';
import { verifySpec, type SpecVerification } from '../specFile/verifySpec';
import type { LoadedSpec } from './load';

export type Evaluated =
  | { readonly ok: true; readonly evaluation: SpecEvaluation; readonly verification?: SpecVerification }
  | { readonly ok: false; readonly reason: string };

/** Values (and, when asked, verifications) of a spec that validated without errors. */
export function evaluateLoaded(spec: LoadedSpec, withVerification: boolean): Evaluated {
  const { result } = spec;
  if (!result.spec || !result.plan || hasErrors(result.diagnostics))
    return { ok: false, reason: l10n.t('the spec has errors (see `tconv check`)') };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(result.spec, result.plan);
    return {
      ok: true,
      evaluation,
      verification: withVerification ? verifySpec(result.spec, result.plan, evaluation) : undefined,
    };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

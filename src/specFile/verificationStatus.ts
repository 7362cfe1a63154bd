/**
 * What a spec's verification amounts to, for every place that reports it (CLI, Testing view, Verify commands,
 * preview): failed only when a check that ran failed or a layer could not be verified; a run in which nothing ran
 * (an empty `verify` list, or every check "not run") is "nothing verified", never a failure.
 */
import * as l10n from '@vscode/l10n';
import type { SpecVerification } from './verifySpec';

export type SpecVerificationStatus = 'passed' | 'failed' | 'nothingVerified';

export function verificationStatus(verification: SpecVerification): SpecVerificationStatus {
  if (!verification.passed) return 'failed';
  return verification.counts.passed > 0 ? 'passed' : 'nothingVerified';
}

/** The distinct reasons the checks of a verification were not run, in the order they first appear. */
export function notRunReasons(verification: SpecVerification): string[] {
  const reasons = verification.layers.flatMap((l) => l.results.flatMap((r) => (r.notRun ? [r.notRun] : [])));
  return [...new Set(reasons)];
}

/** Says plainly that nothing was verified and why: no check requested, or how many were not run and their reasons. */
export function nothingVerifiedText(verification: SpecVerification): string {
  const { notRun } = verification.counts;
  if (notRun === 0) return l10n.t('nothing verified: no verification requested');
  const reasons = notRunReasons(verification).join('; ');
  return notRun === 1
    ? l10n.t('nothing verified: 1 check not run ({0})', reasons)
    : l10n.t('nothing verified: {0} checks not run ({1})', notRun, reasons);
}

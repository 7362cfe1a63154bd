import { diagnosticRecord, formatDiagnostic } from '../diagnosticText';
import * as l10n from '@vscode/l10n';
import { verifyLoaded, type Verified, type VerifyContext } from '../evaluateLoaded';
import type { LoadedSpec } from '../load';
import type { Output } from '../output';
import { verificationLines } from '../showText';
import { verificationStatus, type SpecVerificationStatus } from '../../specFile/verificationStatus';

/** A spec that could not be evaluated counts as failed; one where nothing ran is "nothing verified", not failed. */
function statusOf(evaluated: Verified): SpecVerificationStatus {
  if (!evaluated.ok) return 'failed';
  return verificationStatus(evaluated.verification);
}

function summaryLine(statuses: readonly SpecVerificationStatus[]): string {
  const count = (s: SpecVerificationStatus) => statuses.filter((t) => t === s).length;
  const [good, bad, nothing] = [count('passed'), count('failed'), count('nothingVerified')];
  if (nothing === 0)
    return statuses.length === 1
      ? l10n.t('1 spec verified: {0} passed, {1} failed', good, bad)
      : l10n.t('{0} specs verified: {1} passed, {2} failed', statuses.length, good, bad);
  return statuses.length === 1
    ? l10n.t('1 spec: nothing verified, not a failure')
    : l10n.t('{0} specs: {1} passed, {2} failed, {3} with nothing verified', statuses.length, good, bad, nothing);
}

/**
 * `tconv verify`: runs each spec's verifications; exit 1 when a check that ran fails or a spec cannot be
 * evaluated. A spec where nothing ran (empty `verify`, or every check not run) says so and does not fail.
 */
export async function runVerify(specs: readonly LoadedSpec[], out: Output, context: VerifyContext): Promise<number> {
  const reports: { spec: LoadedSpec; evaluated: Verified; status: SpecVerificationStatus }[] = [];
  for (const spec of specs) {
    const evaluated = await verifyLoaded(spec, context);
    reports.push({ spec, evaluated, status: statusOf(evaluated) });
    // Text: each spec as soon as it is verified (the bar is erased first).
    if (!out.json) writeReport(spec, evaluated, out);
  }
  if (out.json) {
    out.writeJson(
      reports.map(({ spec, evaluated, status }) => ({
        file: spec.path,
        passed: status !== 'failed',
        status,
        ...(evaluated.ok
          ? { verification: evaluated.verification }
          : { error: evaluated.reason, diagnostics: spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)) }),
      })),
    );
  } else out.line(out.style.dim(summaryLine(reports.map((r) => r.status))));
  return reports.every((r) => r.status !== 'failed') ? 0 : 1;
}

function writeReport(spec: LoadedSpec, evaluated: Verified, out: Output): void {
  const { style } = out;
  out.line(style.bold(spec.path));
  if (!evaluated.ok) {
    for (const d of spec.result.diagnostics)
      out.lines(formatDiagnostic(diagnosticRecord(spec, d), style).map((l) => `  ${l}`));
    out.line(`  ${style.red('✘')} ${l10n.t('not verified: {0}', evaluated.reason)}`);
  } else out.lines(verificationLines(evaluated.verification, style).slice(1));
}

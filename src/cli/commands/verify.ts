import { diagnosticRecord, formatDiagnostic } from '../diagnosticText';
import * as l10n from '@vscode/l10n';
import { evaluateLoaded } from '../evaluateLoaded';
import type { LoadedSpec } from '../load';
import type { Output } from '../output';
import { verificationLines } from '../showText';

/** `tconv verify`: runs each spec's verifications; exit 1 when any fails or a spec cannot be evaluated. */
export function runVerify(specs: readonly LoadedSpec[], out: Output): number {
  const reports = specs.map((spec) => ({ spec, evaluated: evaluateLoaded(spec, true) }));
  const passed = (r: (typeof reports)[number]) => r.evaluated.ok && r.evaluated.verification?.passed === true;
  if (out.json) {
    out.writeJson(
      reports.map(({ spec, evaluated }) => ({
        file: spec.path,
        passed: evaluated.ok && evaluated.verification?.passed === true,
        ...(evaluated.ok
          ? { verification: evaluated.verification }
          : { error: evaluated.reason, diagnostics: spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)) }),
      })),
    );
  } else {
    const { style } = out;
    for (const { spec, evaluated } of reports) {
      out.line(style.bold(spec.path));
      if (!evaluated.ok) {
        for (const d of spec.result.diagnostics)
          out.lines(formatDiagnostic(diagnosticRecord(spec, d), style).map((l) => `  ${l}`));
        out.line(`  ${style.red('✘')} ${l10n.t('not verified: {0}', evaluated.reason)}`);
      } else if (evaluated.verification) {
        out.lines(
          verificationLines(evaluated.verification, style)
            .slice(1)
            .map((l) => `${l}`),
        );
      }
    }
    const good = reports.filter(passed).length;
    out.line(
      style.dim(
        reports.length === 1
          ? l10n.t('1 spec verified: {0} passed, {1} failed', good, reports.length - good)
          : l10n.t('{0} specs verified: {1} passed, {2} failed', reports.length, good, reports.length - good),
      ),
    );
  }
  return reports.every(passed) ? 0 : 1;
}

import { diagnosticRecord, formatDiagnostic } from '../diagnosticText';
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
        ...(evaluated.ok ? { verification: evaluated.verification } : { error: evaluated.reason, diagnostics: spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)) }),
      })),
    );
  } else {
    const { style } = out;
    for (const { spec, evaluated } of reports) {
      out.line(style.bold(spec.path));
      if (!evaluated.ok) {
        for (const d of spec.result.diagnostics) out.lines(formatDiagnostic(diagnosticRecord(spec, d), style).map((l) => `  ${l}`));
        out.line(`  ${style.red('✘')} not verified: ${evaluated.reason}`);
      } else if (evaluated.verification) {
        out.lines(verificationLines(evaluated.verification, style).slice(1).map((l) => `${l}`));
      }
    }
    const good = reports.filter(passed).length;
    out.line(style.dim(`${reports.length} spec${reports.length === 1 ? '' : 's'} verified: ${good} passed, ${reports.length - good} failed`));
  }
  return reports.every(passed) ? 0 : 1;
}

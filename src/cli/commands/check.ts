import { diagnosticRecord, formatDiagnostic, type DiagnosticRecord } from '../diagnosticText';
import * as l10n from '@vscode/l10n';
import type { LoadedSpec } from '../load';
import type { Output } from '../output';

export interface CheckSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

/** "3 specs checked: 2 without errors, 1 error, 0 warnings". */
function checkSummaryText(summary: CheckSummary, clean: number): string {
  const errors = summary.errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', summary.errors);
  const warnings = summary.warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', summary.warnings);
  return summary.files === 1
    ? l10n.t('1 spec checked: {0} without errors, {1}, {2}', clean, errors, warnings)
    : l10n.t('{0} specs checked: {1} without errors, {2}, {3}', summary.files, clean, errors, warnings);
}

/** `tconv check`: every diagnostic of every spec; exit code 1 when any spec has an error. */
export function runCheck(specs: readonly LoadedSpec[], out: Output): number {
  const records: DiagnosticRecord[] = specs.flatMap((spec) =>
    spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)),
  );
  const summary: CheckSummary = {
    files: specs.length,
    errors: records.filter((r) => r.severity === 'error').length,
    warnings: records.filter((r) => r.severity === 'warning').length,
  };
  if (out.json) {
    out.writeJson({ summary, diagnostics: records });
  } else {
    for (const r of records) out.lines(formatDiagnostic(r, out.style));
    const clean = specs.length - new Set(records.filter((r) => r.severity === 'error').map((r) => r.file)).size;
    out.line(out.style.dim(checkSummaryText(summary, clean)));
  }
  return summary.errors > 0 ? 1 : 0;
}

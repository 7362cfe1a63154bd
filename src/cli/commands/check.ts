import { diagnosticRecord, formatDiagnostic, type DiagnosticRecord } from '../diagnosticText';
import type { LoadedSpec } from '../load';
import type { Output } from '../output';

export interface CheckSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

/** `tconv check`: every diagnostic of every spec; exit code 1 when any spec has an error. */
export function runCheck(specs: readonly LoadedSpec[], out: Output): number {
  const records: DiagnosticRecord[] = specs.flatMap((spec) => spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)));
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
    out.line(out.style.dim(`${summary.files} spec${summary.files === 1 ? '' : 's'} checked: ${clean} without errors, ${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`));
  }
  return summary.errors > 0 ? 1 : 0;
}

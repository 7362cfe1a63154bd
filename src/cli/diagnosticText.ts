import type { SpecDiagnostic } from '../specFile';
import type { LoadedSpec } from './load';
import type { Style } from './style';

export interface DiagnosticRecord {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: SpecDiagnostic['severity'];
  readonly code: string;
  readonly message: string;
  readonly fixes: string[];
  readonly related: { line: number; column: number; message: string }[];
}

export function diagnosticRecord(spec: LoadedSpec, d: SpecDiagnostic): DiagnosticRecord {
  const start = spec.lines.positionAt(d.offset);
  const end = spec.lines.positionAt(d.offset + d.length);
  return {
    file: spec.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: d.severity,
    code: d.code,
    message: d.message,
    fixes: (d.fixes ?? []).map((f) => f.title),
    related: (d.related ?? []).map((r) => ({ ...spec.lines.positionAt(r.offset), message: r.message })),
  };
}

const SEVERITY_COLOR: Record<SpecDiagnostic['severity'], keyof Style> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
  hint: 'dim',
};

/** `file:line:col: severity code: message`, the form compilers print and editors and CI annotate. */
export function formatDiagnostic(r: DiagnosticRecord, style: Style): string[] {
  const lines = [
    `${style.bold(`${r.file}:${r.line}:${r.column}`)}: ${style[SEVERITY_COLOR[r.severity]](r.severity)} ${style.dim(r.code)}: ${r.message}`,
  ];
  for (const rel of r.related) lines.push(`  ${r.file}:${rel.line}:${rel.column}: note: ${rel.message}`);
  for (const fix of r.fixes) lines.push(`  ${style.green('fix')}: ${fix}`);
  return lines;
}

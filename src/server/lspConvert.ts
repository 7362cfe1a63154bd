/** Spec offsets and diagnostics → Language Server Protocol ranges and diagnostics. */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity, SpecDiagnostic } from '../specFile';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(document: TextDocument, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

export function toLspDiagnostic(document: TextDocument, d: SpecDiagnostic, docsUrl: string | undefined): Diagnostic {
  return {
    range: rangeOf(document, d.offset, d.length),
    message: d.message,
    severity: SEVERITY[d.severity],
    source: 'tconv',
    code: d.code,
    ...(docsUrl ? { codeDescription: { href: `${docsUrl}#${d.code}` } } : {}),
    ...(d.related?.length
      ? {
          relatedInformation: d.related.map((r) => ({
            location: { uri: document.uri, range: rangeOf(document, r.offset, r.length) },
            message: r.message,
          })),
        }
      : {}),
  };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Spec diagnostics as the webview shows them: with 1-based line and column. */
import type { PreviewDiagnostic } from '../webviewProtocol';
import { LineIndex, type SpecDiagnostic } from '../specFile';

export function toPreviewDiagnostics(text: string, diagnostics: readonly SpecDiagnostic[]): PreviewDiagnostic[] {
  if (diagnostics.length === 0) return [];
  // Indexing the lines of a large paste takes milliseconds: only when there is something to place.
  const lines = new LineIndex(text);
  return diagnostics.map((d) => {
    const { line, column } = lines.positionAt(d.offset);
    return { code: d.code, message: d.message, severity: d.severity, line, column, offset: d.offset, length: d.length };
  });
}

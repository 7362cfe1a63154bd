/**
 * Diagnostics as you type: the first check of a document runs at once, later edits are debounced per document,
 * and a result is published only if the document still has the version it was computed for.
 */
import * as vscode from 'vscode';
import type { SpecDiagnostic } from '../spec';
import { isSpecDocument, toRange } from './specDocuments';
import { readSettings } from './settings';
import type { AnalyzedDocument, SpecAnalyses } from './specAnalyses';

const SEVERITY: Record<SpecDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toVscodeDiagnostic(document: vscode.TextDocument, d: SpecDiagnostic, docsUri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, d.offset, d.length), d.message, SEVERITY[d.severity]);
  diagnostic.source = 'tconv';
  diagnostic.code = { value: d.code, target: docsUri.with({ fragment: d.code }) };
  if (d.related?.length) {
    diagnostic.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, r.offset, r.length)), r.message));
  }
  return diagnostic;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tconv');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly analyses: SpecAnalyses,
    private readonly docsUri: vscode.Uri,
  ) {
    this.subscriptions.push(
      this.collection,
      analyses.onDidAnalyze((e) => this.publish(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.request(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.request(e.document, readSettings(e.document.uri).diagnosticsDelay)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d)),
    );
    for (const d of vscode.workspace.textDocuments) this.request(d, 0);
  }

  /** Checks every open spec again (after a settings change). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.request(d, 0);
  }

  private request(document: vscode.TextDocument, delay: number): void {
    if (!isSpecDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const run = () => {
      this.timers.delete(key);
      if (!document.isClosed) this.analyses.get(document).catch(() => undefined);
    };
    if (delay === 0) run();
    else this.timers.set(key, setTimeout(run, delay));
  }

  private publish({ document, version, analysis }: AnalyzedDocument): void {
    if (document.isClosed || document.version !== version) return;
    this.collection.set(document.uri, analysis.diagnostics.map((d) => toVscodeDiagnostic(document, d, this.docsUri)));
  }

  private clear(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
    this.analyses.forget(document);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
  }
}

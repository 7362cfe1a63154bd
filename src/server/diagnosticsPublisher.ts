/**
 * Diagnostics as you type: the first check of a document is immediate, later edits are checked once typing has
 * paused for the diagnostics delay. Each check publishes the document's diagnostics, with its version, and tells
 * the client what the status bar shows.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import type { DocumentAnalyses } from './documentAnalyses';
import { toLspDiagnostic } from './lspConvert';
import { AnalyzedNotification, type AnalyzedParams, type TconvServerSettings } from './protocol';
import { shapeStatus } from './shapeStatus';

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents checked at least once since they were opened. */
  private readonly checked = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: DocumentAnalyses,
    private readonly settings: () => TconvServerSettings,
    private readonly docsUrl: string | undefined,
    /** Whether the client listens for tconv/analyzed (tconv's VS Code extension does). */
    private readonly statusNotifications: boolean,
  ) {
    documents.onDidChangeContent(({ document }) => this.schedule(document));
    documents.onDidClose(({ document }) => this.close(document));
  }

  /** Checks every open document again (after a settings change). */
  refreshAll(): void {
    for (const document of this.documents.all()) this.check(document.uri);
  }

  private schedule(document: TextDocument): void {
    const uri = document.uri;
    clearTimeout(this.timers.get(uri));
    const delay = this.checked.has(uri) ? this.settings().diagnosticsDelay : 0;
    if (delay === 0) return this.check(uri);
    this.timers.set(
      uri,
      setTimeout(() => this.check(uri), delay),
    );
  }

  private check(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    this.checked.add(uri);
    const result = this.analyses.get(document);
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(document, d, this.docsUrl));
    void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    if (!this.statusNotifications) return;
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const analyzed: AnalyzedParams = { uri, version: document.version, status: shapeStatus(result), errors };
    void this.connection.sendNotification(AnalyzedNotification, analyzed);
  }

  private close(document: TextDocument): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.checked.delete(document.uri);
    this.analyses.forget(document.uri);
    void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }
}

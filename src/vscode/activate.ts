/** Wires the editor features together; shared by the desktop (Node) and web entry points. */
import * as vscode from 'vscode';
import { AnalysisClient, type TextTraffic, type WorkerFactory } from './analysisClient';
import { CANCEL_AFTER_MS } from './cancelLimits';
import { LayerCodeLensProvider } from './codeLens';
import { localizedWorkers, localizeHost } from './localizedWorkers';
import { registerCommands } from './commands';
import { DiagnosticsPublisher } from './diagnostics';
import { SpecHoverProvider } from './hovers';
import { PreviewManager } from './preview/previewManager';
import { QuickFixProvider } from './quickFixes';
import { SpecAnalyses } from './specAnalyses';
import { SPEC_SELECTOR } from './specDocuments';
import { trackDocumentEdits } from './specText';
import { ShapeStatusBar } from './statusBar';
import { SpecTests } from './testing';

/** What the extension returns from activate(): used by the integration tests to reach its state. */
export interface TconvApi {
  readonly analyses: SpecAnalyses;
  readonly tests: SpecTests;
  readonly previews: PreviewManager;
  readonly quickFixes: QuickFixProvider;
  /** How long activateTconv took, in milliseconds (reported by the benchmarks). */
  readonly activationMs: number;
  /** How the diagnostics, verify and preview clients have sent texts to their workers so far. */
  readonly traffic: { readonly analysis: TextTraffic; readonly verify: TextTraffic; readonly preview: TextTraffic };
}

export function activateTconv(context: vscode.ExtensionContext, createPlainWorker: WorkerFactory): TconvApi {
  const started = performance.now();
  localizeHost(vscode.l10n.bundle);
  // First, so the edit logs hear of each change before anything that analyses on it.
  context.subscriptions.push(trackDocumentEdits());
  const createWorker = localizedWorkers(createPlainWorker, vscode.l10n.bundle);
  const analysisClient = new AnalysisClient(createWorker, { cancelAfterMs: CANCEL_AFTER_MS.diagnostics, warmSpare: true });
  const verifyClient = new AnalysisClient(createWorker, { cancelAfterMs: CANCEL_AFTER_MS.verify });
  const previewClient = new AnalysisClient(createWorker, { cancelAfterMs: CANCEL_AFTER_MS.preview });
  const analyses = new SpecAnalyses(analysisClient);
  const docsUri = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  const diagnostics = new DiagnosticsPublisher(analyses, docsUri);
  const codeLens = new LayerCodeLensProvider(analyses);
  const tests = new SpecTests(verifyClient);
  const previews = new PreviewManager(context, previewClient);
  const quickFixes = new QuickFixProvider(analyses);

  context.subscriptions.push(
    { dispose: () => analysisClient.dispose() },
    { dispose: () => verifyClient.dispose() },
    { dispose: () => previewClient.dispose() },
    analyses,
    diagnostics,
    codeLens,
    tests,
    previews,
    new ShapeStatusBar(analyses),
    vscode.languages.registerHoverProvider(SPEC_SELECTOR, new SpecHoverProvider(analyses)),
    vscode.languages.registerCodeActionsProvider(SPEC_SELECTOR, quickFixes, QuickFixProvider.metadata),
    vscode.languages.registerCodeLensProvider(SPEC_SELECTOR, codeLens),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tconv')) return;
      analyses.invalidateAll();
      diagnostics.refreshAll();
      previews.refreshAll();
    }),
    ...registerCommands({ tests, previews, extensionUri: context.extensionUri }),
  );
  const traffic = { analysis: analysisClient.traffic, verify: verifyClient.traffic, preview: previewClient.traffic };
  return { analyses, tests, previews, quickFixes, activationMs: performance.now() - started, traffic };
}

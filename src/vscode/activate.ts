/** Wires the editor features together; shared by the desktop (Node) and web entry points. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { clientOptions, TconvClient, type ClientFactory } from './languageClient';
import { PreviewManager } from './preview/previewManager';
import { ShapeStatusBar } from './statusBar';
import { SpecTests } from './testing';
import { VerificationRuns } from './verificationRuns';

/** What the extension returns from activate(): used by the integration tests to reach its state. */
export interface TconvApi {
  readonly client: TconvClient;
  /** Resolves once the language server has started. */
  readonly ready: Promise<void>;
  readonly tests: SpecTests;
  readonly previews: PreviewManager;
  readonly statusBar: ShapeStatusBar;
  /** How long activateTconv took, in milliseconds (reported by the benchmarks). */
  readonly activationMs: number;
}

export function activateTconv(context: vscode.ExtensionContext, createClient: ClientFactory): TconvApi {
  const started = performance.now();
  // The host's own messages (the Testing view, the preview's strings) translate through @vscode/l10n too.
  if (vscode.l10n.bundle) l10n.config({ contents: { ...vscode.l10n.bundle } });
  const languageClient = createClient(
    'tconv',
    vscode.l10n.t('Transposed Convolution'),
    clientOptions(context.extensionUri),
  );
  const client = new TconvClient(languageClient);
  const runs = new VerificationRuns();
  const tests = new SpecTests(client, runs);
  const previews = new PreviewManager(context, client, runs);
  const statusBar = new ShapeStatusBar(languageClient);
  context.subscriptions.push(
    { dispose: () => void languageClient.stop() },
    runs,
    tests,
    previews,
    statusBar,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tconv')) previews.refreshAll();
    }),
    ...registerCommands({ tests, previews, client, extensionUri: context.extensionUri }),
  );
  const ready = languageClient.start();
  ready.catch((e: unknown) => console.error('tconv: the language server did not start', e));
  return { client, ready, tests, previews, statusBar, activationMs: performance.now() - started };
}

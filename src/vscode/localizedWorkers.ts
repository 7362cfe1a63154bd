/**
 * Translations for the analysis: VS Code loads the extension's bundle for the display language
 * (`vscode.l10n.bundle`); the pure layers translate through `@vscode/l10n`, which has its own copy in the
 * host and one in every worker, so each gets the bundle before its first message.
 */
import * as l10n from '@vscode/l10n';
import type { L10nBundle } from '../analysis/protocol';
import type { WorkerFactory } from './analysisClient';

/** Gives the host's `@vscode/l10n` the bundle (hovers and the in-host fallback translate there). */
export function localizeHost(bundle: L10nBundle | undefined): void {
  if (bundle) l10n.config({ contents: { ...bundle } });
}

/** Workers that receive the bundle as their first message; unchanged when VS Code runs in English. */
export function localizedWorkers(createWorker: WorkerFactory, bundle: L10nBundle | undefined): WorkerFactory {
  if (!bundle) return createWorker;
  return () => {
    const worker = createWorker();
    worker.postMessage({ kind: 'l10n', id: 0, bundle });
    return worker;
  };
}

import * as vscode from 'vscode';
import type { WorkerLike } from '../analysisClient';
import { activateTconv, type TconvApi } from '../activate';
import { inlineWorker } from '../inlineWorker';

// The web extension host is a web worker: it has Worker, which the Node-typed build does not declare.
declare const Worker: new (url: string) => {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: never }) => void): void;
  addEventListener(type: 'error', listener: (e: { message: string }) => void): void;
  terminate(): void;
};

function webWorker(url: string): WorkerLike {
  try {
    const worker = new Worker(url);
    return {
      postMessage: (m) => worker.postMessage(m),
      onMessage: (l) => worker.addEventListener('message', (e) => l(e.data)),
      onFailure: (l) => worker.addEventListener('error', (e) => l(new Error(e.message))),
      terminate: () => worker.terminate(),
    };
  } catch (e) {
    console.error('tconv: cannot start the analysis worker, analysing in the extension host', e);
    return inlineWorker();
  }
}

export function activate(context: vscode.ExtensionContext): TconvApi {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'analysisWorker.js').toString(true);
  return activateTconv(context, () => webWorker(url));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

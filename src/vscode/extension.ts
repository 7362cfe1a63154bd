import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { WorkerLike } from './analysisClient';
import { activateTconv, type TconvApi } from './activate';
import { inlineWorker } from './inlineWorker';

function nodeWorker(script: string): WorkerLike {
  try {
    const worker = new Worker(script);
    return {
      postMessage: (m) => worker.postMessage(m),
      onMessage: (l) => worker.on('message', l),
      onFailure: (l) => {
        worker.on('error', l);
        worker.on('exit', (code) => l(new Error(`exited with code ${code}`)));
      },
      terminate: () => void worker.terminate(),
    };
  } catch (e) {
    console.error('tconv: cannot start the analysis worker, analysing in the extension host', e);
    return inlineWorker();
  }
}

export function activate(context: vscode.ExtensionContext): TconvApi {
  const script = path.join(context.extensionPath, 'dist', 'analysisWorker.js');
  return activateTconv(context, () => nodeWorker(script));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

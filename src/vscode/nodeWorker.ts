import * as l10n from '@vscode/l10n';
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from './analysisClient';
import { inlineWorker } from './inlineWorker';

/** The analysis worker as a Node worker thread (desktop extension host, benchmarks); in-host if it cannot start. */
export function nodeWorker(script: string): WorkerLike {
  try {
    const worker = new Worker(script);
    return {
      postMessage: (m) => worker.postMessage(m),
      onMessage: (l) => worker.on('message', l),
      onFailure: (l) => {
        worker.on('error', l);
        worker.on('exit', (code) => l(new Error(l10n.t('exited with code {0}', code))));
      },
      terminate: () => void worker.terminate(),
    };
  } catch (e) {
    console.error('tconv: cannot start the analysis worker, analysing in the extension host', e);
    return inlineWorker();
  }
}

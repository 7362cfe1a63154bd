import { ANALYSIS_FUNCTIONS } from '../analysis/functions';
import { requestHandler, type AnalysisResponse } from '../analysis/protocol';
import type { WorkerLike } from './analysisClient';

/** The analysis in the host itself, one macrotask later: the fallback where no worker can be started. */
export function inlineWorker(): WorkerLike {
  let listener: ((m: AnalysisResponse) => void) | undefined;
  let terminated = false;
  const handle = requestHandler(ANALYSIS_FUNCTIONS);
  return {
    postMessage(request) {
      setTimeout(() => {
        if (terminated) return;
        const response = handle(request);
        if (response) listener?.(response);
      }, 0);
    },
    onMessage(l) {
      listener = l;
    },
    onFailure() {
      // Runs in the host: a failure is a rejected request, never a dead worker.
    },
    terminate() {
      terminated = true;
    },
  };
}

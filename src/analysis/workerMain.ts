/** Entry of the analysis worker bundle: a Node worker thread on desktop, a Web Worker in the browser. */
import { ANALYSIS_FUNCTIONS } from './functions';
import { requestHandler, type AnalysisResponse, type WorkerRequest } from './protocol';

interface Port {
  on(event: 'message', listener: (m: WorkerRequest) => void): void;
  postMessage(m: AnalysisResponse): void;
}

const handle = requestHandler(ANALYSIS_FUNCTIONS);

function answer(message: WorkerRequest, post: (m: AnalysisResponse) => void): void {
  const response = handle(message);
  if (response) post(response);
}

declare const __TCONV_WEB__: boolean;

if (__TCONV_WEB__) {
  const scope = globalThis as unknown as { onmessage: (e: { data: WorkerRequest }) => void; postMessage(m: AnalysisResponse): void };
  scope.onmessage = (e) => answer(e.data, (m) => scope.postMessage(m));
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort } = require('node:worker_threads') as { parentPort: Port | null };
  parentPort?.on('message', (m) => answer(m, (r) => parentPort.postMessage(r)));
}

/** The webview side of VS Code: postMessage to the host, and the state VS Code keeps across reloads. */
import type { PreviewState, WebviewMessage } from '../../src/webviewProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}

/** acquireVsCodeApi may be called once per page; this is that call. */
export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}

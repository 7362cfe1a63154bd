/**
 * The page's stand-in for VS Code's webview API, injected before any page script (page.addInitScript, which
 * CSP does not govern): acquireVsCodeApi records posted messages and getState/setState; the page also records
 * every CSP violation and whether any injected script ran (window.__tconvPwned).
 */
import type { PreviewState } from '../../src/webviewProtocol';

export function fakeVscodeApiScript(initialState: PreviewState | null): string {
  return `(() => {
  const record = { posted: [], states: [], state: ${JSON.stringify(initialState)}, violations: [], acquireCalls: 0 };
  Object.defineProperty(window, '__tconvTest', { value: record });
  document.addEventListener('securitypolicyviolation', (e) => {
    record.violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  });
  window.acquireVsCodeApi = () => {
    record.acquireCalls++;
    if (record.acquireCalls > 1) throw new Error('acquireVsCodeApi may only be called once');
    return Object.freeze({
      postMessage: (message) => { record.posted.push(JSON.parse(JSON.stringify(message))); },
      getState: () => record.state,
      setState: (state) => { record.state = JSON.parse(JSON.stringify(state)); record.states.push(record.state); },
    });
  };
})();`;
}

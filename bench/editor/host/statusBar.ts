/**
 * ShapeStatusBar's part: each tconv/analyzed notification kept by document URI and shown when its document is the
 * active one. Timed as the client step "status bar" while a spec runs.
 */
import { AnalyzedNotification, type AnalyzedParams } from '../../../src/server/protocol';
import type { ServerSession } from '../lsp/serverProcess';
import type { CaseRun } from './caseRun';
import { asUri } from './converters';

export function trackStatus(session: ServerSession, currentRun: () => CaseRun | undefined): void {
  const latest = new Map<string, AnalyzedParams>();
  session.connection.onNotification(AnalyzedNotification, (analyzed) => {
    const show = () => {
      latest.set(asUri(analyzed.uri).toString(), analyzed);
      return { text: analyzed.status.text, tooltip: analyzed.status.tooltip, command: analyzed.status.command };
    };
    const run = currentRun();
    if (!run) {
      show();
      return;
    }
    run.receive('status bar', analyzed);
    run.sync('status bar', show);
  });
}

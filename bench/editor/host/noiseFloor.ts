/**
 * The host-block bench's noise floor: the event loop's longest delay while the client idles and the server
 * validates a 10 MB spec after a one-character edit. On a 2-vCPU machine a busy server can delay an idle client.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { OpenDocument } from '../lsp/openDocument';
import type { ServerSession } from '../lsp/serverProcess';
import { HUGE_FAMILY, type BenchCase } from './corpus';
import { collectGarbage, nextTurns } from './idle';
import type { RunInfo } from './report';
import { StallMonitor } from './threadTimes';

/** The event loop's longest delay while the client idles and the server validates a 10 MB spec after an edit. */
export async function noiseFloor(session: ServerSession, cases: readonly BenchCase[]): Promise<RunInfo['noiseFloor']> {
  const huge = cases.find((c) => c.family.startsWith(HUGE_FAMILY));
  if (!huge) return undefined;
  const uri = 'file:///ws/noise-floor.tconv.json';
  const document = new OpenDocument(session.connection, uri, huge.text());
  const opened = session.diagnostics.wait(uri, 1);
  await document.open();
  await opened;
  const change = document.edit(0, 0, ' ');
  collectGarbage();
  await nextTurns(250);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const stalls = new StallMonitor();
  loop.enable();
  stalls.start();
  await nextTurns(3);
  const checked = session.diagnostics.wait(uri, document.version);
  await document.send(change);
  await checked;
  await nextTurns(2);
  stalls.stop();
  loop.disable();
  const closed = session.diagnostics.wait(uri);
  await document.close();
  await closed;
  return { spec: huge.family, maxMs: loop.max / 1e6, stall: stalls.longest };
}

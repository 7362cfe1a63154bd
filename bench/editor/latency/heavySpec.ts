/**
 * A keystroke while the server evaluates: the DCGAN chain with an `expect.output` makes its check evaluate the
 * whole chain (~0.2 GFLOP). The spec is opened (checked at once) and a keystroke follows 50 ms later; the server
 * handles one message at a time, so the keystroke's diagnostics wait for the running check to end.
 */
import type { ServerSession } from '../lsp/serverProcess';
import { openSpec, Typist } from './keystrokes';
import { monitorLoop } from './loopMonitor';

export interface EditDuringEvaluation {
  /** didOpen → diagnostics of the opened version (the check with the whole evaluation). */
  readonly openCheckMs: number;
  /** The keystroke typed 50 ms after didOpen → its diagnostics (its own check evaluates the chain again). */
  readonly nextEditAnsweredMs: number;
  readonly nextEditDiagnostics: string[];
  /** The client's longest event-loop block meanwhile (ms). */
  readonly hostLongestBlockMs: number;
}

/** The DCGAN chain with an expected output (zeros, 3×64×64): checking it evaluates every layer. */
export function heavySpec(base: string): string {
  const spec = JSON.parse(base) as Record<string, unknown>;
  const zeros = Array.from({ length: 3 }, () => Array.from({ length: 64 }, () => new Array<number>(64).fill(0)));
  return JSON.stringify({ ...spec, expect: { ...(spec.expect as object), output: zeros } });
}

export async function editDuringEvaluation(
  session: ServerSession,
  uri: string,
  text: string,
): Promise<EditDuringEvaluation> {
  const loop = await monitorLoop();
  const { document, checked } = await openSpec(session, uri, text);
  await new Promise((r) => setTimeout(r, 50));
  const { sentAt, published } = await new Typist(session, document).key();
  const openCheckMs = await checked;
  const answered = await published;
  const hostLongestBlockMs = loop.stop();
  const closed = session.diagnostics.wait(uri);
  await document.close();
  await closed;
  return {
    openCheckMs,
    nextEditAnsweredMs: answered.receivedAt - sentAt,
    nextEditDiagnostics: answered.params.diagnostics.map((d) => String(d.code)),
    hostLongestBlockMs,
  };
}
